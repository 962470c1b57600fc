/**
 * A second `npm start` while the first is running: one clear line naming the busy port's variable,
 * a non-zero exit, no unhandled 'error' event and no stack trace.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { freePort, runScript } from './serverProcess';

let busy: net.Server;
let busyPort: number;
let dataDir: string;
const dbName = `wbt_t_port_${process.pid}_${randomBytes(3).toString('hex')}`;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'wbt-port-'));
  busy = net.createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => busy.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

const run = (script: string, env: Record<string, string>) =>
  runScript(script, [], { HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: `mysql://root@127.0.0.1:3306/${dbName}`, LOG_LEVEL: 'warn', ...env });

const oneLine = (s: string) => s.trim().split('\n');

describe('a second start on a busy port', () => {
  it('the WeChat stand-in: one line naming WECHAT_STANDIN_PORT, exit 1', async () => {
    const res = await run('scripts/start-demo.ts', { PORT: String(await freePort()), WECHAT_STANDIN_PORT: String(busyPort) });
    expect(res.code).toBe(1);
    expect(oneLine(res.stderr)).toEqual([expect.stringContaining(`端口 ${busyPort} 已被占用（WECHAT_STANDIN_PORT）`)]);
    expect(res.stderr).not.toMatch(/\n\s+at |Unhandled|node:events/);
  }, 60_000);

  it('the server: one line naming PORT, exit 1, before touching the database', async () => {
    const res = await run('scripts/start-demo.ts', { PORT: String(busyPort), WECHAT_STANDIN_PORT: String(await freePort()) });
    expect(res.code).toBe(1);
    expect(oneLine(res.stderr)).toEqual([expect.stringContaining(`端口 ${busyPort} 已被占用（PORT）`)]);
    expect(res.stderr).not.toMatch(/\n\s+at /);
    const root = await mysql.createConnection({ uri: 'mysql://root@127.0.0.1:3306/' });
    try {
      const [dbs] = (await root.query('SHOW DATABASES LIKE ?', [dbName])) as unknown as [unknown[]];
      expect(dbs).toHaveLength(0);
    } finally {
      await root.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
      await root.end();
    }
  }, 60_000);

  it('npm start checks both ports before rebuilding the H5 app', async () => {
    const res = await run('scripts/check-ports.ts', { PORT: String(busyPort) });
    expect(res.code).toBe(1);
    expect(oneLine(res.stderr)).toEqual([expect.stringContaining('（PORT）')]);
    const free = await run('scripts/check-ports.ts', { PORT: String(await freePort()), WECHAT_STANDIN_PORT: String(await freePort()) });
    expect(free).toMatchObject({ code: 0, stderr: '' });
  }, 60_000);
});

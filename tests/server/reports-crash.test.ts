/**
 * An acknowledged report survives a crash of the server process: a real server process (tsx
 * server/src/main.ts) takes a report with a photo, is killed with SIGKILL right after the 201, and a
 * new process on the same database and data folder still opens the receipt and serves the photo.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { dropDatabase } from '../../server/src/db/client';
import { jpegWithGps, newKey } from './reportsFixtures';

const ROOT = path.resolve(__dirname, '../..');
const dbName = `wbt_t_crash_${process.pid}_${randomBytes(3).toString('hex')}`;
const databaseUrl = `mysql://root@127.0.0.1:3306/${dbName}`;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'wbt-crash-'));
const env = {
  ...process.env,
  APP_MODE: 'demo', // with explicit secrets: the demo township, none written to DATA_DIR
  DATABASE_URL: databaseUrl,
  JWT_SECRET: randomBytes(32).toString('base64'),
  DATA_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  INDEX_KEY: randomBytes(32).toString('base64'),
  DATA_DIR: dataDir,
  PASSWORD_COST: '1024',
  LOG_LEVEL: 'info',
  HOST: '127.0.0.1',
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function startServer(): Promise<{ proc: ChildProcess; base: string }> {
  const port = await freePort();
  // One process (node with tsx as a loader), so SIGKILL really kills the server itself.
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: ROOT, env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
    proc.stdout!.on('data', (chunk) => {
      out += String(chunk);
      if (out.includes('server listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.stderr!.on('data', (chunk) => (out += String(chunk)));
    proc.on('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
  return { proc, base: `http://127.0.0.1:${port}` };
}

const kill = (proc: ChildProcess) =>
  new Promise<void>((resolve) => {
    proc.once('exit', () => {
      proc.stdout?.destroy();
      proc.stderr?.destroy();
      resolve();
    });
    proc.kill('SIGKILL');
  });

afterAll(async () => {
  await dropDatabase(databaseUrl);
  rmSync(dataDir, { recursive: true, force: true });
});

it('keeps an acknowledged report, its photo and its receipt across a SIGKILL of the server', async () => {
  const first = await startServer();
  const orgs = await (await fetch(`${first.base}/api/public/orgs`)).json();
  const villageId = orgs.townships[0].villages[0].id;
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(await jpegWithGps())], { type: 'image/jpeg' }), 'p.jpg');
  const up = await (await fetch(`${first.base}/api/uploads/images`, { method: 'POST', body: form })).json();
  const res = await fetch(`${first.base}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': newKey() },
    body: JSON.stringify({ kind: 'harm', anonymous: true, orgId: villageId, account: '崩溃测试：孩子晚上一个人在外面', attachments: [{ fileId: up.fileId, ticket: up.ticket }] }),
  });
  expect(res.status).toBe(201);
  const { receiptCode, id } = await res.json();
  await kill(first.proc); // no graceful shutdown

  const second = await startServer();
  try {
    const sess = await fetch(`${second.base}/api/receipts/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ receiptCode }) });
    expect(sess.status).toBe(200);
    const { token } = await sess.json();
    const view = await (await fetch(`${second.base}/api/receipts/report`, { headers: { 'x-receipt-token': token } })).json();
    expect(view).toMatchObject({ id, status: 'received' });
    const login = await (await fetch(`${second.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'dudao', password: 'Demo@2026' }) })).json();
    const detail = await (await fetch(`${second.base}/api/reports/${id}`, { headers: { authorization: `Bearer ${login.accessToken}` } })).json();
    expect(detail.photos).toHaveLength(1);
    const photo = await fetch(`${second.base}/api/reports/${id}/files/${detail.photos[0].id}`, { headers: { authorization: `Bearer ${login.accessToken}` } });
    expect(photo.status).toBe(200);
    expect((await sharp(Buffer.from(await photo.arrayBuffer())).metadata()).format).toBe('jpeg');
  } finally {
    await kill(second.proc);
  }
}, 120_000);

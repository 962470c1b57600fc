/**
 * The production build: `npm run build:server` compiles the server with esbuild, and the output
 * runs under plain `node` (no tsx), native sharp and heic-decode's wasm included.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { dropDatabase } from '../../server/src/db/client';

const ROOT = path.resolve(__dirname, '../..');
const dbName = `wbt_t_build_${process.pid}_${randomBytes(3).toString('hex')}`;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'wbt-build-'));
const h5Dir = mkdtempSync(path.join(os.tmpdir(), 'wbt-build-h5-'));
const env = {
  PATH: process.env.PATH,
  APP_MODE: 'demo',
  DATABASE_URL: `mysql://root@127.0.0.1:3306/${dbName}`,
  JWT_SECRET: randomBytes(32).toString('base64'),
  DATA_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  INDEX_KEY: randomBytes(32).toString('base64'),
  DATA_DIR: dataDir,
  H5_DIR: h5Dir,
  PASSWORD_COST: '1024',
  HOST: '127.0.0.1',
  WECHAT_API_BASE: 'http://127.0.0.1:9',
};
let proc: ChildProcess | undefined;

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

afterAll(async () => {
  if (proc && proc.exitCode === null) {
    const exited = new Promise((resolve) => proc!.once('exit', resolve));
    proc.kill('SIGTERM');
    await exited;
  }
  await dropDatabase(env.DATABASE_URL);
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(h5Dir, { recursive: true, force: true });
});

it('builds the server and runs it with plain node: API, H5, JPEG (sharp) and HEIC (wasm) uploads, CLI tools', async () => {
  execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: ROOT, stdio: 'pipe' });
  const main = readFileSync(path.join(ROOT, 'server/dist/main.js'), 'utf8');
  expect(main).not.toMatch(/require\("tsx/);
  writeFileSync(path.join(h5Dir, 'index.html'), '<!doctype html><title>未保通</title>');

  const port = await freePort();
  proc = spawn(process.execPath, ['server/dist/main.js'], { cwd: ROOT, env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 90_000);
    proc!.stdout!.on('data', (c) => {
      out += String(c);
      if (out.includes('server listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc!.stderr!.on('data', (c) => (out += String(c)));
    proc!.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  expect(await (await fetch(`${base}/api/health`)).json()).toEqual({ status: 'ok', db: 'ok' });
  expect(await (await fetch(`${base}/`)).text()).toContain('未保通');

  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 10, b: 10 } } }).jpeg().toBuffer();
  for (const [bytes, name] of [
    [jpeg, 'a.jpg'],
    [readFileSync(path.join(ROOT, 'tests/fixtures/gps.heic')), 'IMG_1.HEIC'],
  ] as const) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    const up = await fetch(`${base}/api/uploads/images`, { method: 'POST', body: form });
    expect({ name, status: up.status }).toEqual({ name, status: 201 });
  }

  const verify = execFileSync(process.execPath, ['server/dist/audit-verify.js', '--seal'], { cwd: ROOT, env }).toString();
  expect(verify).toMatch(/审计链完好/);
  const help = execFileSync(process.execPath, ['server/dist/admin-create.js', '--help'], { cwd: ROOT, env }).toString();
  expect(help).toMatch(/--username/);
}, 180_000);

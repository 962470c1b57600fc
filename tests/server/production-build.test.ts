/**
 * The production build: `npm run build:server` compiles the server with esbuild, and the output
 * runs under plain `node` (no tsx), native sharp and heic-decode's wasm included.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { dropDatabase } from '../../server/src/db/client';
import { demoSecrets, startServerProcess, type ServerProcess } from './serverProcess';

const ROOT = path.resolve(__dirname, '../..');
const dbName = `wbt_t_build_${process.pid}_${randomBytes(3).toString('hex')}`;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'wbt-build-'));
const h5Dir = mkdtempSync(path.join(os.tmpdir(), 'wbt-build-h5-'));
const env = {
  PATH: process.env.PATH,
  APP_MODE: 'demo',
  DATABASE_URL: `mysql://root@127.0.0.1:3306/${dbName}`,
  ...demoSecrets(),
  DATA_DIR: dataDir,
  H5_DIR: h5Dir,
  PASSWORD_COST: '1024',
  HOST: '127.0.0.1',
  WECHAT_API_BASE: 'http://127.0.0.1:9',
};
let server: ServerProcess | undefined;

afterAll(async () => {
  await server?.kill('SIGTERM');
  await dropDatabase(env.DATABASE_URL);
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(h5Dir, { recursive: true, force: true });
});

it('builds the server and runs it with plain node: API, H5, JPEG (sharp) and HEIC (wasm) uploads, CLI tools', async () => {
  execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: ROOT, stdio: 'pipe' });
  const main = readFileSync(path.join(ROOT, 'server/dist/main.js'), 'utf8');
  expect(main).not.toMatch(/require\("tsx/);
  writeFileSync(path.join(h5Dir, 'index.html'), '<!doctype html><title>未保通</title>');

  server = await startServerProcess(env, { args: ['server/dist/main.js'], inheritEnv: false });
  const { base } = server;
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

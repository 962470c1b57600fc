/**
 * A real server process (node + tsx, server/src/main.ts) over its own database and data folder,
 * for tests that must see the process itself survive (or be killed): an in-process test server
 * would take jest down with it, or hide an uncaught exception behind jest's own handlers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { dropDatabase } from '../../server/src/db/client';

const ROOT = path.resolve(__dirname, '../..');

type Env = Record<string, string | undefined>;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface ServerProcess {
  proc: ChildProcess;
  base: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** True while the process has not exited. */
  alive(): boolean;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface ServerFixture {
  databaseUrl: string;
  dataDir: string;
  env: Record<string, string>;
  start(extraEnv?: Record<string, string>): Promise<ServerProcess>;
  /** Drops the database and removes the data folder. */
  cleanup(): Promise<void>;
}

/** Fresh secrets for a demo-mode server (tests run demo mode: production refuses the loopback stand-ins and a root database user). */
export function demoSecrets(): { JWT_SECRET: string; DATA_KEYS: string; INDEX_KEY: string } {
  return {
    JWT_SECRET: randomBytes(32).toString('base64'),
    DATA_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    INDEX_KEY: randomBytes(32).toString('base64'),
  };
}

/** One database + data folder shared by every process started from this fixture (restarts keep data). */
export function serverFixture(label: string, env: Record<string, string> = {}): ServerFixture {
  const dbName = `wbt_t_${label}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const databaseUrl = `mysql://root@127.0.0.1:3306/${dbName}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `wbt-${label}-`));
  const baseEnv: Record<string, string> = {
    APP_MODE: 'demo',
    DATABASE_URL: databaseUrl,
    ...demoSecrets(),
    DATA_DIR: dataDir,
    PASSWORD_COST: '1024',
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    ...env,
  };
  return {
    databaseUrl,
    dataDir,
    env: baseEnv,
    start: (extraEnv = {}) => startServerProcess({ ...baseEnv, ...extraEnv }),
    async cleanup() {
      await dropDatabase(databaseUrl);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A node process in the repository root with stdout and stderr collected (`out`: both, as they came). */
function spawnNode(args: string[], env: Env) {
  const proc = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = { stdout: '', stderr: '', out: '' };
  proc.stdout.on('data', (chunk) => {
    log.stdout += String(chunk);
    log.out += String(chunk);
  });
  proc.stderr.on('data', (chunk) => {
    log.stderr += String(chunk);
    log.out += String(chunk);
  });
  return { proc, log };
}

export interface ScriptResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, in the order they came. */
  out: string;
}

/** Runs a TypeScript entry point (node + tsx) to its exit, with PATH as the only variable taken from this process. */
export function runScript(script: string, args: string[], env: Env): Promise<ScriptResult> {
  const { proc, log } = spawnNode(['--import', 'tsx', script, ...args], { PATH: process.env.PATH, ...env });
  return new Promise((resolve) => proc.on('exit', (code) => resolve({ code, ...log })));
}

export interface StartOptions {
  /** What node runs; the TypeScript sources under tsx by default. */
  args?: string[];
  /** Pass this process's environment on (default), or PATH alone (what a production unit gives). */
  inheritEnv?: boolean;
}

export async function startServerProcess(env: Env, opts: StartOptions = {}): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  // One process (node with tsx as a loader), so a signal reaches the server itself.
  const { proc, log } = spawnNode(opts.args ?? ['--import', 'tsx', 'server/src/main.ts'], {
    ...(opts.inheritEnv === false ? { PATH: process.env.PATH } : process.env),
    ...env,
    PORT: String(port),
  });
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => proc.once('exit', () => {
    exited = true;
    resolve();
  }));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`server did not start: ${log.out}`));
    }, 90_000);
    const onData = () => {
      if (log.out.includes('server listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout.on('data', onData);
    void exitPromise.then(() => {
      clearTimeout(timer);
      reject(new Error(`server exited (${proc.exitCode}): ${log.out}`));
    });
  });
  return {
    proc,
    base: `http://127.0.0.1:${port}`,
    output: () => log.out,
    alive: () => !exited,
    async kill(signal = 'SIGKILL') {
      if (!exited) {
        proc.kill(signal);
        await exitPromise;
      }
      proc.stdout?.destroy();
      proc.stderr?.destroy();
    },
  };
}

/** Sends raw bytes over one TCP connection and returns what came back before the server closed it (or timeout). */
export function rawRequest(base: string, bytes: Buffer | string, opts: { timeoutMs?: number; endAfterWrite?: boolean } = {}): Promise<string> {
  const url = new URL(base);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const sock = net.connect(Number(url.port), url.hostname, () => {
      sock.write(bytes);
      if (opts.endAfterWrite) sock.end();
    });
    const done = () => {
      clearTimeout(timer);
      sock.destroy();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const timer = setTimeout(done, opts.timeoutMs ?? 3000);
    sock.on('data', (c) => chunks.push(c));
    sock.on('end', done);
    sock.on('error', done);
    sock.on('close', done);
  });
}

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import mysql from 'mysql2/promise';
import { loadConfig, type Config } from '../../server/src/config';
import { dropDatabase } from '../../server/src/db/client';
import { DEMO_PASSWORD } from '../../server/src/db/seed/demo';
import { startSmsStandin, type SmsStandin } from '../../server/src/integrations/sms/standin';
import { startWechatStandin, type WechatStandin } from '../../server/src/integrations/wechat/standin';
import { ManualClock, type Clock } from '../../server/src/lib/clock';
import { createLogger } from '../../server/src/logger';
import { createRuntime, type Runtime } from '../../server/src/runtime';

export { DEMO_PASSWORD };

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface TestServer {
  baseUrl: string;
  runtime: Runtime;
  config: Config;
  standin: WechatStandin;
  /** The loopback SMS gateway: read the sign-in codes it was asked to send. */
  sms: SmsStandin;
  clock: Clock;
  /** Every log line the server wrote, as JSON text. */
  logs: string[];
  dataDir: string;
  /** The environment the server's configuration was read from (secrets included), for CLI tests. */
  env: Record<string, string>;
  /** Root connection URL of this server's database (the app itself connects as a least-privilege user). */
  adminUrl: string;
  request<T = any>(method: string, path: string, opts?: RequestOptions): Promise<ApiResponse<T>>;
  /** Signs in a demo staff account and returns its access token. */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  clock?: Clock;
  seed?: boolean;
  env?: Record<string, string>;
  /** Start over another test server's database and secrets (that server drops the database). */
  reuseDatabaseOf?: TestServer;
}

const ROOT_SERVER = 'mysql://root@127.0.0.1:3306/';

async function asRoot<T>(fn: (conn: mysql.Connection) => Promise<T>): Promise<T> {
  const conn = await mysql.createConnection({ uri: ROOT_SERVER });
  try {
    return await fn(conn);
  } finally {
    await conn.end();
  }
}

/** The host part a TCP connection from 127.0.0.1 matches: the address itself, or localhost when the server resolves names. */
let appUserHost: Promise<string> | undefined;
const hostOfLoopback = () =>
  (appUserHost ??= asRoot(async (conn) => {
    const [[row]] = (await conn.query('SELECT @@skip_name_resolve AS skip')) as unknown as [[{ skip: number }]];
    return Number(row.skip) ? '127.0.0.1' : 'localhost';
  }));

/** A database account of this test file's own, with nothing granted yet (start-up grants the tables). */
async function createAppUser(): Promise<{ user: string; password: string }> {
  const user = `wbt_a_${process.pid}_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  const host = await hostOfLoopback();
  await asRoot((conn) => conn.query('CREATE USER ?@? IDENTIFIED BY ?', [user, host, password]));
  return { user, password };
}

export const dropAppUser = async (user: string) => {
  const host = await hostOfLoopback();
  await asRoot((conn) => conn.query('DROP USER IF EXISTS ?@?', [user, host]));
};

/**
 * A real server on a random port, over its own fresh MariaDB database, with the WeChat stand-in.
 * Demo mode with explicit secrets; migrations run as root (DATABASE_ADMIN_URL) and the app connects
 * as a least-privilege user of this server's own (created here, dropped on close).
 */
export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const reused = opts.reuseDatabaseOf;
  const dbName = reused ? new URL(reused.adminUrl).pathname.slice(1) : `wbt_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const adminUrl = `${ROOT_SERVER}${dbName}`;
  const dataDir = reused ? reused.dataDir : mkdtempSync(path.join(os.tmpdir(), 'wbt-test-'));
  const standin = await startWechatStandin();
  const sms = await startSmsStandin();
  const app = await createAppUser();
  const env: Record<string, string> = {
    APP_MODE: 'demo',
    DATABASE_URL: `mysql://${app.user}:${app.password}@127.0.0.1:3306/${dbName}`,
    DATABASE_ADMIN_URL: adminUrl,
    JWT_SECRET: reused?.env.JWT_SECRET ?? randomBytes(32).toString('base64'),
    DATA_KEYS: reused?.env.DATA_KEYS ?? `k1:${randomBytes(32).toString('base64')}`,
    INDEX_KEY: reused?.env.INDEX_KEY ?? randomBytes(32).toString('base64'),
    WECHAT_API_BASE: standin.baseUrl,
    SMS_API_BASE: sms.baseUrl,
    DATA_DIR: dataDir,
    PASSWORD_COST: '1024',
    LOG_LEVEL: 'info',
    // Tests simulate distinct clients with X-Forwarded-For.
    TRUST_PROXY: '1',
    ...opts.env,
  };
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(chunk.toString());
      cb();
    },
  });
  const clock = opts.clock ?? new ManualClock(new Date());
  let config: Config;
  let runtime: Runtime;
  try {
    config = loadConfig(env);
    runtime = await createRuntime(config, { clock, logger: createLogger('info', sink), seed: opts.seed });
  } catch (err) {
    // A refused configuration must not leave the stand-ins listening: jest would never exit.
    await standin.close();
    await sms.close();
    await dropAppUser(app.user);
    if (!reused) {
      await dropDatabase(adminUrl);
      rmSync(dataDir, { recursive: true, force: true });
    }
    throw err;
  }
  const baseUrl = await runtime.listen(0, '127.0.0.1');

  const request = async <T>(method: string, p: string, o: RequestOptions = {}): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: BodyInit | undefined;
    if (o.body instanceof FormData || typeof o.body === 'string' || o.body instanceof Uint8Array) body = o.body as BodyInit;
    else if (o.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(o.body);
    }
    const res = await fetch(baseUrl + p, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: res.status, body: parsed as T, headers: res.headers, text };
  };

  return {
    baseUrl,
    runtime,
    config,
    standin,
    sms,
    clock,
    logs,
    dataDir,
    env,
    adminUrl,
    request,
    async login(username, password = DEMO_PASSWORD) {
      const res = await request<{ accessToken: string }>('POST', '/api/auth/login', { body: { username, password } });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${res.text}`);
      return res.body.accessToken;
    },
    async close() {
      await runtime.close();
      await standin.close();
      await sms.close();
      await dropAppUser(app.user);
      if (reused) return;
      await dropDatabase(adminUrl);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

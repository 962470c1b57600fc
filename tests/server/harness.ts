import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig, type Config } from '../../server/src/config';
import { dropDatabase } from '../../server/src/db/client';
import { DEMO_PASSWORD } from '../../server/src/db/seed/demo';
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
  clock: Clock;
  /** Every log line the server wrote, as JSON text. */
  logs: string[];
  dataDir: string;
  request<T = any>(method: string, path: string, opts?: RequestOptions): Promise<ApiResponse<T>>;
  /** Signs in a demo staff account and returns its access token. */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  clock?: Clock;
  seed?: boolean;
  env?: Record<string, string>;
}

/** A real server on a random port, over its own fresh MariaDB database, with the WeChat stand-in. */
export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const dbName = `wbt_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'wbt-test-'));
  const standin = await startWechatStandin();
  const config = loadConfig({
    APP_MODE: 'production',
    DATABASE_URL: `mysql://root@127.0.0.1:3306/${dbName}`,
    JWT_SECRET: randomBytes(32).toString('base64'),
    DATA_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    INDEX_KEY: randomBytes(32).toString('base64'),
    WECHAT_API_BASE: standin.baseUrl,
    DATA_DIR: dataDir,
    PASSWORD_COST: '1024',
    LOG_LEVEL: 'info',
    // Tests simulate distinct clients with X-Forwarded-For.
    TRUST_PROXY: '1',
    ...opts.env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(chunk.toString());
      cb();
    },
  });
  const clock = opts.clock ?? new ManualClock(new Date());
  const runtime = await createRuntime(config, { clock, logger: createLogger('info', sink), seed: opts.seed });
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
    clock,
    logs,
    dataDir,
    request,
    async login(username, password = DEMO_PASSWORD) {
      const res = await request<{ accessToken: string }>('POST', '/api/auth/login', { body: { username, password } });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${res.text}`);
      return res.body.accessToken;
    },
    async close() {
      await runtime.close();
      await standin.close();
      await dropDatabase(config.databaseUrl);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

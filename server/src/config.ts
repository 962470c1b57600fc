import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const REPO_ROOT = path.resolve(__dirname, '../..');

const EnvSchema = z.object({
  APP_MODE: z.enum(['demo', 'production']).default('demo'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().default('mysql://root@127.0.0.1:3306/weibaotong'),
  /**
   * Creates the database and runs migrations (and grants the app user its privileges). Defaults to
   * DATABASE_URL in demo mode; in production, when unset, start-up only checks the schema is current.
   */
  DATABASE_ADMIN_URL: z.string().url().optional(),
  JWT_SECRET: z.string().min(32).optional(),
  /** Comma-separated `keyId:base64(32 bytes)`; the first one encrypts, all decrypt. */
  DATA_KEYS: z.string().optional(),
  /** Key for blind indexes and receipt-code hashing (base64, 32 bytes). */
  INDEX_KEY: z.string().optional(),
  /** Demo default: the loopback stand-in; production default: WeChat itself. */
  WECHAT_API_BASE: z.string().url().optional(),
  WECHAT_APPID: z.string().optional(),
  WECHAT_SECRET: z.string().optional(),
  /** SMS gateway (one-time sign-in codes); unset means the loopback stand-in, which production refuses. */
  SMS_API_BASE: z.string().url().optional(),
  SMS_API_KEY: z.string().min(1).optional(),
  DATA_DIR: z.string().default(path.join(REPO_ROOT, '.data')),
  H5_DIR: z.string().default(path.join(REPO_ROOT, 'miniapp/dist/h5')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** scrypt cost parameter N for staff passwords (power of two). */
  PASSWORD_COST: z.coerce.number().int().min(1024).default(16384),
  REDIS_URL: z.string().optional(),
  STATION_PHONE: z.string().default('023-00000000'),
  /**
   * How many reverse proxies in front of the app append to X-Forwarded-For (0: none, the socket
   * address is the client). Only trusted hops are read; anything further left the client wrote itself.
   */
  TRUST_PROXY: z
    .string()
    .default('0')
    .transform((v) => (v === 'true' ? '1' : v === 'false' ? '0' : v))
    .pipe(z.string().regex(/^\d{1,2}$/, 'must be a number of proxy hops (0–10), or true/false'))
    .transform(Number),
});

export interface Config {
  mode: 'demo' | 'production';
  port: number;
  host: string;
  databaseUrl: string;
  /** Connection with DDL rights for CREATE DATABASE, migrations and grants; unset = not this process's job. */
  databaseAdminUrl?: string;
  jwtSecret: string;
  dataKeys: { id: string; key: Buffer }[];
  indexKey: Buffer;
  wechat: { baseUrl: string; appId: string; secret: string };
  sms: { baseUrl: string; apiKey: string };
  dataDir: string;
  uploadDir: string;
  h5Dir: string;
  logLevel: string;
  passwordCost: number;
  redisUrl?: string;
  stationPhone: string;
  /** Trusted reverse-proxy hops in front of the app (0: none). */
  trustProxy: number;
  /** Session and token lifetimes, seconds. */
  accessTtl: number;
  refreshTtl: number;
  staffIdleTimeout: number;
}

export class ConfigError extends Error {}

export const DEMO_WECHAT = { baseUrl: 'http://127.0.0.1:3901', appId: 'wx-demo-appid', secret: 'demo-secret' } as const;
export const WECHAT_API = 'https://api.weixin.qq.com';

/** Loopback, unspecified or link-local hosts: the stand-in or nothing, never WeChat. */
function isLocalHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    /^127\./.test(h) ||
    h === '0.0.0.0' ||
    h === '::' ||
    h === '::1' ||
    h.startsWith('::ffff:127.') ||
    /^169\.254\./.test(h)
  );
}

/** Production refuses anything that only makes sense in the demo; one line per problem, naming the variable. */
function productionProblems(e: z.infer<typeof EnvSchema>): string[] {
  const problems: string[] = [];
  if (!e.WECHAT_APPID || e.WECHAT_APPID === DEMO_WECHAT.appId)
    problems.push('WECHAT_APPID：生产模式必须设置真实的小程序 AppID，不能为空或使用演示值 / production needs the real mini-program AppID');
  if (!e.WECHAT_SECRET || e.WECHAT_SECRET === DEMO_WECHAT.secret)
    problems.push('WECHAT_SECRET：生产模式必须设置真实的小程序 AppSecret，不能为空或使用演示值 / production needs the real AppSecret');
  if (e.WECHAT_API_BASE) {
    const url = new URL(e.WECHAT_API_BASE);
    if (isLocalHost(url.hostname))
      problems.push(`WECHAT_API_BASE：生产模式不能指向本机或演示替身（${url.host}），应为 ${WECHAT_API} / production must not use the loopback stand-in`);
    else if (url.protocol !== 'https:') problems.push(`WECHAT_API_BASE：生产模式必须使用 https 地址（${url.origin}） / production needs an https URL`);
  }
  if (!e.SMS_API_BASE || isLocalHost(new URL(e.SMS_API_BASE).hostname))
    problems.push('SMS_API_BASE：生产模式不能使用本机短信替身，请设为短信网关的地址 / production must not use the loopback SMS stand-in');
  if (!e.SMS_API_KEY) problems.push('SMS_API_KEY：生产模式必须设置短信网关密钥 / production needs the SMS gateway key');
  return problems;
}

/** Where the demo and the tests run the SMS stand-in when SMS_API_BASE is not set. */
export const SMS_STANDIN_DEFAULT_BASE = 'http://127.0.0.1:3902';

function parseDataKeys(raw: string): { id: string; key: Buffer }[] {
  return raw.split(',').map((part) => {
    const [id, b64] = part.trim().split(':');
    const key = Buffer.from(b64 ?? '', 'base64');
    if (!id || key.length !== 32) throw new ConfigError(`DATA_KEYS 格式错误：应为 "keyId:base64(32字节)"，问题出在 "${id ?? ''}"`);
    return { id, key };
  });
}

/** Demo mode keeps generated secrets in DATA_DIR so encrypted rows stay readable across restarts. */
function demoSecrets(dataDir: string): { JWT_SECRET: string; DATA_KEYS: string; INDEX_KEY: string } {
  const file = path.join(dataDir, 'demo-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const secrets = {
    JWT_SECRET: randomBytes(48).toString('base64'),
    DATA_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    INDEX_KEY: randomBytes(32).toString('base64'),
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置错误：\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  let { JWT_SECRET, DATA_KEYS, INDEX_KEY } = e;
  if (!JWT_SECRET || !DATA_KEYS || !INDEX_KEY) {
    if (e.APP_MODE === 'production') {
      const missing = (['JWT_SECRET', 'DATA_KEYS', 'INDEX_KEY'] as const).filter((k) => !e[k]);
      throw new ConfigError(`生产模式缺少密钥配置：${missing.join(', ')}。请在环境变量中设置后再启动。`);
    }
    const generated = demoSecrets(e.DATA_DIR);
    JWT_SECRET ??= generated.JWT_SECRET;
    DATA_KEYS ??= generated.DATA_KEYS;
    INDEX_KEY ??= generated.INDEX_KEY;
  }
  const dataKeys = parseDataKeys(DATA_KEYS);
  const indexKey = Buffer.from(INDEX_KEY, 'base64');
  if (indexKey.length !== 32) throw new ConfigError('INDEX_KEY 必须是 32 字节的 base64 字符串');
  if (e.APP_MODE === 'production') {
    const problems = productionProblems(e);
    if (problems.length > 0) throw new ConfigError(problems.join('\n'));
  }
  return {
    mode: e.APP_MODE,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseAdminUrl: e.DATABASE_ADMIN_URL ?? (e.APP_MODE === 'demo' ? e.DATABASE_URL : undefined),
    jwtSecret: JWT_SECRET,
    dataKeys,
    indexKey,
    wechat:
      e.APP_MODE === 'production'
        ? { baseUrl: e.WECHAT_API_BASE ?? WECHAT_API, appId: e.WECHAT_APPID!, secret: e.WECHAT_SECRET! }
        : { baseUrl: e.WECHAT_API_BASE ?? DEMO_WECHAT.baseUrl, appId: e.WECHAT_APPID ?? DEMO_WECHAT.appId, secret: e.WECHAT_SECRET ?? DEMO_WECHAT.secret },
    sms: { baseUrl: e.SMS_API_BASE ?? SMS_STANDIN_DEFAULT_BASE, apiKey: e.SMS_API_KEY ?? 'demo-sms-key' },
    dataDir: e.DATA_DIR,
    uploadDir: path.join(e.DATA_DIR, 'uploads'),
    h5Dir: e.H5_DIR,
    logLevel: e.LOG_LEVEL,
    passwordCost: e.PASSWORD_COST,
    redisUrl: e.REDIS_URL,
    stationPhone: e.STATION_PHONE,
    trustProxy: e.TRUST_PROXY,
    accessTtl: 15 * 60,
    refreshTtl: 30 * 24 * 3600,
    staffIdleTimeout: 30 * 60,
  };
}

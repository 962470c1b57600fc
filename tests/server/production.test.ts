/**
 * Production is a different product from the demo: no demo people, no stand-in, no demo
 * credentials; the first county admin comes from `npm run admin:create`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../server/src/config';
import { startTestServer, type TestServer } from './harness';
import { runScript } from './serverProcess';

/** A complete production environment except the WeChat values under test. */
const productionSecrets = () => ({
  APP_MODE: 'production',
  JWT_SECRET: randomBytes(32).toString('base64'),
  DATA_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  INDEX_KEY: randomBytes(32).toString('base64'),
  DATA_DIR: '/tmp/wbt-prod-config',
  SMS_API_BASE: 'https://sms.example.org',
  SMS_API_KEY: 'live-sms-key',
});
const REAL_WECHAT = { WECHAT_API_BASE: 'https://api.weixin.qq.com', WECHAT_APPID: 'wx1234567890abcdef', WECHAT_SECRET: 'f'.repeat(32) };
/** What a production server needs beyond its secrets: the real WeChat and SMS gateways. */
const REAL_GATEWAYS = { ...REAL_WECHAT, SMS_API_BASE: 'https://sms.example.org', SMS_API_KEY: 'live-sms-key' };

const configError = (env: Record<string, string>): string => {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('loadConfig accepted the environment');
};

const count = async (t: TestServer, table: string): Promise<number> => {
  const [rows] = (await t.runtime.database.pool.query(`SELECT COUNT(*) AS n FROM \`${table}\``)) as unknown as [{ n: number }[]];
  return Number(rows[0].n);
};

const runAdminCreate = (env: Record<string, string>, args: string[]) => runScript('server/src/cli/admin-create.ts', args, env);

describe('production configuration', () => {
  it('refuses the demo WeChat credentials, naming the variable', () => {
    expect(configError({ ...productionSecrets(), WECHAT_API_BASE: REAL_WECHAT.WECHAT_API_BASE, WECHAT_SECRET: REAL_WECHAT.WECHAT_SECRET })).toMatch(/WECHAT_APPID/);
    expect(configError({ ...productionSecrets(), ...REAL_WECHAT, WECHAT_APPID: 'wx-demo-appid' })).toMatch(/WECHAT_APPID/);
    expect(configError({ ...productionSecrets(), ...REAL_WECHAT, WECHAT_SECRET: 'demo-secret' })).toMatch(/WECHAT_SECRET/);
  });

  it('refuses a loopback (stand-in) WeChat API base', () => {
    for (const base of ['http://127.0.0.1:3901', 'http://localhost:3901', 'https://127.0.0.2', 'http://[::1]:3901', 'https://0.0.0.0']) {
      const message = configError({ ...productionSecrets(), ...REAL_WECHAT, WECHAT_API_BASE: base });
      expect(message).toMatch(/WECHAT_API_BASE/);
      expect(message.split('\n')).toHaveLength(1);
    }
  });

  it('accepts real values and talks to WeChat itself by default', () => {
    const c = loadConfig({ ...productionSecrets(), WECHAT_APPID: REAL_WECHAT.WECHAT_APPID, WECHAT_SECRET: REAL_WECHAT.WECHAT_SECRET });
    expect(c.wechat.baseUrl).toBe('https://api.weixin.qq.com');
    expect(c.mode).toBe('production');
  });

  it('lets demo mode take explicit secrets without writing demo-secrets.json', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wbt-cfg-'));
    try {
      const secrets = productionSecrets();
      const c = loadConfig({ ...secrets, APP_MODE: 'demo', DATA_DIR: dir });
      expect(c.mode).toBe('demo');
      expect(c.jwtSecret).toBe(secrets.JWT_SECRET);
      expect(existsSync(path.join(dir, 'demo-secrets.json'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('production start on an empty database', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: { APP_MODE: 'production', ...REAL_GATEWAYS } });
  });
  afterAll(() => t?.close());

  it('creates no account, no child and no report, but loads the starter policy library', async () => {
    expect(await count(t, 'users')).toBe(0);
    expect(await count(t, 'orgs')).toBe(0);
    expect(await count(t, 'children')).toBe(0);
    expect(await count(t, 'reports')).toBe(0);
    expect(await count(t, 'policy_articles')).toBeGreaterThan(0);
    const demo = await t.request('POST', '/api/auth/login', { body: { username: 'admin', password: 'Demo@2026' } });
    expect(demo.status).toBe(401);
    expect(t.logs.join('')).toMatch(/admin:create/);
  });

  it('admin:create refuses a weak password and creates nothing', async () => {
    // The policy's cases are in tests/shared/password.test.ts; here: the command refuses and writes nothing.
    for (const weak of ['short1!', 'password123']) {
      const res = await runAdminCreate({ ...t.env, ADMIN_PASSWORD: weak }, ['--username', 'xianadmin', '--name', '李县管', '--county', '重庆市九龙坡区']);
      expect(res.code).not.toBe(0);
      expect(res.out).toMatch(/密码/);
      expect(res.out).not.toMatch(/\n\s+at /);
    }
    expect(await count(t, 'users')).toBe(0);
    expect(await count(t, 'orgs')).toBe(0);
  }, 120_000);

  it('admin:create asks for the county when the tree is empty', async () => {
    const res = await runAdminCreate({ ...t.env, ADMIN_PASSWORD: 'Tongguan-Station-2026' }, ['--username', 'xianadmin', '--name', '李县管']);
    expect(res.code).not.toBe(0);
    expect(res.out).toMatch(/--county/);
    expect(await count(t, 'users')).toBe(0);
  }, 60_000);

  it('admin:create creates the county and exactly one county admin, who can sign in; audited', async () => {
    const password = 'Tongguan-Station-2026';
    const res = await runAdminCreate({ ...t.env, ADMIN_PASSWORD: password }, ['--username', 'xianadmin', '--name', '李县管', '--county', '重庆市九龙坡区']);
    expect(res.out).not.toContain(password);
    expect(res.code).toBe(0);
    const [users] = (await t.runtime.database.pool.query('SELECT username, role, org_id FROM users')) as unknown as [{ username: string; role: string; org_id: number }[]];
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ username: 'xianadmin', role: 'county_admin' });
    const [orgs] = (await t.runtime.database.pool.query('SELECT id, level, name, parent_id FROM orgs')) as unknown as [{ id: number; level: string; name: string; parent_id: number | null }[]];
    expect(orgs).toEqual([{ id: users[0].org_id, level: 'county', name: '重庆市九龙坡区', parent_id: null }]);
    const [audit] = (await t.runtime.database.pool.query("SELECT target_type, target_id, result, detail FROM audit_log WHERE action = 'admin.create'")) as unknown as [Record<string, unknown>[]];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ target_type: 'user', result: 'ok' });
    expect(JSON.stringify(audit[0].detail)).not.toContain(password);

    const token = await t.login('xianadmin', password);
    const me = await t.request('GET', '/api/me', { token });
    expect(me.body.user).toMatchObject({ role: 'county_admin', orgName: '重庆市九龙坡区' });
  }, 60_000);

  it('admin:create refuses a username that exists, and adds a second admin to the existing county', async () => {
    const again = await runAdminCreate({ ...t.env, ADMIN_PASSWORD: 'Another-Good-Passphrase' }, ['--username', 'xianadmin', '--name', '别人']);
    expect(again.code).not.toBe(0);
    expect(again.out).toMatch(/xianadmin/);
    expect(again.out).toMatch(/已存在/);
    const second = await runAdminCreate({ ...t.env, ADMIN_PASSWORD: 'Another-Good-Passphrase' }, ['--username', 'xianadmin2', '--name', '王县管']);
    expect(second.code).toBe(0);
    expect(await count(t, 'users')).toBe(2);
    expect(await count(t, 'orgs')).toBe(1);
  }, 60_000);
});

describe('production start over demo data', () => {
  it('refuses to start while a demo account still has the demo password', async () => {
    const demo = await startTestServer();
    try {
      await expect(startTestServer({ reuseDatabaseOf: demo, env: { APP_MODE: 'production', ...REAL_GATEWAYS } })).rejects.toThrow(/账号 admin.*演示密码/);
    } finally {
      await demo.close();
    }
  });
});

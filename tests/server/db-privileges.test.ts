/**
 * The app connects as a least-privilege database user (the harness gives every test server one):
 * it can neither remove nor change audit rows, nor drop the triggers that guard them. Production
 * refuses an account with more (or fewer) privileges than the app needs.
 */
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { checkAppPrivileges, databaseOf } from '../../server/src/db/grants';
import { startTestServer, type TestServer } from './harness';
import { runScript } from './serverProcess';

const REAL_WECHAT = { WECHAT_API_BASE: 'https://api.weixin.qq.com', WECHAT_APPID: 'wx1234567890abcdef', WECHAT_SECRET: 'f'.repeat(32), SMS_API_BASE: 'https://sms.example.org', SMS_API_KEY: 'live-sms-key' };

let t: TestServer;
let root: mysql.Connection;
beforeAll(async () => {
  t = await startTestServer();
  root = await mysql.createConnection({ uri: t.adminUrl });
});
afterAll(async () => {
  await root.end();
  await t.close();
});

const appUser = () => decodeURIComponent(new URL(t.env.DATABASE_URL).username);
const asRootOnAppUser = async (sql: string) => {
  const [hosts] = (await root.query('SELECT Host AS host FROM mysql.user WHERE User = ?', [appUser()])) as unknown as [{ host: string }[]];
  expect(hosts.length).toBeGreaterThan(0);
  for (const { host } of hosts) await root.query(sql.replace('$ACCOUNT', `'${appUser()}'@'${host}'`));
};

describe('the application database user', () => {
  it('cannot truncate, drop, alter or rewrite the audit log, nor drop its triggers', async () => {
    const pool = t.runtime.database.pool;
    const [[before]] = (await root.query('SELECT COUNT(*) AS n FROM audit_log')) as unknown as [[{ n: number }]];
    expect(Number(before.n)).toBeGreaterThan(0);
    const denied = /denied/i;
    await expect(pool.query('TRUNCATE audit_log')).rejects.toThrow(denied);
    await expect(pool.query('DROP TRIGGER audit_log_no_update')).rejects.toThrow(denied);
    await expect(pool.query('DROP TRIGGER audit_log_no_delete')).rejects.toThrow(denied);
    await expect(pool.query("UPDATE audit_log SET result = 'ok'")).rejects.toThrow(denied);
    await expect(pool.query('DELETE FROM audit_log')).rejects.toThrow(denied);
    await expect(pool.query('ALTER TABLE audit_log DROP COLUMN detail')).rejects.toThrow(denied);
    await expect(pool.query('DROP TABLE audit_log')).rejects.toThrow(denied);
    await expect(pool.query('CREATE TABLE scratch (id int)')).rejects.toThrow(denied);
    await expect(pool.query('CREATE TRIGGER t BEFORE INSERT ON users FOR EACH ROW SET NEW.name = NEW.name')).rejects.toThrow(denied);
    await expect(pool.query("GRANT SELECT ON audit_log TO 'root'@'127.0.0.1'")).rejects.toThrow(denied);
    const [[after]] = (await root.query('SELECT COUNT(*) AS n FROM audit_log')) as unknown as [[{ n: number }]];
    expect(Number(after.n)).toBeGreaterThanOrEqual(Number(before.n));
    const [triggers] = (await root.query("SHOW TRIGGERS WHERE `Table` = 'audit_log'")) as unknown as [unknown[]];
    expect(triggers).toHaveLength(2);
  });

  it('runs the app: a sign-in and a report land in their tables (every other test file also runs as this user)', async () => {
    const token = await t.login('dudao');
    expect(token).toBeTruthy();
    const orgs = await t.request('GET', '/api/public/orgs');
    const report = await t.request('POST', '/api/reports', {
      headers: { 'idempotency-key': randomBytes(8).toString('hex') },
      body: { kind: 'harm', anonymous: true, orgId: orgs.body.townships[0].villages[0].id, account: '权限测试：孩子一个人在河边玩水' },
    });
    expect(report.status).toBe(201);
    const [grants] = (await t.runtime.database.pool.query('SHOW GRANTS FOR CURRENT_USER()')) as unknown as [Record<string, string>[]];
    expect(grants.map((g) => Object.values(g)[0]).join('\n')).not.toMatch(/ALL PRIVILEGES|ON \*\.\* .*(SELECT|INSERT)|DROP|ALTER|TRIGGER/);
  });

  it('reports privileges beyond the app needs, and missing ones', async () => {
    const db = databaseOf(t.env.DATABASE_URL);
    expect(await checkAppPrivileges(t.runtime.database.pool, db)).toEqual({ excess: [], missing: [] });
    await asRootOnAppUser(`GRANT UPDATE, DELETE ON \`${db}\`.audit_log TO $ACCOUNT`);
    await asRootOnAppUser(`REVOKE INSERT ON \`${db}\`.reports FROM $ACCOUNT`);
    try {
      const report = await checkAppPrivileges(t.runtime.database.pool, db);
      expect(report.excess).toEqual(['UPDATE, DELETE ON audit_log']);
      expect(report.missing).toEqual(['INSERT ON reports']);
    } finally {
      await asRootOnAppUser(`REVOKE UPDATE, DELETE ON \`${db}\`.audit_log FROM $ACCOUNT`);
      await asRootOnAppUser(`GRANT INSERT ON \`${db}\`.reports TO $ACCOUNT`);
    }
  });
});

describe('production start-up', () => {
  it('refuses to run as root, naming DATABASE_URL', async () => {
    await expect(startTestServer({ reuseDatabaseOf: t, env: { APP_MODE: 'production', ...REAL_WECHAT, DATABASE_URL: t.adminUrl } })).rejects.toThrow(
      /DATABASE_URL：数据库用户 root 的权限超出应用所需（ALL PRIVILEGES ON \*\.\*/,
    );
  });
});

describe('npm run db:grants', () => {
  const run = (env: Record<string, string>, args: string[]) => runScript('server/src/cli/db-grants.ts', args, env);

  it('prints the statements, and --apply creates a user that can run the app and nothing more', async () => {
    const user = `wbt_g_${process.pid}_${randomBytes(3).toString('hex')}`;
    const password = randomBytes(12).toString('hex');
    const db = databaseOf(t.env.DATABASE_URL);
    const env = { ...t.env, DATABASE_URL: `mysql://${user}:${password}@127.0.0.1:3306/${db}` };
    try {
      const printed = await run(env, []);
      expect(printed.code).toBe(0);
      expect(printed.out).toContain(`GRANT SELECT, INSERT ON \`${db}\`.\`audit_log\` TO '${user}'@'127.0.0.1';`);
      expect(printed.out).toContain(`GRANT SELECT, INSERT, UPDATE, DELETE ON \`${db}\`.\`reports\` TO '${user}'@'127.0.0.1';`);
      expect(printed.out).not.toContain(password);

      const applied = await run(env, ['--apply']);
      expect(applied.out).toMatch(/最小权限/);
      expect(applied.code).toBe(0);
      const pool = mysql.createPool({ uri: env.DATABASE_URL, connectionLimit: 1 });
      try {
        expect(await checkAppPrivileges(pool, db)).toEqual({ excess: [], missing: [] });
        await expect(pool.query('TRUNCATE audit_log')).rejects.toThrow(/denied/);
      } finally {
        await pool.end();
      }
    } finally {
      for (const host of ['127.0.0.1', 'localhost']) await root.query('DROP USER IF EXISTS ?@?', [user, host]);
    }
  }, 60_000);
});

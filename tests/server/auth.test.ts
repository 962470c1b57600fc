import { ManualClock } from '../../server/src/lib/clock';
import { startTestServer, type TestServer } from './harness';

let t: TestServer;
let clock: ManualClock;
beforeAll(async () => {
  clock = new ManualClock(new Date('2026-11-02T02:00:00Z'));
  t = await startTestServer({ clock });
});
afterAll(() => t.close());

const login = (username: string, password: string) => t.request('POST', '/api/auth/login', { body: { username, password } });
const auditRows = async (action: string) =>
  (await t.runtime.database.pool.query('SELECT * FROM audit_log WHERE action = ? ORDER BY id', [action]))[0] as Record<string, unknown>[];

describe('staff sign-in', () => {
  it('returns tokens and the user on a correct password', async () => {
    const res = await login('zhuren01', 'Demo@2026');
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ role: 'director', name: '刘春梅' });
    expect(typeof res.body.accessToken).toBe('string');
    const me = await t.request('GET', '/api/me', { token: res.body.accessToken });
    expect(me.body.user).toMatchObject({ role: 'director', orgName: '双骑龙村' });
  });

  it('stores passwords only as a slow salted hash', async () => {
    const [rows] = (await t.runtime.database.pool.query("SELECT password_hash FROM users WHERE username IN ('zhuren02','zhuren03')")) as unknown as [{ password_hash: string }[]];
    expect(rows[0].password_hash).toMatch(/^scrypt\$/);
    expect(rows[0].password_hash).not.toContain('Demo@2026');
    expect(rows[0].password_hash).not.toBe(rows[1].password_hash);
  });

  it('answers unknown users and wrong passwords alike', async () => {
    const a = await login('nobody', 'x');
    const b = await login('zhuren02', 'wrong');
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.body).toEqual(b.body);
  });

  it('locks an account for 15 minutes after 5 failures in 15 minutes', async () => {
    for (let i = 0; i < 4; i += 1) expect((await login('zhuren03', 'wrong')).status).toBe(401);
    const fifth = await login('zhuren03', 'wrong');
    expect(fifth.status).toBe(429);
    expect(fifth.body.error.code).toBe('ACCOUNT_LOCKED');
    expect(Number(fifth.headers.get('retry-after'))).toBe(900);
    // Even the right password is refused while locked.
    const locked = await login('zhuren03', 'Demo@2026');
    expect(locked.status).toBe(429);
    clock.advance(14 * 60 * 1000);
    expect(Number((await login('zhuren03', 'Demo@2026')).headers.get('retry-after'))).toBe(60);
    clock.advance(61 * 1000);
    expect((await login('zhuren03', 'Demo@2026')).status).toBe(200);
    expect((await auditRows('auth.lock')).length).toBe(1);
    expect((await auditRows('auth.login')).filter((r) => r.result === 'locked').length).toBe(2);
  });

  it('does not lock when failures are spread beyond the window', async () => {
    for (let i = 0; i < 4; i += 1) await login('zhuren04', 'wrong');
    clock.advance(16 * 60 * 1000);
    expect((await login('zhuren04', 'wrong')).status).toBe(401);
    expect((await login('zhuren04', 'Demo@2026')).status).toBe(200);
  });
});

describe('tokens and sessions', () => {
  it('rotates refresh tokens and revokes the family on reuse', async () => {
    const first = (await login('dudao', 'Demo@2026')).body;
    const second = await t.request('POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    // The spent token presented again: the whole session is revoked.
    const reuse = await t.request('POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(reuse.status).toBe(401);
    const afterReuse = await t.request('POST', '/api/auth/refresh', { body: { refreshToken: second.body.refreshToken } });
    expect(afterReuse.status).toBe(401);
    expect((await t.request('GET', '/api/me', { token: second.body.accessToken })).status).toBe(401);
    expect((await auditRows('auth.refresh_reuse')).length).toBe(1);
  });

  it('revokes the session on logout', async () => {
    const s = (await login('shegong', 'Demo@2026')).body;
    expect((await t.request('POST', '/api/auth/logout', { token: s.accessToken })).status).toBe(204);
    expect((await t.request('GET', '/api/me', { token: s.accessToken })).status).toBe(401);
    expect((await t.request('POST', '/api/auth/refresh', { body: { refreshToken: s.refreshToken } })).status).toBe(401);
  });

  it('expires access tokens after 15 minutes', async () => {
    const s = (await login('zhuren05', 'Demo@2026')).body;
    clock.advance(14 * 60 * 1000);
    expect((await t.request('GET', '/api/me', { token: s.accessToken })).status).toBe(200);
    clock.advance(2 * 60 * 1000);
    expect((await t.request('GET', '/api/me', { token: s.accessToken })).status).toBe(401);
    expect((await t.request('POST', '/api/auth/refresh', { body: { refreshToken: s.refreshToken } })).status).toBe(200);
  });

  it('ends staff sessions after 30 minutes idle', async () => {
    const s = (await login('zhuren06', 'Demo@2026')).body;
    clock.advance(31 * 60 * 1000);
    const res = await t.request('POST', '/api/auth/refresh', { body: { refreshToken: s.refreshToken } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('SESSION_EXPIRED');
  });

  it('keeps an active staff session alive past 30 minutes', async () => {
    let s = (await login('zhuren07', 'Demo@2026')).body;
    for (let i = 0; i < 4; i += 1) {
      clock.advance(12 * 60 * 1000);
      const r = await t.request('POST', '/api/auth/refresh', { body: { refreshToken: s.refreshToken } });
      expect(r.status).toBe(200);
      s = r.body;
    }
    expect((await t.request('GET', '/api/me', { token: s.accessToken })).status).toBe(200);
  });

  it('rejects a forged token', async () => {
    const res = await t.request('GET', '/api/me', { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.bad' });
    expect(res.status).toBe(401);
  });
});

describe('WeChat sign-in through the stand-in', () => {
  it('creates one public user per openid and stores no plain openid', async () => {
    const a = await t.request('POST', '/api/auth/wechat', { body: { code: 'code-abc' } });
    const b = await t.request('POST', '/api/auth/wechat', { body: { code: 'code-abc' } });
    expect(a.status).toBe(200);
    expect(a.body.user.role).toBe('public');
    expect(b.body.user.id).toBe(a.body.user.id);
    const openid = t.standin.openidFor('code-abc');
    const [rows] = await t.runtime.database.pool.query('SELECT * FROM users WHERE id = ?', [a.body.user.id]);
    expect(JSON.stringify(rows)).not.toContain(openid);
  });

  it('refuses an invalid code with 401', async () => {
    const res = await t.request('POST', '/api/auth/wechat', { body: { code: 'invalid-code' } });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/微信登录失败/);
  });

  it('does not let a public user into staff routes', async () => {
    const a = await t.request('POST', '/api/auth/wechat', { body: { code: 'code-public' } });
    const res = await t.request('GET', '/api/orgs', { token: a.body.accessToken });
    expect(res.status).toBe(403);
    expect((await auditRows('permission.denied')).length).toBeGreaterThan(0);
  });
});

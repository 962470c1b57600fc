/**
 * Public sign-in by mobile number (the H5 build, where WeChat's login is not available): a 6-digit
 * code through the SMS client (the loopback stand-in here), stored hashed, valid 5 minutes, single
 * use, limited tries; sends limited per number and per client; the number encrypted with a blind index.
 */
import type { ManualClock } from '../../server/src/lib/clock';
import { startTestServer, type TestServer } from './harness';
import { allTableNames, dumpTables } from './reportsFixtures';

let t: TestServer;
let clock: ManualClock;
let n = 0;
/** A fresh number and client address per test, so the per-number and per-client limits stay apart. */
const fresh = () => {
  n += 1;
  return { phone: `1390000${String(1000 + n).slice(-4)}`, ip: `203.0.113.${n}` };
};

beforeAll(async () => {
  t = await startTestServer();
  clock = t.clock as ManualClock;
});
afterAll(() => t.close());

const sendCode = (phone: string, ip: string) => t.request('POST', '/api/auth/phone/code', { body: { phone }, headers: { 'x-forwarded-for': ip } });
const signIn = (phone: string, code: string, ip: string) => t.request('POST', '/api/auth/phone/login', { body: { phone, code }, headers: { 'x-forwarded-for': ip } });

describe('phone sign-in', () => {
  it('sends a 6-digit code through the SMS gateway and keeps only its hash', async () => {
    const { phone, ip } = fresh();
    const res = await sendCode(phone, ip);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ sentTo: `${phone.slice(0, 3)}****${phone.slice(-4)}`, expiresIn: 300, resendIn: 60 });
    const code = t.sms.lastCodeFor(phone)!;
    expect(code).toMatch(/^\d{6}$/);
    const [rows] = await t.runtime.database.pool.query('SELECT phone_index, code_hash, expires_at, created_at FROM phone_codes ORDER BY id DESC LIMIT 1');
    const row = (rows as { phone_index: string; code_hash: string; expires_at: Date; created_at: Date }[])[0];
    expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.expires_at.getTime() - row.created_at.getTime()).toBe(5 * 60_000);
    const dump = await dumpTables(t, await allTableNames(t));
    expect(dump).not.toContain(phone);
    expect(dump).not.toMatch(new RegExp(`\\b${code}\\b`));
  });

  it('signs in with the code as a public user, the number stored encrypted with a blind index', async () => {
    const { phone, ip } = fresh();
    await sendCode(`+86 ${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`, ip);
    const res = await signIn(phone, t.sms.lastCodeFor(phone)!, ip);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ role: 'public', orgId: null });
    const me = await t.request('GET', '/api/me', { token: res.body.accessToken });
    expect(me.body.user).toMatchObject({ role: 'public', id: res.body.user.id });
    const [rows] = await t.runtime.database.pool.query('SELECT phone_index, phone_enc FROM users WHERE id = ?', [res.body.user.id]);
    const user = (rows as { phone_index: string; phone_enc: string }[])[0];
    expect(user.phone_index).toMatch(/^[0-9a-f]{64}$/);
    expect(user.phone_enc).not.toContain(phone);
    expect(t.runtime.deps.crypto.decrypt(user.phone_enc)).toBe(phone);

    // The same number signs in to the same account next time.
    clock.advance(61_000);
    await sendCode(phone, ip);
    const again = await signIn(phone, t.sms.lastCodeFor(phone)!, ip);
    expect(again.body.user.id).toBe(res.body.user.id);
  });

  it('uses a code once', async () => {
    const { phone, ip } = fresh();
    await sendCode(phone, ip);
    const code = t.sms.lastCodeFor(phone)!;
    expect((await signIn(phone, code, ip)).status).toBe(200);
    const reuse = await signIn(phone, code, ip);
    expect(reuse.status).toBe(400);
    expect(reuse.body.error.message).toBe('验证码已失效，请重新获取');
    expect(reuse.body.error.details).toEqual([{ path: 'code', message: '验证码已失效，请重新获取' }]);
  });

  it('expires a code after 5 minutes', async () => {
    const { phone, ip } = fresh();
    await sendCode(phone, ip);
    clock.advance(5 * 60_000 + 1000);
    const late = await signIn(phone, t.sms.lastCodeFor(phone)!, ip);
    expect(late.status).toBe(400);
    expect(late.body.error.message).toBe('验证码已失效，请重新获取');
  });

  it('spends a code after 5 wrong tries, saying how many are left', async () => {
    const { phone, ip } = fresh();
    await sendCode(phone, ip);
    const code = t.sms.lastCodeFor(phone)!;
    const wrong = code === '000000' ? '111111' : '000000';
    const messages: string[] = [];
    for (let i = 0; i < 5; i++) messages.push((await signIn(phone, wrong, ip)).body.error.message);
    expect(messages).toEqual(['验证码不正确，还可以再试4次', '验证码不正确，还可以再试3次', '验证码不正确，还可以再试2次', '验证码不正确，还可以再试1次', '验证码错误次数过多，已失效，请重新获取']);
    const right = await signIn(phone, code, ip);
    expect(right.status).toBe(400);
  });

  it('a new code replaces the previous one', async () => {
    const { phone, ip } = fresh();
    await sendCode(phone, ip);
    const first = t.sms.lastCodeFor(phone)!;
    clock.advance(61_000);
    await sendCode(phone, ip);
    const second = t.sms.lastCodeFor(phone)!;
    if (first !== second) expect((await signIn(phone, first, ip)).status).toBe(400);
    expect((await signIn(phone, second, ip)).status).toBe(200);
  });

  it('limits sends per number: one a minute, five an hour', async () => {
    const { phone, ip } = fresh();
    expect((await sendCode(phone, ip)).status).toBe(200);
    const soon = await sendCode(phone, ip);
    expect(soon.status).toBe(429);
    expect(soon.body.error.message).toBe('验证码已发送，请60秒后再重新获取');
    expect(Number(soon.headers.get('retry-after'))).toBeGreaterThan(0);
    for (let i = 0; i < 4; i++) {
      clock.advance(61_000);
      expect((await sendCode(phone, `198.18.0.${i + 1}`)).status).toBe(200);
    }
    clock.advance(61_000);
    const sixth = await sendCode(phone, '198.18.0.9');
    expect(sixth.status).toBe(429);
    expect(sixth.body.error.message).toBe('这个手机号获取验证码次数过多，请1小时后再试');
    clock.advance(3600_000);
    expect((await sendCode(phone, '198.18.0.9')).status).toBe(200);
  });

  it('limits sends per client across numbers', async () => {
    const ip = '192.0.2.77';
    for (let i = 0; i < 10; i++) expect((await sendCode(`1370000${String(2000 + i)}`, ip)).status).toBe(200);
    const eleventh = await sendCode('13700003000', ip);
    expect(eleventh.status).toBe(429);
    expect(eleventh.body.error.message).toBe('获取验证码次数过多，请稍后再试');
    expect(t.sms.lastCodeFor('13700003000')).toBeUndefined();
    clock.advance(3600_000);
  });

  it('answers a bad number or code with a 400 naming the field', async () => {
    const bad = await sendCode('12345', '192.0.2.90');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ path: 'body.phone', message: '手机号格式不正确，请输入11位手机号' }]);
    const badCode = await signIn('13900001111', '12ab', '192.0.2.90');
    expect(badCode.status).toBe(400);
    expect(badCode.body.error.details).toEqual([{ path: 'body.code', message: '验证码是6位数字' }]);
  });

  it('says so when the SMS gateway fails, and that code cannot be used', async () => {
    const { phone, ip } = fresh();
    t.sms.failNext('GATEWAY_DOWN');
    const res = await sendCode(phone, ip);
    expect(res.status).toBe(503);
    expect(res.body.error.message).toBe('短信没有发出去，请稍后重试');
    expect(t.sms.lastCodeFor(phone)).toBeUndefined();
  });

  it('the phone-signed-in person asks a question and sees it in 我的咨询, like a WeChat user', async () => {
    const { phone, ip } = fresh();
    await sendCode(phone, ip);
    const tokens = (await signIn(phone, t.sms.lastCodeFor(phone)!, ip)).body;
    const orgs = await t.request('GET', '/api/public/orgs');
    const village = orgs.body.townships[0].villages[0].id;
    const asked = await t.request('POST', '/api/consultations', { token: tokens.accessToken, body: { orgId: village, topic: 'education', question: '孩子上初中有什么补助？' } });
    expect(asked.status).toBe(201);
    const mine = await t.request('GET', '/api/my/consultations', { token: tokens.accessToken });
    expect(mine.body.items.map((c: { id: number }) => c.id)).toEqual([asked.body.id]);
    expect((await t.request('GET', '/api/reports', { token: tokens.accessToken })).status).toBe(403);
  });
});

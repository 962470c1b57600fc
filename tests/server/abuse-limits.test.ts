import { createHmac, scryptSync } from 'node:crypto';
import { normalizeReceiptCode } from '@wbt/shared';
import { addressKey, clientAddress } from '../../server/src/http/clientKey';
import { startTestServer, type TestServer } from './harness';
import { minimalReport, sendReport, villageIds } from './reportsFixtures';

let t: TestServer;
let orgId: number;
beforeAll(async () => {
  // Real password cost, so a sign-in flood costs what it costs in production.
  t = await startTestServer({ env: { PASSWORD_COST: '16384' } });
  orgId = (await villageIds(t)).villages['双骑龙村'];
});
afterAll(() => t.close());

const openReceipt = (receiptCode: string, xff: string) =>
  t.request('POST', '/api/receipts/session', { body: { receiptCode }, headers: { 'x-forwarded-for': xff } });
const wrongCode = (i: number) => `ZZZZZZZZZZZZ${String(i).padStart(4, '0')}`;

describe('client address behind trusted proxies', () => {
  it('takes the hop the trusted proxies appended, not what the client wrote further left', () => {
    expect(clientAddress('6.6.6.6, 203.0.113.9', '10.0.0.1', 1)).toBe('203.0.113.9');
    expect(clientAddress('6.6.6.6, 203.0.113.9, 10.0.0.2', '10.0.0.1', 2)).toBe('203.0.113.9');
    expect(clientAddress('6.6.6.6', '10.0.0.1', 0)).toBe('10.0.0.1');
    // Fewer entries than trusted hops: the request bypassed a proxy; use the socket.
    expect(clientAddress('203.0.113.9', '10.0.0.1', 2)).toBe('10.0.0.1');
  });

  it('keys IPv6 by /64 and IPv4-mapped addresses as IPv4', () => {
    expect(addressKey('2001:db8:1:2::1')).toBe(addressKey('2001:db8:1:2:ffff:ffff:ffff:ffff'));
    expect(addressKey('2001:db8:1:2::1')).not.toBe(addressKey('2001:db8:1:3::1'));
    expect(addressKey('2001:0db8:0001:0002:0:0:0:1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
  });

  it('a client rotating the left-most X-Forwarded-For entry is still one client', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await openReceipt(wrongCode(i), `192.0.2.${i + 1}, 198.51.100.77`)).status);
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('a client rotating addresses inside its IPv6 /64 is still one client', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await openReceipt(wrongCode(i), `2001:db8:aa:bb::${(i + 1).toString(16)}`)).status);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Another /64 is another client.
    expect((await openReceipt(wrongCode(99), '2001:db8:aa:bc::1')).status).toBe(404);
  });
});

describe('receipt hashes', () => {
  it('stores new receipt hashes in the versioned, cheaper form', async () => {
    const res = await sendReport(t, minimalReport(orgId), { ip: '198.51.100.30' });
    expect(res.status).toBe(201);
    const [rows] = await t.runtime.database.pool.query('SELECT receipt_hash FROM reports WHERE id = ?', [res.body.id]);
    expect((rows as { receipt_hash: string }[])[0].receipt_hash).toMatch(/^v2:[A-Za-z0-9_-]{43}$/);
    expect((await openReceipt(res.body.receiptCode, '198.51.100.30')).status).toBe(200);
  });

  it('still opens receipts stored with the first hash version', async () => {
    const res = await sendReport(t, minimalReport(orgId), { ip: '198.51.100.31' });
    const code = res.body.receiptCode as string;
    const salt = createHmac('sha256', t.config.indexKey).update('receipt-code/v1').digest();
    const v1 = scryptSync(normalizeReceiptCode(code)!, salt, 32, { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }).toString('hex');
    await t.runtime.database.pool.query('UPDATE reports SET receipt_hash = ? WHERE id = ?', [v1, res.body.id]);
    const opened = await openReceipt(code, '198.51.100.31');
    expect(opened.status).toBe(200);
  });
});

describe('a sign-in flood', () => {
  const reportLatency = async (ip: string) => {
    const started = performance.now();
    const res = await sendReport(t, minimalReport(orgId), { ip });
    expect(res.status).toBe(201);
    return performance.now() - started;
  };

  it('from one client gets 429s: at most 20 of 64 concurrent attempts reach a password check', async () => {
    const answers = await Promise.all(
      Array.from({ length: 64 }, (_, i) =>
        t.request('POST', '/api/auth/login', { body: { username: `flood${i}`, password: 'wrong' }, headers: { 'x-forwarded-for': '203.0.113.50' } }),
      ),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(20);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(44);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    // Another client still signs in.
    const ok = await t.request('POST', '/api/auth/login', { body: { username: 'dudao', password: 'Demo@2026' }, headers: { 'x-forwarded-for': '203.0.113.51' } });
    expect(ok.status).toBe(200);
  });

  it('cannot make anonymous reports wait behind its password hashes', async () => {
    const { hashPassword, verifyPassword } = await import('../../server/src/lib/passwords');
    const stored = await hashPassword('a-password', 16384);
    const quiet: number[] = [];
    for (let i = 0; i < 3; i += 1) quiet.push(await reportLatency('198.51.100.40'));
    // 64 password checks queued at once, as 64 concurrent sign-ins (from many clients) would queue them.
    let done = 0;
    const checks = Array.from({ length: 64 }, () => verifyPassword('wrong', stored).then(() => (done += 1)));
    const during = await reportLatency('198.51.100.41');
    const doneWhenReported = done;
    await Promise.all(checks);
    console.log(`report: quiet ${Math.min(...quiet).toFixed(0)}–${Math.max(...quiet).toFixed(0)} ms; with 64 password checks queued ${during.toFixed(0)} ms, finished after ${doneWhenReported} of them`);
    // Relative, so it holds on a busy machine: the report finished long before the queued hashes,
    // instead of behind them (unbounded, all 64 shared libuv's 4 threads with the receipt hash).
    expect(doneWhenReported).toBeLessThan(32);
  });
});

describe('duplicate checks', () => {
  it('are limited per account: 60 in 15 minutes, then 429', async () => {
    const token = await t.login('zhuren02');
    const check = () => t.request('POST', '/api/children/duplicates', { token, body: { name: '查重限流', dob: '2015-05-05' } });
    const statuses: number[] = [];
    for (let i = 0; i < 61; i += 1) statuses.push((await check()).status);
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(statuses[60]).toBe(429);
    // Another account is not affected.
    expect((await t.request('POST', '/api/children/duplicates', { token: await t.login('zhuren03'), body: { name: '查重限流', dob: '2015-05-05' } })).status).toBe(200);
  });
});

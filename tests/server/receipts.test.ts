import { RECEIPT_ALPHABET } from '@wbt/shared';
import type { ManualClock } from '../../server/src/lib/clock';
import { startTestServer, type TestServer } from './harness';
import { allTableNames, dumpTables, jpegWithGps, minimalReport, sendReport, upload, villageIds } from './reportsFixtures';

let t: TestServer;
let orgs: Awaited<ReturnType<typeof villageIds>>;
let code: string;
let reportId: number;

beforeAll(async () => {
  t = await startTestServer();
  orgs = await villageIds(t);
  const res = await sendReport(t, minimalReport(orgs.villages['英雄湾村']));
  code = res.body.receiptCode;
  reportId = res.body.id;
});
afterAll(() => t.close());

const open = (receiptCode: string, ip = '198.51.100.1') =>
  t.request('POST', '/api/receipts/session', { body: { receiptCode }, headers: { 'x-forwarded-for': ip } });

/** A well-formed code that differs from the real one in its last character. */
function nearMiss(c: string): string {
  const last = RECEIPT_ALPHABET[(RECEIPT_ALPHABET.indexOf(c[15]) + 1) % 32];
  return c.slice(0, 15) + last;
}

describe('receipt sessions', () => {
  it('stores the code only as a keyed slow hash, looked up by a unique index', async () => {
    const [rows] = await t.runtime.database.pool.query('SELECT receipt_hash FROM reports WHERE id = ?', [reportId]);
    const hash = (rows as { receipt_hash: string }[])[0].receipt_hash;
    expect(hash).toMatch(/^v2:[A-Za-z0-9_-]{43}$/);
    expect(await dumpTables(t, await allTableNames(t))).not.toContain(code);
    const [idx] = await t.runtime.database.pool.query("SHOW INDEX FROM reports WHERE Column_name = 'receipt_hash'");
    expect((idx as { Non_unique: number }[])[0].Non_unique).toBe(0);
    // The hash depends on the index key: the same code under another key hashes differently.
    const { ReceiptCodes } = await import('../../server/src/modules/receipts/receiptCodes');
    const other = new ReceiptCodes(Buffer.alloc(32, 7), 'x'.repeat(32), t.clock);
    expect(await other.hash(code)).not.toBe(hash);
    expect(await t.runtime.services.receipts['codes'].hash(code)).toBe(hash);
  });

  it('opens with the code in the body (any case, with dashes) and reads status and thread', async () => {
    const dashed = `${code.slice(0, 4)}-${code.slice(4, 8)} ${code.slice(8, 12)}-${code.slice(12)}`.toLowerCase();
    const res = await open(dashed);
    expect(res.status).toBe(200);
    expect(res.body.expiresIn).toBe(1800);
    const view = await t.request('GET', '/api/receipts/report', { headers: { 'x-receipt-token': res.body.token } });
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ id: reportId, status: 'received', statusLabel: '已收到', township: { name: '铜罐驿镇' } });
  });

  it('gives byte-identical answers for a wrong and a non-existent code', async () => {
    const wrong = await open(nearMiss(code), '198.51.100.2');
    const missing = await open('ZZZZZZZZZZZZZZZZ', '198.51.100.2');
    const malformed = await open('123', '198.51.100.2');
    expect(wrong.status).toBe(404);
    expect(wrong.text).toBe(missing.text);
    expect(malformed.text).toBe(missing.text);
    expect(wrong.body.error.message).toBe('回执码不正确，请核对后重新输入');
  });

  it('answers 429 with Retry-After after 10 failures in 15 minutes from one client, even for the right code', async () => {
    const clock = t.clock as ManualClock;
    const ip = '203.0.113.50';
    for (let i = 0; i < 10; i++) expect((await open(nearMiss(code), ip)).status).toBe(404);
    const limited = await open(code, ip);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    // Another client is not affected.
    expect((await open(code, '203.0.113.51')).status).toBe(200);
    // Nothing of the limiter is in the database or the log.
    expect(await dumpTables(t, await allTableNames(t))).not.toContain(ip);
    expect(t.logs.join('\n')).not.toContain(ip);
    clock.advance(retryAfter * 1000);
    expect((await open(code, ip)).status).toBe(200);
  });

  it('lets no burst of simultaneous wrong codes past the limit of 10', async () => {
    const burst = await Promise.all(Array.from({ length: 25 }, () => open(nearMiss(code), '198.51.100.77')));
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 404).length).toBe(10);
    expect(statuses.filter((s) => s === 429).length).toBe(15);
  });

  it('lets the anonymous reporter add information and a photo, still without identity', async () => {
    const sess = await open(code, '198.51.100.9');
    const up = await upload(t, await jpegWithGps(), 'more.jpg', { ip: '198.51.100.9' });
    const res = await t.request('POST', '/api/receipts/messages', {
      body: { text: '补充：孩子的奶奶也知道这件事', attachments: [{ fileId: up.body.fileId, ticket: up.body.ticket }] },
      headers: { 'x-receipt-token': sess.body.token },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ from: 'reporter', photoCount: 1 });
    const dudao = await t.login('dudao');
    const detail = await t.request('GET', `/api/reports/${reportId}`, { token: dudao });
    const msg = detail.body.messages.find((m: { id: number }) => m.id === res.body.id);
    expect(msg.photos).toHaveLength(1);
    const photo = await t.request('GET', `/api/reports/${reportId}/files/${msg.photos[0].id}`, { token: dudao });
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    const list = await t.request('GET', '/api/reports', { token: dudao });
    expect(list.body.items.find((i: { id: number }) => i.id === reportId).lastReporterMessageAt).not.toBeNull();
  });

  it('refuses a missing, forged or expired token with 401', async () => {
    const clock = t.clock as ManualClock;
    expect((await t.request('GET', '/api/receipts/report')).status).toBe(401);
    const sess = await open(code, '198.51.100.10');
    const forged = sess.body.token.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A'));
    expect((await t.request('GET', '/api/receipts/report', { headers: { 'x-receipt-token': forged } })).status).toBe(401);
    clock.advance(31 * 60 * 1000);
    const expired = await t.request('GET', '/api/receipts/report', { headers: { 'x-receipt-token': sess.body.token } });
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toMatch(/重新输入回执码/);
  });

  it('never writes codes or tokens to the log, and never takes them from a URL', async () => {
    const sess = await open(code, '198.51.100.11');
    const all = t.logs.join('\n');
    expect(all).not.toContain(code);
    expect(all).not.toContain(sess.body.token);
    expect(all).not.toContain(nearMiss(code));
    // A code in the query string is not accepted.
    const viaQuery = await t.request('POST', `/api/receipts/session?receiptCode=${code}`, { body: {} });
    expect(viaQuery.status).toBe(400);
  });
});

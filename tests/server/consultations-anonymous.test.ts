/**
 * Policy questions without signing in: nothing links the question to a person; the asker keeps a
 * receipt code (the same machinery as anonymous reports) to read the station's answer and follow up.
 */
import { startTestServer, type TestServer } from './harness';
import { allTableNames, countRows, dumpTables } from './reportsFixtures';

let t: TestServer;
let village: { id: number; name: string };
let staff: string;

const ASKER_IP = '198.51.100.201';
const askAnonymously = (body: Record<string, unknown>, ip = ASKER_IP) =>
  t.request('POST', '/api/consultations/anonymous', { body, headers: { 'x-forwarded-for': ip } });
const openReceipt = (receiptCode: string, ip = ASKER_IP) => t.request('POST', '/api/receipts/session', { body: { receiptCode }, headers: { 'x-forwarded-for': ip } });

beforeAll(async () => {
  t = await startTestServer();
  const orgs = await t.request('GET', '/api/public/orgs');
  village = orgs.body.townships[0].villages[1];
  staff = await t.login('dudao');
});
afterAll(() => t.close());

describe('an anonymous policy question', () => {
  let code: string;
  let id: number;

  it('is taken without sign-in and answered with a receipt code shown once; nothing identifies the asker', async () => {
    const res = await askAnonymously({ orgId: village.id, topic: 'medical', question: '孩子有先天性心脏病，做手术能报销多少？' });
    expect(res.status).toBe(201);
    code = res.body.receiptCode;
    id = res.body.consultation.id;
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(res.body.consultation).toMatchObject({ status: 'waiting', anonymous: true, villageName: village.name });
    const [rows] = await t.runtime.database.pool.query('SELECT user_id, receipt_hash FROM consultations WHERE id = ?', [id]);
    const row = (rows as { user_id: number | null; receipt_hash: string }[])[0];
    expect(row.user_id).toBeNull();
    expect(row.receipt_hash).toMatch(/^v2:[A-Za-z0-9_-]{43}$/);
    const dump = await dumpTables(t, await allTableNames(t));
    expect(dump).not.toContain(code);
    expect(dump).not.toContain(ASKER_IP);
  });

  it('reaches the station queue like any question; the answer notifies nobody', async () => {
    const before = await countRows(t, 'notifications');
    const queue = await t.request('GET', '/api/consultations?status=waiting', { token: staff });
    const item = queue.body.items.find((c: { id: number }) => c.id === id);
    expect(item).toMatchObject({ anonymous: true, topic: 'medical' });
    const detail = await t.request('GET', `/api/consultations/${id}`, { token: staff });
    expect(detail.body.messages[0].authorLabel).toBe('匿名提问人');
    const answered = await t.request('POST', `/api/consultations/${id}/messages`, { token: staff, body: { body: '可以申请医疗救助，先走医保报销，剩余部分按比例救助。' } });
    expect(answered.status).toBe(201);
    expect(await countRows(t, 'notifications')).toBe(before);
  });

  it('is read with the receipt code, pasted with spaces and dashes, and followed up', async () => {
    const pasted = ` ${code.slice(0, 4)} - ${code.slice(4, 8)} ${code.slice(8, 12)}—${code.slice(12)} `.toLowerCase();
    const session = await openReceipt(pasted);
    expect(session.status).toBe(200);
    expect(session.body.kind).toBe('consultation');
    const headers = { 'x-receipt-token': session.body.token };
    const view = await t.request('GET', '/api/receipts/consultation', { headers });
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ id, status: 'answered', anonymous: true });
    expect(view.body.messages.map((m: { authorLabel: string }) => m.authorLabel)).toEqual(['我', '铜罐驿镇未保站']);
    expect(view.body.messages[1].body).toMatch(/医疗救助/);

    const more = await t.request('POST', '/api/receipts/consultation/messages', { headers, body: { body: '需要带哪些材料？' } });
    expect(more.status).toBe(201);
    expect(more.body.status).toBe('waiting');
    const closed = await t.request('POST', '/api/receipts/consultation/close', { headers });
    expect(closed.body.status).toBe('closed');
  });

  it('keeps report and question sessions apart, and answers a wrong code like any other', async () => {
    const session = await openReceipt(code);
    const asReport = await t.request('GET', '/api/receipts/report', { headers: { 'x-receipt-token': session.body.token } });
    expect(asReport.status).toBe(401);
    const wrong = await openReceipt('ZZZZZZZZZZZZZZZZ');
    expect(wrong.status).toBe(404);
    expect(wrong.body.error.message).toBe('回执码不正确，请核对后重新输入');
    const noToken = await t.request('GET', '/api/receipts/consultation');
    expect(noToken.status).toBe(401);
  });

  it('names the missing field in Chinese', async () => {
    const res = await askAnonymously({ orgId: village.id, topic: 'medical' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toEqual({ path: 'body.question', message: '请填写您的问题' });
  });

  it('limits anonymous questions per client', async () => {
    const ip = '198.51.100.250';
    for (let i = 0; i < 20; i++) expect((await askAnonymously({ orgId: village.id, topic: 'other', question: `第${i}个问题` }, ip)).status).toBe(201);
    const over = await askAnonymously({ orgId: village.id, topic: 'other', question: '再问一个' }, ip);
    expect(over.status).toBe(429);
    expect(over.body.error.message).toBe('提问过于频繁，请稍后再试');
  });
});

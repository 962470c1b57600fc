import sharp from 'sharp';
import { ManualClock } from '../../server/src/lib/clock';
import { startTestServer, type TestServer } from './harness';
import { childBody, cst, endOfDay, idemKey, tinyJpeg, uploadPhoto, visitBody } from './childrenFixtures';
import { countRows, dumpTables } from './reportsFixtures';

let t: TestServer;
let clock: ManualClock;
const tok: Record<string, string> = {};
let childId = 0;

beforeAll(async () => {
  clock = new ManualClock(cst('2026-11-16T10:00:00'));
  t = await startTestServer({ clock });
  for (const u of ['zhuren06', 'zhuren07', 'dudao', 'zhanzhang']) tok[u] = await t.login(u);
  childId = (await t.request('POST', '/api/children', { token: tok.zhuren06, body: childBody({ name: '走访儿童', dob: '2014-10-10', riskTier: 'high' }) })).body.id;
});
afterAll(() => t.close());

const visitsOf = async (id: number) => (await t.request('GET', `/api/children/${id}/visits`, { token: tok.zhuren06 })).body.items;

describe('a visit written offline is sent exactly once', () => {
  it('answers a retry with the same key with the first record and stores nothing new', async () => {
    const key = idemKey();
    const body = visitBody(childId, cst('2026-11-15T16:20:00'), { findings: '离线记录' });
    const first = await t.request('POST', '/api/visits', { token: tok.zhuren06, body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(first.body.nextVisitDue).toBe(endOfDay('2026-11-22'));
    const plansBefore = (await t.request('GET', `/api/children/${childId}/tasks`, { token: tok.zhuren06 })).body.items.length;

    // The network came back twice (the phone retried after a lost answer).
    clock.advance(60_000);
    const again = await t.request('POST', '/api/visits', { token: tok.zhuren06, body, headers: { 'idempotency-key': key } });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.createdAt).toBe(first.body.createdAt);
    expect((await visitsOf(childId)).filter((v: { findings: string }) => v.findings === '离线记录')).toHaveLength(1);
    expect((await t.request('GET', `/api/children/${childId}/tasks`, { token: tok.zhuren06 })).body.items.length).toBe(plansBefore);
    const audits = (await t.runtime.services.audit.forTarget('visit', first.body.id)).filter((a) => a.action === 'visit.create');
    expect(audits).toHaveLength(1);
  });

  it('stores one record when the same key arrives several times at once', async () => {
    const key = idemKey();
    const body = visitBody(childId, cst('2026-11-16T09:00:00'), { findings: '并发重发' });
    const before = await countRows(t, 'visits');
    const results = await Promise.all([1, 2, 3].map(() => t.request('POST', '/api/visits', { token: tok.zhuren06, body, headers: { 'idempotency-key': key } })));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await countRows(t, 'visits')).toBe(before + 1);
  });

  it('refuses the same key for a different record, and a malformed key', async () => {
    const key = idemKey();
    await t.request('POST', '/api/visits', { token: tok.zhuren06, body: visitBody(childId, cst('2026-11-16T09:10:00')), headers: { 'idempotency-key': key } });
    const other = await t.request('POST', '/api/visits', { token: tok.zhuren06, body: visitBody(childId, cst('2026-11-16T09:10:00'), { findings: '不同内容' }), headers: { 'idempotency-key': key } });
    expect(other.status).toBe(409);
    const bad = await t.request('POST', '/api/visits', { token: tok.zhuren06, body: visitBody(childId, clock.now()), headers: { 'idempotency-key': 'x' } });
    expect(bad.status).toBe(400);
  });

  it('keys belong to their user: another person’s key is not a replay of someone else’s record', async () => {
    const key = idemKey();
    const mine = await t.request('POST', '/api/visits', { token: tok.zhuren06, body: visitBody(childId, clock.now()), headers: { 'idempotency-key': key } });
    const theirs = await t.request('POST', '/api/visits', { token: tok.dudao, body: visitBody(childId, clock.now()), headers: { 'idempotency-key': key } });
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.body.visitorName).toBe('陈思远');
  });
});

describe('what a visit records', () => {
  it('rejects bad input with Chinese messages naming the field', async () => {
    const future = await t.request('POST', '/api/visits', { token: tok.zhuren06, body: visitBody(childId, new Date(clock.now().getTime() + 3600_000)) });
    expect(future.status).toBe(400);
    expect(future.body.error.message).toMatch(/走访时间不能晚于现在/);
    const nobody = await t.request('POST', '/api/visits', { token: tok.zhuren06, body: visitBody(childId, clock.now(), { metWith: [] }) });
    expect(nobody.status).toBe(400);
    expect(nobody.body.error.details[0]).toMatchObject({ path: 'body.metWith', message: '请选择见到了谁（至少一项）' });
    const noRating = await t.request('POST', '/api/visits', { token: tok.zhuren06, body: visitBody(childId, clock.now(), { health: {} }) });
    expect(noRating.status).toBe(400);
    expect(noRating.body.error.message).toMatch(/健康状况/);
  });

  it('keeps photos re-encoded without location data, for people who may see the child only', async () => {
    const photo = await uploadPhoto(t, await tinyJpeg());
    const res = await t.request('POST', '/api/visits', {
      token: tok.zhuren06,
      body: visitBody(childId, clock.now(), { photos: [photo], living: { rating: 'poor', note: '屋顶漏雨' } }),
    });
    expect(res.status).toBe(201);
    expect(res.body.photoIds).toEqual([photo.fileId]);
    expect(res.body.living).toEqual({ rating: 'poor', note: '屋顶漏雨' });
    const img = await fetch(`${t.baseUrl}/api/visits/${res.body.id}/photos/${photo.fileId}`, { headers: { authorization: `Bearer ${tok.zhuren06}` } });
    expect(img.status).toBe(200);
    const meta = await sharp(Buffer.from(await img.arrayBuffer())).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    const foreign = await t.request('GET', `/api/visits/${res.body.id}/photos/${photo.fileId}`, { token: tok.zhuren07 });
    expect(foreign.status).toBe(404);
    // A ticket works once.
    const reuse = await t.request('POST', '/api/visits', { token: tok.zhuren06, body: visitBody(childId, clock.now(), { photos: [photo] }) });
    expect(reuse.status).toBe(400);
  });

  it('stores what was seen encrypted, and audits every read', async () => {
    const marker = '走访发现标记XYZ';
    const res = await t.request('POST', '/api/visits', { token: tok.zhuren06, body: visitBody(childId, clock.now(), { findings: marker, nextSteps: '联系学校' }) });
    const dump = await dumpTables(t, ['visits', 'visit_photos', 'tasks', 'audit_log']);
    expect(dump).not.toContain(marker);
    expect(dump).not.toContain('联系学校');
    const read = await t.request('GET', `/api/visits/${res.body.id}`, { token: tok.dudao });
    expect(read.body).toMatchObject({ findings: marker, childName: '走访儿童', visitorName: '徐建平' });
    expect((await t.runtime.services.audit.forTarget('visit', res.body.id)).some((a) => a.action === 'visit.read' && a.result === 'ok')).toBe(true);
    expect((await t.request('GET', `/api/visits/${res.body.id}`, { token: tok.zhuren07 })).status).toBe(404);
  });
});

describe('"发现侵害迹象" becomes a mandatory report in one tap', () => {
  let visitId = 0;
  it('creates a named 强制报告 with the child from the file and the director as reporter', async () => {
    const visit = await t.request('POST', '/api/visits', {
      token: tok.zhuren06,
      body: visitBody(childId, clock.now(), { harmSigns: true, health: { rating: 'injured', note: '手臂有多处淤青' }, findings: '孩子说被继父打' }),
    });
    visitId = visit.body.id;
    expect(visit.body.harmSigns).toBe(true);
    const tap = await t.request('POST', `/api/visits/${visitId}/report`, { token: tok.zhuren06 });
    expect(tap.status).toBe(200);
    expect(tap.body.created).toBe(true);
    const reportId = tap.body.reportId;

    const report = await t.request('GET', `/api/reports/${reportId}`, { token: tok.dudao });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({
      kind: 'harm',
      anonymous: false,
      method: 'in_person',
      enteredByStaff: true,
      org: { name: '大碑村' },
      nature: 'mandatory',
      natureLabel: '强制报告',
      reporter: { identity: 'child_director', hasIdentity: true },
      content: { child: { name: '走访儿童', sex: 'female', address: '测试地址1组1号' }, childState: { physical: '手臂有多处淤青' } },
    });
    expect(report.body.content.account).toMatch(/孩子说被继父打/);
    const reporter = await t.request('GET', `/api/reports/${reportId}/reporter`, { token: tok.dudao });
    expect(reporter.body.name).toBe('徐建平');
    expect((await t.request('GET', `/api/visits/${visitId}`, { token: tok.zhuren06 })).body.reportId).toBe(reportId);
  });

  it('answers a second tap with the same report', async () => {
    const before = await countRows(t, 'reports');
    const again = await t.request('POST', `/api/visits/${visitId}/report`, { token: tok.zhuren06 });
    expect(again.body.created).toBe(false);
    expect(await countRows(t, 'reports')).toBe(before);
  });

  it('is not offered for a visit without signs of harm, nor to another village', async () => {
    const plain = await t.request('POST', '/api/visits', { token: tok.zhuren06, body: visitBody(childId, clock.now()) });
    expect((await t.request('POST', `/api/visits/${plain.body.id}/report`, { token: tok.zhuren06 })).status).toBe(409);
    expect((await t.request('POST', `/api/visits/${visitId}/report`, { token: tok.zhuren07 })).status).toBe(404);
  });
});

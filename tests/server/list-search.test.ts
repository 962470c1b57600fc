import type { ManualClock } from '../../server/src/lib/clock';
import { ASSESS_HIGH, harmReport, openCase, step, tokens, villageIds, type Tokens } from './casesFixtures';
import { childBody } from './childrenFixtures';
import { startTestServer, type TestServer } from './harness';

let t: TestServer;
let tk: Tokens;
let orgs: Awaited<ReturnType<typeof villageIds>>;

beforeAll(async () => {
  t = await startTestServer();
  (t.clock as ManualClock).set(new Date('2026-11-02T02:00:00Z'));
  orgs = await villageIds(t);
});
afterAll(() => t.close());
beforeEach(async () => {
  tk = await tokens(t);
});

describe('search by name and filters by village and risk', () => {
  it('finds a child file by its exact name (spaces ignored), within the caller’s scope, with village and risk filters', async () => {
    const a = await t.request('POST', '/api/children', { token: tk.zhuren01, body: childBody({ name: '周 小雨', dob: '2016-02-02', riskTier: 'high' }) });
    expect(a.status).toBe(201);
    const b = await t.request('POST', '/api/children', { token: tk.zhuren02, body: childBody({ name: '周小雨', dob: '2014-03-03', riskTier: 'low' }) });
    expect(b.status).toBe(201);
    const all = await t.request('GET', `/api/children?name=${encodeURIComponent('周小雨')}`, { token: tk.dudao });
    expect(all.status).toBe(200);
    expect(all.body.items.map((c: { id: number }) => c.id).sort()).toEqual([a.body.id, b.body.id].sort());
    const village = await t.request('GET', `/api/children?name=${encodeURIComponent('周小雨')}&orgId=${orgs.villages['建设村']}`, { token: tk.dudao });
    expect(village.body.items.map((c: { id: number }) => c.id)).toEqual([b.body.id]);
    const risk = await t.request('GET', `/api/children?name=${encodeURIComponent('周小雨')}&riskTier=high`, { token: tk.dudao });
    expect(risk.body.items.map((c: { id: number }) => c.id)).toEqual([a.body.id]);
    // A director sees only their village's file of that name.
    const director = await t.request('GET', `/api/children?name=${encodeURIComponent('周小雨')}`, { token: tk.zhuren01 });
    expect(director.body.items.map((c: { id: number }) => c.id)).toEqual([a.body.id]);
    expect((await t.request('GET', '/api/children?name=', { token: tk.dudao })).status).toBe(400);
  });

  it('backfills the name index of files written before it existed', async () => {
    const c = await t.request('POST', '/api/children', { token: tk.zhuren01, body: childBody({ name: '旧档案儿童', dob: '2013-04-04' }) });
    await t.runtime.deps.db.execute(`UPDATE children SET name_idx = NULL WHERE id = ${Number(c.body.id)}` as never);
    const before = await t.request('GET', `/api/children?name=${encodeURIComponent('旧档案儿童')}`, { token: tk.dudao });
    expect(before.body.items).toHaveLength(0);
    expect(await t.runtime.services.children.backfillNameIndex()).toBeGreaterThanOrEqual(1);
    const after = await t.request('GET', `/api/children?name=${encodeURIComponent('旧档案儿童')}`, { token: tk.dudao });
    expect(after.body.items.map((x: { id: number }) => x.id)).toEqual([c.body.id]);
  });

  it('filters cases by the child’s name, the village and the risk level', async () => {
    const r1 = await harmReport(t, orgs.villages['双骑龙村'], { child: { name: '吴 小明', sex: 'male', age: 9 } });
    const c1 = await openCase(t, tk.dudao, r1.id, { category: 'harm', villageId: orgs.villages['双骑龙村'], child: { name: '吴小明' } });
    expect((await step(t, tk.dudao, c1, 'assess', ASSESS_HIGH)).status).toBe(200);
    const r2 = await harmReport(t, orgs.villages['建设村'], { child: { name: '郑小红', sex: 'female', age: 7 } });
    const c2 = await openCase(t, tk.dudao, r2.id, { category: 'harm', villageId: orgs.villages['建设村'], child: { name: '郑小红' } });

    const byName = await t.request('GET', `/api/cases?name=${encodeURIComponent('吴小明')}`, { token: tk.dudao });
    expect(byName.status).toBe(200);
    expect(byName.body.items.map((c: { id: number }) => c.id)).toEqual([c1]);
    const byVillage = await t.request('GET', `/api/cases?villageId=${orgs.villages['建设村']}`, { token: tk.dudao });
    expect(byVillage.body.items.map((c: { id: number }) => c.id)).toContain(c2);
    expect(byVillage.body.items.map((c: { id: number }) => c.id)).not.toContain(c1);
    const byRisk = await t.request('GET', '/api/cases?riskLevel=high', { token: tk.dudao });
    expect(byRisk.body.items.map((c: { id: number }) => c.id)).toEqual([c1]);
    // Renaming the child in the case moves the search key with it.
    expect((await step(t, tk.dudao, c2, 'assign', { child: { name: '郑小花' } })).status).toBe(200);
    expect((await t.request('GET', `/api/cases?name=${encodeURIComponent('郑小花')}`, { token: tk.dudao })).body.items.map((c: { id: number }) => c.id)).toEqual([c2]);
  });
});

import type { ManualClock } from '../../server/src/lib/clock';
import { childBody } from './childrenFixtures';
import { ASSESS_HIGH, harmReport, openCase, step, tokens, villageIds, type Tokens } from './casesFixtures';
import { startTestServer, type TestServer } from './harness';
import { sendReport } from './reportsFixtures';

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

describe('a dispatched task carries what the visitor needs', () => {
  it('gives the director the account, child, guardian, place, risk and the 24-hour reason — never the reporter', async () => {
    const res = await sendReport(t, {
      kind: 'harm',
      anonymous: false,
      orgId: orgs.villages['双骑龙村'],
      account: '孩子身上有淤青，父亲酒后打人，昨晚听到哭喊',
      place: '双骑龙村3组院子',
      situations: ['abuse_injuries'],
      child: { name: '李小花', sex: 'female', age: 8, address: '双骑龙村3组12号' },
      guardian: { name: '李大山', relation: '父亲', phone: '13787654321' },
      perpetrator: { relation: '父亲' },
      reporter: { name: '报告人王某', phone: '13911112222', identity: 'community' },
    });
    expect(res.status).toBe(201);
    const caseId = await openCase(t, tk.dudao, res.body.id);
    expect((await step(t, tk.dudao, caseId, 'assess', ASSESS_HIGH)).status).toBe(200);
    const d = await step(t, tk.dudao, caseId, 'dispatch_task', { kind: 'first_visit', reason: '入户核实孩子伤情与居住情况', assigneeUserId: (await t.runtime.services.users.staffOf(orgs.villages['双骑龙村'], 'director'))[0].id });
    expect(d.status).toBe(200);
    const mine = await t.request('GET', '/api/tasks/mine', { token: tk.zhuren01 });
    const item = mine.body.items.find((x: { caseId: number }) => x.caseId === caseId);
    const task = await t.request('GET', `/api/tasks/${item.id}`, { token: tk.zhuren01 });
    expect(task.status).toBe(200);
    expect(task.body.serious).toBe(true);
    expect(task.body.brief).toMatchObject({
      serious: true,
      riskLabel: '高危',
      place: '双骑龙村3组院子',
      child: { name: '李小花', sex: '女', age: 8, address: '双骑龙村3组12号' },
      guardian: { name: '李大山', relation: '父亲', phone: '13787654321' },
      perpetratorRelation: '父亲',
      locationKnown: true,
    });
    expect(task.body.brief.accounts[0].text).toBe('孩子身上有淤青，父亲酒后打人，昨晚听到哭喊');
    expect(task.body.brief.urgency).toContain('24小时内');
    expect(task.body.brief.situations.length).toBe(1);
    const text = JSON.stringify(task.body);
    expect(text).not.toContain('报告人王某');
    expect(text).not.toContain('13911112222');
  });

  it('says when no location is known, and filing the child from the task links the child to the case', async () => {
    const r = await harmReport(t, orgs.villages['双骑龙村'], { child: {} });
    const caseId = await openCase(t, tk.dudao, r.id);
    const d = await step(t, tk.dudao, caseId, 'dispatch_task', { kind: 'verification', reason: '核查' });
    expect(d.status).toBe(200);
    const taskId = d.body.tasks.find((x: { kind: string }) => x.kind === 'verification').id;
    const task = await t.request('GET', `/api/tasks/${taskId}`, { token: tk.zhuren01 });
    expect(task.body.brief).toMatchObject({ locationKnown: false, place: null, serious: false });

    const child = await t.request('POST', '/api/children', { token: tk.zhuren01, body: childBody({ name: '新建档儿童', dob: '2016-03-01' }) });
    expect(child.status).toBe(201);
    const link = await t.request('POST', `/api/tasks/${taskId}/child`, { token: tk.zhuren01, body: { childId: child.body.id } });
    expect(link.status).toBe(200);
    const detail = await t.request('GET', `/api/cases/${caseId}`, { token: tk.dudao });
    expect(detail.body.childId).toBe(child.body.id);
  });
});

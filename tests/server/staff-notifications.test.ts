import type { ManualClock } from '../../server/src/lib/clock';
import { GENERIC_STAFF_TEXT } from '../../server/src/modules/notifications/notifications.service';
import { ASSESS_HIGH, harmReport, openCase, step, tokens, villageIds, type Tokens } from './casesFixtures';
import { startTestServer, type TestServer } from './harness';

let t: TestServer;
let tk: Tokens;
let orgs: Awaited<ReturnType<typeof villageIds>>;
const HOUR = 3_600_000;
const clock = () => t.clock as ManualClock;

beforeAll(async () => {
  t = await startTestServer();
  clock().set(new Date('2026-11-02T02:00:00Z')); // Monday 10:00 in China
  orgs = await villageIds(t);
});
afterAll(() => t.close());
beforeEach(async () => {
  tk = await tokens(t);
});

interface Item { id: number; kind: string; title: string; body: string | null; link: string | null; createdAt: string; read: boolean }
async function inbox(token: string): Promise<{ items: Item[]; unread: number }> {
  const res = await t.request('GET', '/api/notifications?limit=100', { token });
  expect(res.status).toBe(200);
  return res.body;
}
const ofKind = async (token: string, kind: string) => (await inbox(token)).items.filter((n) => n.kind === kind);

describe('staff notifications', () => {
  it('tells the township supervisors and the station head of a new harm report, without personal data', async () => {
    const before = (await inbox(tk.dudao)).unread;
    const r = await harmReport(t, orgs.villages['双骑龙村']);
    for (const token of [tk.dudao, tk.zhanzhang]) {
      const hits = (await ofKind(token, 'report.new')).filter((n) => n.body === `报告 #${r.id}`);
      expect(hits).toHaveLength(1);
      expect(hits[0]).toMatchObject({ title: '收到新的侵害报告，请尽快受理', read: false, link: `/staff/pages/intake/triage?id=${r.id}` });
      expect(JSON.stringify(hits[0])).not.toContain('小明');
    }
    expect((await inbox(tk.dudao)).unread).toBe(before + 1);
    const badge = await t.request('GET', '/api/notifications/unread', { token: tk.dudao });
    expect(badge.body).toEqual({ unread: before + 1 });
    // Directors are not told of reports (they never see the reporter's side of the intake).
    expect(await ofKind(tk.zhuren01, 'report.new')).toHaveLength(0);
  });

  it('brings a reporter’s new message on an open case to the case owner within a minute', async () => {
    const r = await harmReport(t, orgs.villages['双骑龙村']);
    const caseId = await openCase(t, tk.dudao, r.id);
    const sess = await t.request('POST', '/api/receipts/session', { body: { receiptCode: r.receiptCode } });
    expect(sess.status).toBe(200);
    const sentAt = Date.now();
    const msg = await t.request('POST', '/api/receipts/messages', { body: { text: '孩子昨晚又被打了', attachments: [] }, headers: { 'x-receipt-token': sess.body.token } });
    expect(msg.status).toBe(201);
    const hits = (await ofKind(tk.dudao, 'case.reporter_message')).filter((n) => n.link === `/staff/pages/case/index?id=${caseId}`);
    expect(hits).toHaveLength(1);
    expect(Date.now() - sentAt).toBeLessThan(60_000);
    expect(hits[0].title).toBe('报告人发来新消息');
    expect(JSON.stringify(hits[0])).not.toContain('被打');
  });

  it('tells the dispatcher when a task is done, the assignee of an assigned case, and escalates overdue tasks and clocks', async () => {
    const s = t.runtime.services;
    // An assigned case (the social worker is named).
    const r = await harmReport(t, orgs.villages['双骑龙村']);
    const caseId = await openCase(t, tk.dudao, r.id);
    const worker = (await s.users.staffOf(orgs.township, 'social_worker'))[0];
    expect((await step(t, tk.dudao, caseId, 'assign', { socialWorkerUserId: worker.id })).status).toBe(200);
    expect((await ofKind(tk.shegong, 'case.assigned')).some((n) => n.link === `/staff/pages/case/index?id=${caseId}`)).toBe(true);

    // A serious case: the 24-hour first visit to the director; done → the owner is told.
    expect((await step(t, tk.dudao, caseId, 'assess', ASSESS_HIGH)).status).toBe(200);
    const dispatched = await step(t, tk.dudao, caseId, 'dispatch_task', { kind: 'first_visit', reason: '核实孩子伤情与居住情况', assigneeUserId: (await t.runtime.services.users.staffOf(orgs.villages['双骑龙村'], 'director'))[0].id });
    expect(dispatched.status).toBe(200);
    expect((await ofKind(tk.zhuren01, 'task.assigned')).length).toBeGreaterThan(0);

    // A task outside any case, dispatched by the supervisor and completed by the director.
    const sup = (await s.users.staffOf(orgs.township, 'supervisor'))[0];
    const township = (await s.org.get(orgs.township))!;
    const supActor = { userId: sup.id, role: 'supervisor' as const, name: sup.name, orgId: township.id, orgPath: township.path, orgLevel: 'township' as const, sessionId: 't' };
    const task = await t.runtime.deps.db.transaction((tx) =>
      s.tasks.create(tx, { kind: 'periodic_visit', orgId: orgs.villages['双骑龙村'], title: '定期走访', reason: '按计划走访', dueAt: new Date(clock().now().getTime() + 2 * HOUR), source: 'plan', actor: supActor }),
    );
    const director = (await s.users.staffOf(orgs.villages['双骑龙村'], 'director'))[0];
    const village = (await s.org.get(orgs.villages['双骑龙村']))!;
    const dirActor = { userId: director.id, role: 'director' as const, name: director.name, orgId: village.id, orgPath: village.path, orgLevel: 'village' as const, sessionId: 't' };
    await t.runtime.deps.db.transaction((tx) => s.tasks.complete(tx, { taskId: task.id, actor: dirActor }));
    const done = (await ofKind(tk.dudao, 'task.done')).filter((n) => n.link === `/staff/pages/tasks/detail?id=${task.id}`);
    expect(done).toHaveLength(1);
    expect(done[0].title).toBe('任务已完成：定期走访');

    // 25 hours later the first visit is late: the task and the 24-hour clock both escalate.
    clock().advance(25 * HOUR);
    tk = await tokens(t);
    await s.tasks.sweepOverdue();
    await s.deadlines.sweep();
    expect((await ofKind(tk.zhuren01, 'task.overdue')).length).toBeGreaterThan(0);
    expect((await ofKind(tk.dudao, 'task.overdue')).length).toBeGreaterThan(0);
    const breached = await ofKind(tk.zhanzhang, 'deadline.breached');
    expect(breached.some((n) => n.title === '时限已到：首次入户走访' || n.title.startsWith('时限已到：'))).toBe(true);
  });

  it('marks all read at once', async () => {
    expect((await inbox(tk.zhanzhang)).unread).toBeGreaterThan(0);
    expect((await t.request('POST', '/api/notifications/read-all', { token: tk.zhanzhang })).status).toBe(204);
    expect((await inbox(tk.zhanzhang)).unread).toBe(0);
  });

  it('sends staff who bound their WeChat a subscribe message with generic work text only', async () => {
    const bind = await t.request('POST', '/api/auth/wechat/bind', { token: tk.dudao, body: { code: 'code-dudao-phone' } });
    expect(bind.status).toBe(204);
    const openid = t.standin.openidFor('code-dudao-phone');
    // The bound WeChat never signs in as the staff member.
    const login = await t.request('POST', '/api/auth/wechat', { body: { code: 'code-dudao-phone' } });
    expect(login.status).toBe(409);
    // Another account cannot take the same WeChat.
    expect((await t.request('POST', '/api/auth/wechat/bind', { token: tk.zhanzhang, body: { code: 'code-dudao-phone' } })).status).toBe(409);

    await t.runtime.services.notifications.deliverDue(500); // drain earlier rows
    const before = t.standin.sent.length;
    await harmReport(t, orgs.villages['建设村']);
    await t.runtime.services.notifications.deliverDue(500);
    const mine = t.standin.sent.slice(before).filter((m) => m.touser === openid);
    expect(mine).toHaveLength(1);
    expect(mine[0].data.thing1.value).toBe(GENERIC_STAFF_TEXT);
    expect(mine[0].page).toBe('staff/pages/notifications/index');
    expect(JSON.stringify(mine[0])).not.toContain('小明');
  });
});

import type { Actor } from '../../server/src/http/actor';
import { ManualClock } from '../../server/src/lib/clock';
import type { TaskCreateInput, TaskRow } from '../../server/src/modules/tasks/tasks.service';
import { DEMO_PASSWORD, startTestServer, type TestServer } from './harness';
import { childBody, cst, demoOrgs, visitBody } from './childrenFixtures';

let t: TestServer;
let clock: ManualClock;
let orgs: Awaited<ReturnType<typeof demoOrgs>>;
const tok: Record<string, string> = {};
const HOUR = 3600_000;

/** The actor a signed-in user acts as (for calling services the way the case module does). */
async function actorOf(username: string): Promise<Actor> {
  const token = tok[username] ?? (tok[username] = await t.login(username));
  const me = (await t.request('GET', '/api/me', { token })).body.user;
  const org = (await t.runtime.services.org.get(me.orgId))!;
  return { userId: me.id, role: me.role, name: me.name, orgId: org.id, orgPath: org.path, orgLevel: org.level, sessionId: 'test' };
}

/** What the case module does: create a task inside its own transaction. */
function dispatch(input: TaskCreateInput): Promise<TaskRow> {
  const { db } = t.runtime.deps;
  return db.transaction((tx) => t.runtime.services.tasks.create(tx, input));
}

async function relogin() {
  for (const u of Object.keys(tok)) tok[u] = await t.login(u);
}

beforeAll(async () => {
  clock = new ManualClock(cst('2026-11-10T09:00:00'));
  t = await startTestServer({ clock });
  orgs = await demoOrgs(t);
  for (const u of ['zhuren01', 'zhuren06', 'zhuren07', 'dudao', 'shegong', 'zhanzhang']) tok[u] = await t.login(u);
});
afterAll(() => t.close());

describe('my tasks: overdue, today, next 7 days — most urgent first', () => {
  it('shows the demo director (双骑龙村) the overdue visit first, with the child, the address and why', async () => {
    const res = await t.request('GET', '/api/tasks/mine', { token: tok.zhuren01 });
    expect(res.status).toBe(200);
    const [first, ...rest] = res.body.items;
    expect(first).toMatchObject({
      kind: 'periodic_visit',
      bucket: 'overdue',
      overdue: true,
      orgName: '双骑龙村',
      child: { name: '王小雨', address: '双骑龙村3组17号', riskTier: 'high' },
      reason: expect.stringMatching(/每7天走访一次/),
    });
    expect(rest.map((x: { bucket: string }) => x.bucket)).toEqual(rest.map(() => 'week'));
    expect(rest.map((x: { child: { name: string } }) => x.child.name)).toContain('陈思琪');
    expect(res.body.counts).toMatchObject({ overdue: 1 });
    // Sorted by due time.
    const due = res.body.items.map((x: { dueAt: string }) => x.dueAt);
    expect([...due].sort()).toEqual(due);
  });

  it('filters one bucket at a time', async () => {
    const overdue = await t.request('GET', '/api/tasks/mine?bucket=overdue', { token: tok.zhuren01 });
    expect(overdue.body.items.map((x: { child: { name: string } }) => x.child.name)).toEqual(['王小雨']);
    const bad = await t.request('GET', '/api/tasks/mine?bucket=later', { token: tok.zhuren01 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/bucket/);
  });
});

describe('tasks dispatched from a case (the case-flow contract)', () => {
  let childId = 0;
  let taskId = 0;
  beforeAll(async () => {
    childId = (await t.request('POST', '/api/children', { token: tok.zhuren06, body: childBody({ name: '个案儿童', dob: '2015-01-15' }) })).body.id;
  });

  it('goes to the village’s director by default, who is notified at once (generic text)', async () => {
    const supervisor = await actorOf('dudao');
    const task = await dispatch({
      kind: 'first_visit', orgId: orgs.villages['大碑村'], childId, caseId: 4242, title: '首次家访',
      reason: '严重侵害：24小时内完成首次家访', dueAt: new Date(clock.now().getTime() + 24 * HOUR), actor: supervisor,
    });
    taskId = task.id;
    const director = await actorOf('zhuren06');
    expect(task).toMatchObject({ assigneeUserId: director.userId, status: 'open', source: 'case', caseId: 4242 });
    const notes = await t.request('GET', '/api/notifications', { token: tok.zhuren06 });
    expect(notes.body.items[0]).toMatchObject({ kind: 'task.assigned', title: '新任务：首次家访', link: `/staff/pages/tasks/detail?id=${taskId}` });
    expect(JSON.stringify(notes.body.items[0])).not.toMatch(/个案儿童|严重侵害/);
    const mine = await t.request('GET', '/api/tasks/mine', { token: tok.zhuren06 });
    expect(mine.body.items[0]).toMatchObject({ id: taskId, kindLabel: '首次家访', bucket: 'week', reason: '严重侵害：24小时内完成首次家访', child: { name: '个案儿童' } });
  });

  it('is listed for its case, and for the supervisor’s township; a sibling village gets 404', async () => {
    const forCase = await t.runtime.services.tasks.forCase(4242);
    expect(forCase.map((x) => x.id)).toEqual([taskId]);
    const scope = await t.request('GET', `/api/tasks?orgId=${orgs.villages['大碑村']}`, { token: tok.dudao });
    expect(scope.body.items.map((x: { id: number }) => x.id)).toContain(taskId);
    expect((await t.request('GET', `/api/tasks/${taskId}`, { token: tok.zhuren07 })).status).toBe(404);
    expect((await t.request('GET', `/api/tasks/${taskId}`, { token: tok.zhuren06 })).status).toBe(200);
    expect((await t.request('GET', `/api/tasks?orgId=${orgs.villages['大碑村']}`, { token: tok.zhuren07 })).status).toBe(404);
    // The county sees the work, not the child's name and address.
    const county = await t.request('GET', `/api/tasks?orgId=${orgs.villages['大碑村']}`, { token: await t.login('admin') });
    const seen = county.body.items.find((x: { id: number }) => x.id === taskId);
    expect(seen.child).toMatchObject({ name: '个**童', address: '' });
  });

  it('is completed by the director’s visit record, once; the case module hears of it in the same transaction', async () => {
    const heard: number[] = [];
    t.runtime.services.tasks.onComplete(async (_tx, task) => void heard.push(task.id));
    const visit = await t.request('POST', '/api/visits', { token: tok.zhuren06, body: visitBody(childId, clock.now(), { taskId }) });
    expect(visit.status).toBe(201);
    expect(heard).toContain(taskId);
    const task = await t.request('GET', `/api/tasks/${taskId}`, { token: tok.dudao });
    expect(task.body).toMatchObject({ status: 'done', visitId: visit.body.id, bucket: null });
    // A record for a task someone already finished is still kept (nothing typed on a phone is lost).
    const late = await t.request('POST', '/api/visits', { token: tok.zhuren06, body: visitBody(childId, clock.now(), { taskId, findings: '补充记录' }) });
    expect(late.status).toBe(201);
    expect((await t.request('GET', `/api/tasks/${taskId}`, { token: tok.dudao })).body.visitId).toBe(visit.body.id);
    const mine = await t.request('GET', '/api/tasks/mine', { token: tok.zhuren06 });
    expect(mine.body.items.map((x: { id: number }) => x.id)).not.toContain(taskId);
  });

  it('refuses a visit record that names another child’s task', async () => {
    const other = (await t.request('POST', '/api/children', { token: tok.zhuren06, body: childBody({ name: '别的孩子', dob: '2016-01-15' }) })).body.id;
    const task = await dispatch({ kind: 'verification', orgId: orgs.villages['大碑村'], childId, caseId: 4243, title: '核查', reason: '核查情况', dueAt: new Date(clock.now().getTime() + 48 * HOUR) });
    const res = await t.request('POST', '/api/visits', { token: tok.zhuren06, body: visitBody(other, clock.now(), { taskId: task.id }) });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/不是这名儿童/);
  });

  it('can be given to a named social worker; not to someone who does not cover the village', async () => {
    const sw = await actorOf('shegong');
    const task = await dispatch({ kind: 'follow_up', orgId: orgs.villages['大碑村'], childId, caseId: 4242, assigneeUserId: sw.userId, title: '跟踪回访', reason: '回访', dueAt: new Date(clock.now().getTime() + 72 * HOUR) });
    const mine = await t.request('GET', '/api/tasks/mine', { token: tok.shegong });
    expect(mine.body.items.map((x: { id: number }) => x.id)).toContain(task.id);
    const other = await actorOf('zhuren07');
    await expect(
      dispatch({ kind: 'follow_up', orgId: orgs.villages['大碑村'], assigneeUserId: other.userId, title: '跟踪回访', reason: '回访', dueAt: clock.now() }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('goes to every director of a village with two, and leaves their lists when one of them does it', async () => {
    await t.runtime.services.auth.createStaff({ username: 'zhuren07b', password: DEMO_PASSWORD, name: '第二主任', role: 'director', orgId: orgs.villages['黄金堡村'] });
    tok.zhuren07b = await t.login('zhuren07b');
    const child = (await t.request('POST', '/api/children', { token: tok.zhuren07, body: childBody({ name: '两位主任', dob: '2013-05-05' }) })).body.id;
    const task = await dispatch({ kind: 'first_visit', orgId: orgs.villages['黄金堡村'], childId: child, caseId: 5151, title: '首次家访', reason: '首访', dueAt: new Date(clock.now().getTime() + 6 * HOUR) });
    expect(task.assigneeUserId).toBeNull();
    for (const who of ['zhuren07', 'zhuren07b']) {
      const mine = await t.request('GET', '/api/tasks/mine?bucket=today', { token: tok[who] });
      expect(mine.body.items.map((x: { id: number }) => x.id)).toContain(task.id);
    }
    const notes = await t.request('GET', '/api/notifications', { token: tok.zhuren07b });
    expect(notes.body.items.some((n: { link: string }) => n.link?.endsWith(`id=${task.id}`))).toBe(true);
    await t.request('POST', '/api/visits', { token: tok.zhuren07b, body: visitBody(child, clock.now(), { taskId: task.id }) });
    for (const who of ['zhuren07', 'zhuren07b']) {
      const mine = await t.request('GET', '/api/tasks/mine', { token: tok[who] });
      expect(mine.body.items.map((x: { id: number }) => x.id)).not.toContain(task.id);
    }
  });

  it('lets the director link a file to a visit task dispatched before the child had one', async () => {
    const task = await dispatch({ kind: 'first_visit', orgId: orgs.villages['大碑村'], caseId: 4245, title: '首次家访', reason: '新报告，儿童尚未建档', dueAt: new Date(clock.now().getTime() + 20 * HOUR) });
    expect(task.childId).toBeNull();
    const linked: number[] = [];
    t.runtime.services.tasks.onChildLinked(async (_tx, row, id) => void linked.push(row.id, id));
    const foreign = (await t.request('POST', '/api/children', { token: tok.zhuren07, body: childBody({ name: '外村儿童', dob: '2016-06-16' }) })).body.id;
    const wrongVillage = await t.request('POST', `/api/tasks/${task.id}/child`, { token: tok.zhuren06, body: { childId: foreign } });
    expect(wrongVillage.status).toBe(400);
    expect((await t.request('POST', `/api/tasks/${task.id}/child`, { token: tok.zhuren07, body: { childId: foreign } })).status).toBe(404);
    const ok = await t.request('POST', `/api/tasks/${task.id}/child`, { token: tok.zhuren06, body: { childId } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ childId, child: { name: '个案儿童' } });
    expect(linked).toEqual([task.id, childId]);
    const visit = await t.request('POST', '/api/visits', { token: tok.zhuren06, body: visitBody(childId, clock.now(), { taskId: task.id }) });
    expect(visit.status).toBe(201);
    expect((await t.request('GET', `/api/tasks/${task.id}`, { token: tok.zhuren06 })).body.status).toBe('done');
    const again = await t.request('POST', `/api/tasks/${task.id}/child`, { token: tok.zhuren06, body: { childId } });
    expect(again.status).toBe(409);
  });

  it('disappears from the lists when the case cancels it', async () => {
    const task = await dispatch({ kind: 'follow_up', orgId: orgs.villages['大碑村'], childId, caseId: 4244, title: '跟踪回访', reason: '回访', dueAt: new Date(clock.now().getTime() + 5 * HOUR) });
    const supervisor = await actorOf('dudao');
    await t.runtime.deps.db.transaction((tx) => t.runtime.services.tasks.cancel(tx, { taskId: task.id, actor: supervisor, reason: '个案已结案' }));
    const mine = await t.request('GET', '/api/tasks/mine', { token: tok.zhuren06 });
    expect(mine.body.items.map((x: { id: number }) => x.id)).not.toContain(task.id);
    expect((await t.request('GET', `/api/tasks/${task.id}`, { token: tok.zhuren06 })).body.status).toBe('cancelled');
  });
});

describe('keyset pages', () => {
  it('pages through a director’s tasks by (due, id) without gaps or repeats', async () => {
    const village = orgs.villages['新合村'];
    const token = await t.login('zhuren05');
    const child = (await t.request('POST', '/api/children', { token, body: childBody({ name: '分页', dob: '2014-02-02' }) })).body.id;
    const made: number[] = [];
    for (let i = 0; i < 7; i++) {
      // Two share a due time: the id breaks the tie.
      const dueAt = new Date(clock.now().getTime() + (1 + Math.min(i, 5)) * HOUR);
      made.push((await dispatch({ kind: 'verification', orgId: village, childId: child, caseId: 6000 + i, title: '核查', reason: `核查${i}`, dueAt })).id);
    }
    const seen: number[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const q: string = after ? `&after=${after}` : '';
      const res = await t.request('GET', `/api/tasks/mine?bucket=today&limit=3${q}`, { token });
      seen.push(...res.body.items.map((x: { id: number }) => x.id));
      after = res.body.nextCursor;
      pages += 1;
    } while (after && pages < 10);
    expect(seen).toEqual(made);
    expect(pages).toBe(3);
  });
});

describe('late tasks escalate', () => {
  it('shows overdue counts to the supervisor and tells the director and the supervisors once', async () => {
    const child = (await t.request('POST', '/api/children', { token: tok.zhuren06, body: childBody({ name: '逾期', dob: '2012-02-02' }) })).body.id;
    const task = await dispatch({ kind: 'first_visit', orgId: orgs.villages['大碑村'], childId: child, caseId: 7777, title: '首次家访', reason: '首访', dueAt: new Date(clock.now().getTime() + 2 * HOUR) });
    const before = (await t.request('GET', '/api/tasks', { token: tok.dudao })).body.counts.overdue;
    clock.advance(3 * HOUR);
    await relogin();
    const after = await t.request('GET', '/api/tasks?overdue=true', { token: tok.dudao });
    expect(after.body.counts.overdue).toBeGreaterThan(before);
    expect(after.body.counts.overdue).toBe(after.body.items.length);
    expect(after.body.items.every((x: { overdue: boolean; dueAt: string }) => x.overdue && new Date(x.dueAt) < clock.now())).toBe(true);
    expect(after.body.items.map((x: { id: number }) => x.id)).toContain(task.id);

    const told = await t.runtime.services.tasks.sweepOverdue();
    expect(told).toBeGreaterThanOrEqual(1);
    for (const who of ['zhuren06', 'dudao']) {
      const notes = await t.request('GET', '/api/notifications', { token: tok[who] });
      const overdue = notes.body.items.filter((n: { kind: string; link: string }) => n.kind === 'task.overdue' && n.link.endsWith(`id=${task.id}`));
      expect(overdue).toHaveLength(1);
      expect(overdue[0].title).toBe('任务已逾期：首次家访');
    }
    expect(await t.runtime.services.tasks.sweepOverdue()).toBe(0);
  });
});

import type { ManualClock } from '../../server/src/lib/clock';
import { ASSESS_HIGH, harmReport, openCase, step, tokens, villageIds, type Tokens } from './casesFixtures';
import { startTestServer, type TestServer } from './harness';

let t: TestServer;
let tk: Tokens;
let orgs: Awaited<ReturnType<typeof villageIds>>;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const clock = () => t.clock as ManualClock;

/** Tasks due in the past, straight through the service (as the visit plan and file rules make them). */
async function seedTask(kind: 'file_confirm' | 'periodic_visit', village: string, dueAt: Date) {
  const s = t.runtime.services;
  return t.runtime.deps.db.transaction((tx) =>
    s.tasks.create(tx, { kind, orgId: orgs.villages[village], title: kind === 'file_confirm' ? '档案确认' : '定期走访', reason: '测试', dueAt, source: kind === 'file_confirm' ? 'file' : 'plan', notify: false }),
  );
}

beforeAll(async () => {
  t = await startTestServer();
  clock().set(new Date('2026-11-02T02:00:00Z'));
  orgs = await villageIds(t);
  // An 8-day-overdue file confirmation, 3 overdue visits, one visit due in 5 hours.
  const now = clock().now();
  await seedTask('file_confirm', '建设村', new Date(now.getTime() - 8 * DAY));
  for (const v of ['双骑龙村', '建设村', '观音桥村']) await seedTask('periodic_visit', v, new Date(now.getTime() - 3 * DAY));
  await seedTask('periodic_visit', '新合村', new Date(now.getTime() + 5 * HOUR));
  tk = await tokens(t);
});
afterAll(() => t.close());

describe('one overdue board, one definition of overdue', () => {
  it('shows the station head the township’s overdue work, with the same counts as /api/tasks and the summary', async () => {
    const board = await t.request('GET', '/api/deadlines/board', { token: tk.zhanzhang });
    expect(board.status).toBe(200);
    expect(board.body).toMatchObject({ overdue: 4, dueSoon: 1 });
    expect(board.body.items.filter((x: { overdue: boolean }) => x.overdue)).toHaveLength(4);
    expect(board.body.items[0]).toMatchObject({ kind: 'file_confirm', dueText: '已超时8天' });
    const summary = await t.request('GET', '/api/deadlines/summary', { token: tk.zhanzhang });
    expect(summary.body).toMatchObject({ overdue: 4, dueSoon: 1 });
    const tasks = await t.request('GET', '/api/tasks?overdue=true', { token: tk.zhanzhang });
    expect(tasks.body.counts.overdue).toBe(4);
    expect(tasks.body.items).toHaveLength(4);
    // The county admin sees the same work on the county board.
    const county = await t.request('GET', '/api/deadlines/summary', { token: tk.admin });
    expect(county.body).toMatchObject({ overdue: 4, dueSoon: 1 });
    // A director answers only for their own village.
    const director = await t.request('GET', '/api/deadlines/summary', { token: tk.zhuren01 });
    expect(director.body).toMatchObject({ overdue: 1, dueSoon: 0 });
  });

  it('makes escalation visible: who was told, and when', async () => {
    await t.runtime.services.tasks.sweepOverdue();
    const board = await t.request('GET', '/api/deadlines/board?overdue=true', { token: tk.zhanzhang });
    const confirm = board.body.items.find((x: { kind: string }) => x.kind === 'file_confirm');
    expect(confirm.escalatedAt).toBe(clock().now().toISOString());
    expect(confirm.escalatedTo).toEqual(expect.arrayContaining(['林晓岚', '陈思远']));
    const visit = board.body.items.find((x: { kind: string; subject: string }) => x.kind === 'periodic_visit' && x.subject === '双骑龙村');
    expect(visit.escalatedTo.length).toBeGreaterThanOrEqual(2); // the director and the supervisor(s)
  });

  it('counts a case’s late clock and late task once, puts the serious 24-hour visit first, and 只看已超时 finds the case', async () => {
    const r = await harmReport(t, orgs.villages['双骑龙村']);
    const caseId = await openCase(t, tk.dudao, r.id);
    expect((await step(t, tk.dudao, caseId, 'assess', ASSESS_HIGH)).status).toBe(200);
    expect((await step(t, tk.dudao, caseId, 'dispatch_task', { kind: 'first_visit', reason: '核实伤情', assigneeUserId: (await t.runtime.services.users.staffOf(orgs.villages['双骑龙村'], 'director'))[0].id })).status).toBe(200);
    // The serious first visit, due within the day, leads the director's list and board.
    const mine = await t.request('GET', '/api/tasks/mine', { token: tk.zhuren01 });
    expect(mine.body.items[0]).toMatchObject({ kind: 'first_visit', serious: true, overdue: false });
    const dBoard = await t.request('GET', '/api/deadlines/board', { token: tk.zhuren01 });
    expect(dBoard.body.items[0]).toMatchObject({ kind: 'first_visit', serious: true });

    clock().advance(25 * HOUR);
    tk = await tokens(t);
    const board = await t.request('GET', '/api/deadlines/board?overdue=true', { token: tk.zhanzhang });
    expect(board.body.items.filter((x: { caseId: number | null }) => x.caseId === caseId)).toHaveLength(1);
    const summary = await t.request('GET', '/api/deadlines/summary', { token: tk.zhanzhang });
    expect(summary.body.overdue).toBe(board.body.overdue);
    expect(board.body.overdue).toBe(board.body.items.length);
    const list = await t.request('GET', '/api/cases?overdue=true', { token: tk.zhuren01 });
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { id: number }) => c.id)).toEqual([caseId]);
    expect(list.body.items[0].overdue).toBe(true);
  });
});

import { ManualClock } from '../../server/src/lib/clock';
import type { Actor } from '../../server/src/http/actor';
import { ASSESS_HIGH, ASSESS_LOW, harmReport, openCase, REFERRAL, step, tokens, villageIds, type Tokens } from './casesFixtures';
import { startTestServer, type TestServer } from './harness';

/**
 * The SLA clocks on a controllable clock around 国庆 2026: 10-01..10-07 are holidays, Sat 10-10 is a
 * 调休 working day (chinese-days 1.5.7), and a breach is escalated exactly once.
 */
const cst = (s: string) => new Date(`${s}+08:00`);

let t: TestServer;
let clock: ManualClock;
let tk: Tokens;
let orgs: Awaited<ReturnType<typeof villageIds>>;
let ids: { dudao: number; zhanzhang: number; shegong: number; zhuren01: number };

beforeAll(async () => {
  clock = new ManualClock(cst('2026-09-30T16:00:00'));
  t = await startTestServer({ clock });
  orgs = await villageIds(t);
  const u = t.runtime.services.users;
  ids = {
    dudao: (await u.staffOf(orgs.township, 'supervisor'))[0].id,
    zhanzhang: (await u.staffOf(orgs.township, 'station_head'))[0].id,
    shegong: (await u.staffOf(orgs.township, 'social_worker'))[0].id,
    zhuren01: (await u.staffOf(orgs.villages['双骑龙村'], 'director'))[0].id,
  };
  tk = await tokens(t);
});
afterAll(() => t.close());

async function at(s: string | Date): Promise<void> {
  clock.set(typeof s === 'string' ? cst(s) : s);
  tk = await tokens(t);
}
const sweep = () => t.runtime.services.deadlines.sweep(clock.now());

/** Breach notifications per user for one subject, read straight from the outbox table. */
async function breachNotices(subject: string): Promise<{ userId: number; title: string }[]> {
  const [rows] = await t.runtime.database.pool.query(
    "SELECT user_id AS userId, title FROM notifications WHERE kind = 'deadline.breached' AND body LIKE ? ORDER BY id",
    [`%${subject}的%`],
  );
  return rows as { userId: number; title: string }[];
}

describe('acknowledgement (24 h) and first answer (3 working days) across 国庆 2026', () => {
  let reportId: number;

  it('starts both clocks when the report arrives and does not escalate early', async () => {
    reportId = (await harmReport(t, orgs.villages['双骑龙村'])).id;
    expect(await sweep()).toEqual({ breached: 0, notifications: 0 });
    await at('2026-10-01T15:59:00');
    expect((await sweep()).breached).toBe(0);
  });

  it('escalates the unacknowledged report once, at 24 h, to the supervisors and the station head — on a holiday', async () => {
    await at('2026-10-01T16:01:00');
    // Three workers sweep at the same moment: one of them escalates, the others find it done.
    const results = await Promise.all([sweep(), sweep(), sweep()]);
    expect(results.reduce((n, r) => n + r.breached, 0)).toBe(1);
    const notices = await breachNotices(`报告 #${reportId}`);
    expect(notices.map((n) => n.userId).sort()).toEqual([ids.dudao, ids.zhanzhang].sort());
    expect(notices[0].title).toBe('时限已到：报告受理');
    // Nobody else hears of it.
    expect(notices.map((n) => n.userId)).not.toContain(ids.shegong);
    expect(notices.map((n) => n.userId)).not.toContain(ids.zhuren01);
    // Exactly once: later sweeps, even concurrent ones, do not repeat it.
    await Promise.all([sweep(), sweep(), sweep()]);
    expect(await breachNotices(`报告 #${reportId}`)).toHaveLength(2);
    const audit = await t.runtime.services.audit.forTarget('report', reportId);
    expect(audit.filter((a) => a.action === 'deadline.breached')).toHaveLength(1);
  });

  it('shows the overdue clock on the supervisor’s and the head’s lists, not on a director’s', async () => {
    const sup = await t.request('GET', '/api/deadlines?overdue=true', { token: tk.dudao });
    expect(sup.body.items.find((c: { subjectId: number; kind: string }) => c.kind === 'ack' && c.subjectId === reportId)).toMatchObject({ overdue: true, kindLabel: '报告受理' });
    const head = await t.request('GET', '/api/deadlines/summary', { token: tk.zhanzhang });
    expect(head.body.overdue).toBeGreaterThanOrEqual(1);
    const dir = await t.request('GET', '/api/deadlines?overdue=true', { token: tk.zhuren01 });
    expect(dir.body.items).toEqual([]);
  });

  it('does not run the first-answer clock out during the holiday or on Friday 10-09', async () => {
    await at('2026-10-07T23:00:00');
    await sweep();
    await at('2026-10-09T17:00:00');
    await sweep();
    expect(await breachNotices(`报告 #${reportId}`)).toHaveLength(2); // still only the acknowledgement
  });

  it('runs it out at the end of the 调休 working Saturday 10-10 (3rd working day, 24:00)', async () => {
    await at('2026-10-10T23:59:00');
    expect((await sweep()).breached).toBe(0);
    await at('2026-10-11T00:01:00');
    expect((await sweep()).breached).toBe(1);
    const titles = (await breachNotices(`报告 #${reportId}`)).map((n) => n.title);
    expect(titles.filter((x) => x === '时限已到：首次答复报告人')).toHaveLength(2);
  });

  it('is met by a station reply on the reporter’s thread', async () => {
    await at('2026-10-12T09:00:00'); // Monday
    const r = (await harmReport(t, orgs.villages['建设村'])).id;
    await sweep();
    await at('2026-10-12T10:00:00');
    expect((await t.request('POST', `/api/reports/${r}/messages`, { token: tk.dudao, body: { text: '您好，我们已收到，正在核实。' } })).status).toBe(201);
    await openCase(t, tk.dudao, r);
    await at('2026-10-16T09:00:00'); // past 3 working days
    await sweep();
    expect(await breachNotices(`报告 #${r}`)).toEqual([]);
  });
});

describe('serious harm: first home visit within 24 h of the report (seed 002 §5.2)', () => {
  it('runs from the report time over the holiday and escalates to the case owner and the head', async () => {
    await at('2026-10-02T20:00:00'); // a holiday evening
    const r = (await harmReport(t, orgs.villages['双骑龙村'])).id;
    await at('2026-10-02T22:30:00');
    const caseId = await openCase(t, tk.dudao, r);
    const assessed = await step(t, tk.dudao, caseId, 'assess', ASSESS_HIGH);
    const fv = assessed.body.clocks.find((c: { kind: string }) => c.kind === 'first_visit');
    expect(new Date(fv.dueAt)).toEqual(cst('2026-10-03T20:00:00'));
    const code: string = assessed.body.code;

    await at('2026-10-03T19:59:00');
    await sweep();
    expect((await breachNotices(`个案 ${code}`)).filter((n) => n.title.includes('首次家访'))).toEqual([]);
    await at('2026-10-03T20:01:00');
    await sweep();
    const notices = (await breachNotices(`个案 ${code}`)).filter((n) => n.title === '时限已到：首次家访');
    expect(notices.map((n) => n.userId).sort()).toEqual([ids.dudao, ids.zhanzhang].sort());
    const list = await t.request('GET', '/api/deadlines?overdue=true', { token: tk.zhanzhang });
    expect(list.body.items.find((c: { kind: string; caseId: number }) => c.kind === 'first_visit' && c.caseId === caseId)).toMatchObject({
      subject: `个案 ${code}`,
      link: `/staff/pages/case/index?id=${caseId}`,
      ownerName: '陈思远',
    });
  });

  it('is met when the director completes the first-visit task in time', async () => {
    await at('2026-10-08T09:00:00');
    const r = (await harmReport(t, orgs.villages['双骑龙村'])).id;
    const caseId = await openCase(t, tk.dudao, r);
    await step(t, tk.dudao, caseId, 'assess', ASSESS_HIGH);
    // The supervisor is proposed for a serious case's first visit; the director may still be named.
    const d = await step(t, tk.dudao, caseId, 'dispatch_task', { kind: 'first_visit', reason: '首次家访', assigneeUserId: ids.zhuren01 });
    const task = d.body.tasks[0];
    expect(task.assigneeUserId).toBe(ids.zhuren01);
    await at('2026-10-08T15:00:00');
    const village = (await t.runtime.services.org.get(orgs.villages['双骑龙村']))!;
    const director: Actor = { userId: ids.zhuren01, role: 'director', name: '刘春梅', orgId: village.id, orgPath: village.path, orgLevel: 'village', sessionId: 'test' };
    await t.runtime.deps.db.transaction((tx) => t.runtime.services.tasks.complete(tx, { taskId: task.id, actor: director }));
    await at('2026-10-09T10:00:00');
    await sweep();
    const c = await t.request('GET', `/api/cases/${caseId}`, { token: tk.dudao });
    expect(c.body.clocks.find((x: { kind: string }) => x.kind === 'first_visit')).toBeUndefined();
    expect(c.body.events.at(-1)).toMatchObject({ step: 'task_done', stepLabel: '任务完成', actorName: '刘春梅' });
    expect((await breachNotices(`个案 ${c.body.code}`)).filter((n) => n.title.includes('首次家访'))).toEqual([]);
  });
});

describe('referral stale after 14 days without movement; follow-up visits on the plan', () => {
  let caseId: number;
  let code: string;

  it('flags a referral that has not moved for 14 days, once per stale period', async () => {
    await at('2026-11-02T09:00:00');
    const r = (await harmReport(t, orgs.villages['新合村'])).id;
    caseId = await openCase(t, tk.dudao, r);
    await step(t, tk.dudao, caseId, 'assess', ASSESS_LOW);
    const sent = await step(t, tk.dudao, caseId, 'refer', REFERRAL);
    code = sent.body.code;
    const referralId = sent.body.referrals[0].id;
    const stale = () => breachNotices(`个案 ${code} 的转介 #${referralId}`);

    await at('2026-11-16T08:59:00');
    await sweep();
    expect(await stale()).toEqual([]);
    await at('2026-11-16T09:01:00');
    await sweep();
    await sweep();
    expect((await stale()).map((n) => n.userId).sort()).toEqual([ids.dudao, ids.zhanzhang].sort());
    const c = await t.request('GET', `/api/cases/${caseId}`, { token: tk.dudao });
    expect(c.body.referrals[0].stale).toBe(true);

    // A progress note is movement: the clock restarts, and a new stale period is escalated again.
    await at('2026-11-17T09:00:00');
    expect((await step(t, tk.dudao, caseId, 'referral_update', { referralId, action: 'progress', note: '电话询问，派出所正在调查' })).status).toBe(200);
    await at('2026-11-30T09:00:00');
    await sweep();
    expect(await stale()).toHaveLength(2);
    await at('2026-12-01T09:01:00');
    await sweep();
    expect(await stale()).toHaveLength(4);
  });

  it('runs the follow-up clock on the interval the assessment set (low risk: 30 days)', async () => {
    // Assessed 2026-11-02 09:00 with low risk → follow-up due 12-02 09:00.
    await at('2026-12-02T08:59:00');
    await sweep();
    const before = (await breachNotices(`个案 ${code}`)).filter((n) => n.title === '时限已到：跟踪回访');
    expect(before).toEqual([]);
    await at('2026-12-02T09:01:00');
    await sweep();
    const after = (await breachNotices(`个案 ${code}`)).filter((n) => n.title === '时限已到：跟踪回访');
    expect(after.map((n) => n.userId).sort()).toEqual([ids.dudao, ids.zhanzhang].sort());
    // A follow-up visit meets it and starts the next run.
    const fu = await step(t, tk.dudao, caseId, 'follow_up', {
      visitedAt: clock.now().toISOString(),
      method: 'home',
      recovery: '情况稳定',
      repeatHarmRisk: 'low',
      placement: 'home_school',
      findings: '孩子正常上学',
    });
    const next = fu.body.clocks.find((c: { kind: string; overdue: boolean; breachedAt: string | null }) => c.kind === 'follow_up' && !c.breachedAt);
    expect(new Date(next.dueAt)).toEqual(cst('2027-01-01T09:01:00'));
  });
});

describe('the outcome at closing reaches the reporter even if the process stops after the archive', () => {
  it('retries the outcome message from the sweep, exactly once', async () => {
    await at('2026-12-07T10:00:00');
    const r = await harmReport(t, orgs.villages['大碑村']);
    const caseId = await openCase(t, tk.dudao, r.id);
    await step(t, tk.dudao, caseId, 'assess', ASSESS_LOW);
    const reports = t.runtime.services.reports;
    const spy = jest.spyOn(reports, 'postStationMessage').mockRejectedValueOnce(new Error('process stopped'));
    const res = await step(t, tk.dudao, caseId, 'archive', { summary: '家庭教育指导后情况改善，结案', outcomeForReporter: '您反映的情况已处理完毕，谢谢您。' });
    expect(res.status).toBe(200);
    spy.mockRestore();

    const session = await t.request('POST', '/api/receipts/session', { body: { receiptCode: r.receiptCode } });
    const read = async () => (await t.request('GET', '/api/receipts/report', { headers: { 'x-receipt-token': session.body.token } })).body;
    expect((await read()).status).toBe('closed');
    const outcome = (m: { from: string; text: string }) => m.from === 'station' && m.text.includes('处理完毕');
    expect((await read()).messages.filter(outcome)).toHaveLength(0);

    await at('2026-12-07T10:01:00');
    await sweep(); // too early: the post right after the archive may still be under way
    expect((await read()).messages.filter(outcome)).toHaveLength(0);
    await at('2026-12-07T10:05:00');
    await sweep();
    await sweep();
    expect((await read()).messages.filter(outcome)).toHaveLength(1);
  });
});

describe('a weekend in the working-day clock', () => {
  it('gives a Friday report until the end of Wednesday for the first answer, and escalates it then', async () => {
    await at('2026-12-11T10:00:00'); // Friday
    const r = (await harmReport(t, orgs.villages['黄金堡村'])).id;
    await openCase(t, tk.dudao, r); // acknowledged at once; the first answer is still owed
    const firstAnswer = async () => (await breachNotices(`报告 #${r}`)).filter((n) => n.title === '时限已到：首次答复报告人');
    await at('2026-12-14T10:01:00'); // Monday: 3 calendar days, 1 working day
    await sweep();
    expect(await firstAnswer()).toEqual([]);
    await at('2026-12-16T23:59:00'); // Wednesday evening: still the last day
    await sweep();
    expect(await firstAnswer()).toEqual([]);
    await at('2026-12-17T00:01:00');
    await sweep();
    // The first answer is owed by the case owner: the supervisor, and the station head hears of it.
    expect((await firstAnswer()).map((n) => n.userId).sort()).toEqual([ids.dudao, ids.zhanzhang].sort());
  });
});

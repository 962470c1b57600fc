import type { ManualClock } from '../../server/src/lib/clock';
import { ASSESS_HIGH, ASSESS_LOW, harmReport, openCase, REFERRAL, step, tokens, villageIds, type Tokens } from './casesFixtures';
import { startTestServer, type TestServer } from './harness';

let t: TestServer;
let tk: Tokens;
let orgs: Awaited<ReturnType<typeof villageIds>>;
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await startTestServer();
  (t.clock as ManualClock).set(new Date('2026-11-02T02:00:00Z')); // Monday 10:00 in China
  tk = await tokens(t);
  orgs = await villageIds(t);
});
afterAll(() => t.close());
// Access tokens live 15 minutes of (manual) clock time: sign in again before each test and after a jump.
const relogin = async () => {
  tk = await tokens(t);
};
beforeEach(relogin);

const audits = (caseId: number) => t.runtime.services.audit.forTarget('case', caseId);

describe('intake queue (1 发现报告)', () => {
  it('shows a new report with its age and the 24-hour acknowledgement clock, overdue once it runs out', async () => {
    const r = await harmReport(t, orgs.villages['双骑龙村']);
    (t.clock as ManualClock).advance(3 * HOUR);
    await relogin();
    let res = await t.request('GET', '/api/intake', { token: tk.dudao });
    expect(res.status).toBe(200);
    let item = res.body.items.find((i: { id: number }) => i.id === r.id);
    expect(item).toMatchObject({ status: 'received', triage: null, age: '3小时前', ackOverdue: false, ackDueText: '剩余21小时' });
    expect(new Date(item.ackDueAt).getTime() - new Date(item.receivedAt).getTime()).toBe(24 * HOUR);

    (t.clock as ManualClock).advance(22 * HOUR);
    await relogin();
    res = await t.request('GET', '/api/intake?overdue=true', { token: tk.dudao });
    item = res.body.items.find((i: { id: number }) => i.id === r.id);
    expect(item).toMatchObject({ ackOverdue: true, ackDueText: '已超时1小时' });
    // Triage it so later tests start from a clean queue.
    await openCase(t, tk.dudao, r.id);
    res = await t.request('GET', '/api/intake', { token: tk.dudao });
    expect(res.body.items.find((i: { id: number }) => i.id === r.id)).toBeUndefined();
    res = await t.request('GET', '/api/intake?status=triaged', { token: tk.dudao });
    expect(res.body.items.find((i: { id: number }) => i.id === r.id).triage).toMatchObject({ category: 'harm', categoryLabel: '报告案例' });
  });

  it('is closed to village directors and social workers', async () => {
    expect((await t.request('GET', '/api/intake', { token: tk.zhuren01 })).status).toBe(403);
    expect((await t.request('GET', '/api/intake', { token: tk.shegong })).status).toBe(403);
  });
});

describe('triage (2 分类)', () => {
  it('opens a case, sets the report to 已受理, and refuses a second triage with 409', async () => {
    const r = await harmReport(t, orgs.villages['双骑龙村']);
    const res = await t.request('POST', `/api/intake/${r.id}/triage`, { token: tk.dudao, body: { category: 'harm', note: '邻居来电反映' } });
    expect(res.status).toBe(201);
    expect(res.body.caseCode).toMatch(/^2026-\d{6}$/);
    const report = await t.request('GET', `/api/reports/${r.id}`, { token: tk.dudao });
    expect(report.body.status).toBe('accepted');
    const again = await t.request('POST', `/api/intake/${r.id}/triage`, { token: tk.dudao, body: { category: 'harm' } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('该报告已经分类受理，不能重复受理');

    const c = await t.request('GET', `/api/cases/${res.body.caseId}`, { token: tk.dudao });
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ status: 'assessing', statusLabel: '待危机评估', village: { name: '双骑龙村' }, child: { name: '小明', sex: 'male', age: 9 } });
    expect(c.body.events[0]).toMatchObject({ step: 'open', stepLabel: '立案', actorName: '陈思远', toStatus: 'assessing' });
    expect(c.body.allowedSteps.map((s: { step: string }) => s.step)).toEqual(expect.arrayContaining(['assess', 'police_call', 'dispatch_task']));
    expect(c.body.allowedSteps.map((s: { step: string }) => s.step)).not.toContain('archive');
  });

  it('asks for the consultation type in Chinese when the report is a consultation', async () => {
    const r = await harmReport(t, orgs.villages['建设村']);
    const bad = await t.request('POST', `/api/intake/${r.id}/triage`, { token: tk.dudao, body: { category: 'consultation' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('咨询类型');
    const ok = await t.request('POST', `/api/intake/${r.id}/triage`, { token: tk.dudao, body: { category: 'consultation', consultationType: 'policy' } });
    expect(ok.status).toBe(201);
    expect(ok.body.caseId).toBeNull();
  });

  it('links a second report about the same child to the open case', async () => {
    const first = await harmReport(t, orgs.villages['观音桥村']);
    const caseId = await openCase(t, tk.dudao, first.id);
    const second = await harmReport(t, orgs.villages['观音桥村']);
    const res = await t.request('POST', `/api/intake/${second.id}/triage`, { token: tk.dudao, body: { category: 'harm', caseId } });
    expect(res.status).toBe(201);
    expect(res.body.caseId).toBe(caseId);
    const c = await t.request('GET', `/api/cases/${caseId}`, { token: tk.dudao });
    expect(c.body.reports.map((x: { reportId: number }) => x.reportId)).toEqual([first.id, second.id]);
    expect(c.body.events.map((e: { step: string }) => e.step)).toEqual(['open', 'link_report']);
  });

  it('refuses triage to a social worker (403) and to a director (403)', async () => {
    const r = await harmReport(t, orgs.villages['双骑龙村']);
    expect((await t.request('POST', `/api/intake/${r.id}/triage`, { token: tk.shegong, body: { category: 'harm' } })).status).toBe(403);
    expect((await t.request('POST', `/api/intake/${r.id}/triage`, { token: tk.zhuren01, body: { category: 'harm' } })).status).toBe(403);
  });
});

describe('the case flow, step by step', () => {
  let caseId: number;
  let reportId: number;
  let receiptCode: string;
  let reportedAt: Date;

  beforeAll(async () => {
    reportedAt = t.clock.now();
    const r = await harmReport(t, orgs.villages['双骑龙村']);
    reportId = r.id;
    receiptCode = r.receiptCode;
    (t.clock as ManualClock).advance(2 * HOUR);
    await relogin();
    caseId = await openCase(t, tk.dudao, reportId);
  });

  it('refuses intervention before the crisis assessment (409, in Chinese)', async () => {
    const res = await step(t, tk.dudao, caseId, 'intervene', { measures: ['removal'], details: '带离现场，送往亲属家' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INVALID_TRANSITION');
    expect(res.body.error.message).toBe('个案当前处于「待危机评估」阶段，不能进行「强制干预」（仅可在「强制干预」阶段进行）');
  });

  it('refuses archiving an unassessed case (409)', async () => {
    const res = await step(t, tk.dudao, caseId, 'archive', { summary: '结案小结写十个字以上了', outcomeForReporter: '已处理' });
    expect(res.status).toBe(409);
  });

  it('validates a step body with Chinese messages naming the field (400)', async () => {
    const res = await step(t, tk.dudao, caseId, 'assess', { harmSuspected: true, serious: true, riskLevel: 'extreme', reasons: '' });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.riskLevel', 'body.reasons']));
    expect(res.body.error.details.find((d: { path: string }) => d.path === 'body.reasons').message).toContain('评估理由');
  });

  it('assesses high risk: 强制干预, reporter sees 处理中, the 24-hour first-visit clock runs from the report', async () => {
    const res = await step(t, tk.dudao, caseId, 'assess', ASSESS_HIGH);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'intervention', riskLevel: 'high', serious: true, followUpIntervalDays: 7 });
    const fv = res.body.clocks.find((c: { kind: string }) => c.kind === 'first_visit');
    expect(new Date(fv.dueAt).getTime()).toBe(reportedAt.getTime() + 24 * HOUR);
    expect(fv.dueText).toBe('剩余22小时');
    const last = res.body.events.at(-1);
    expect(last).toMatchObject({ step: 'assess', fromStatus: 'assessing', toStatus: 'intervention', actorName: '陈思远' });
    expect(last.changes).toEqual(
      expect.arrayContaining([
        { field: 'status', label: '阶段', from: '待危机评估', to: '强制干预' },
        { field: 'riskLevel', label: '风险等级', from: null, to: '高危' },
      ]),
    );
    expect(last.lines).toContain('风险等级：高危');
    const report = await t.request('GET', `/api/reports/${reportId}`, { token: tk.dudao });
    expect(report.body.status).toBe('in_progress');
  });

  it('records the 110 call and the intervention measures in the chronology', async () => {
    const police = await step(t, tk.dudao, caseId, 'police_call', {
      calledAt: new Date(t.clock.now().getTime() - 30 * 60_000).toISOString(),
      calledBy: 'station',
      policeStation: '铜罐驿派出所',
      policeCaseNumber: 'JJ20261102001',
      note: '民警20分钟到场',
    });
    expect(police.status).toBe(200);
    expect(police.body.events.at(-1).lines).toEqual(expect.arrayContaining(['出警派出所：铜罐驿派出所', '警情/案件编号：JJ20261102001']));
    const iv = await step(t, tk.dudao, caseId, 'intervene', { measures: ['removal', 'emergency_shelter', 'reported_upward'], reportedTo: '镇政府', details: '孩子暂由姑姑照顾' });
    expect(iv.status).toBe(200);
    expect(iv.body.events.at(-1).lines[0]).toBe('干预措施：带离现场、紧急庇护、报告上级');
  });

  it('dispatches the serious first visit to the supervisor by default, due 24 hours after the report; later than that is refused', async () => {
    const late = await step(t, tk.dudao, caseId, 'dispatch_task', { kind: 'first_visit', reason: '首次家访', dueAt: new Date(reportedAt.getTime() + 30 * HOUR).toISOString() });
    expect(late.status).toBe(400);
    expect(late.body.error.message).toContain('24小时内');
    // The picker offers the supervisor and proposes them (seed 002 §5.2), not the village director.
    const options = await t.request('GET', `/api/cases/${caseId}/assignable`, { token: tk.dudao });
    expect(options.body.supervisors.map((u: { name: string }) => u.name)).toContain('陈思远');
    expect(options.body.firstVisitDefault).toBe(options.body.supervisors.find((u: { name: string }) => u.name === '陈思远').id);
    const first = await step(t, tk.dudao, caseId, 'dispatch_task', { kind: 'first_visit', reason: '督导员会同社工入户核实伤情' });
    expect(first.status).toBe(200);
    const visit = first.body.tasks.find((x: { kind: string }) => x.kind === 'first_visit');
    expect(new Date(visit.dueAt).getTime()).toBe(reportedAt.getTime() + 24 * HOUR);
    expect(visit.assigneeName).toBe('陈思远');
    // A verification still goes to the village director.
    const res = await step(t, tk.dudao, caseId, 'dispatch_task', { kind: 'verification', reason: '核实孩子伤情与居住情况' });
    expect(res.status).toBe(200);
    const task = res.body.tasks.find((x: { kind: string }) => x.kind === 'verification');
    expect(task.assigneeName).toBe('刘春梅');
    // The director sees it among their tasks, and the case without the reporter.
    const mine = await t.request('GET', '/api/tasks/mine', { token: tk.zhuren01 });
    expect(mine.body.items.map((x: { id: number }) => x.id)).toContain(task.id);
    // The task names its case by number (2026-000123), never by database id alone.
    const caseCode = (await t.request('GET', `/api/cases/${caseId}`, { token: tk.dudao })).body.code;
    expect(caseCode).toMatch(/^\d{4}-\d{6}$/);
    expect(mine.body.items.find((x: { id: number }) => x.id === task.id).caseCode).toBe(caseCode);
    expect((await t.request('GET', `/api/tasks/${task.id}`, { token: tk.zhuren01 })).body.caseCode).toBe(caseCode);
    const view = await t.request('GET', `/api/cases/${caseId}`, { token: tk.zhuren01 });
    expect(view.status).toBe(200);
    expect(view.body.restricted).toBe(true);
    expect(view.body).not.toHaveProperty('reports');
    expect(view.body).not.toHaveProperty('events');
    expect(JSON.stringify(view.body)).not.toContain('邻居');
    expect(view.body.tasks.map((x: { id: number }) => x.id)).toContain(task.id);
  });

  it('hides the case from a director of another village (404) and refuses them any step (404)', async () => {
    expect((await t.request('GET', `/api/cases/${caseId}`, { token: tk.zhuren02 })).status).toBe(404);
    expect((await step(t, tk.zhuren02, caseId, 'note', { text: '试图写入' })).status).toBe(404);
  });

  it('refuses steps to the village director of the case (403) and to an unassigned social worker (403)', async () => {
    expect((await step(t, tk.zhuren01, caseId, 'note', { text: '试图写入' })).status).toBe(403);
    const sw = await step(t, tk.shegong, caseId, 'support', { services: ['psychological'], details: '心理疏导一次' });
    expect(sw.status).toBe(403);
    expect(sw.body.error.message).toContain('负责社工');
  });

  it('lets the assigned social worker take a support step', async () => {
    const users = await t.runtime.services.users.staffOf(orgs.township, 'social_worker');
    const assign = await step(t, tk.dudao, caseId, 'assign', { socialWorkerUserId: users[0].id });
    expect(assign.status).toBe(200);
    expect(assign.body.socialWorker.name).toBe('王文静');
    const sw = await step(t, tk.shegong, caseId, 'support', { services: ['psychological', 'family_education'], details: '心理疏导一次，监护指导一次' });
    expect(sw.status).toBe(200);
  });

  it('makes a referral with every field of 附件7, then sent → accepted → done; a done referral cannot be rejected', async () => {
    const res = await step(t, tk.dudao, caseId, 'refer', REFERRAL);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('referral');
    const ref = res.body.referrals[0];
    expect(ref).toMatchObject({ status: 'sent', unit: '铜罐驿派出所', unitAddress: '九龙坡区铜罐驿镇正街1号', contactName: '李警官', contactPhone: '023-65000000', reason: REFERRAL.reason, followUpPlan: REFERRAL.followUpPlan });
    expect(new Date(ref.staleAt).getTime() - t.clock.now().getTime()).toBe(14 * 24 * HOUR);

    const archiveEarly = await step(t, tk.dudao, caseId, 'archive', { summary: '干预完成，孩子安全，已转介公安', outcomeForReporter: '已处理' });
    expect(archiveEarly.status).toBe(409);
    expect(archiveEarly.body.error.message).toContain('转介未办结');

    const doneTooSoon = await step(t, tk.dudao, caseId, 'referral_update', { referralId: ref.id, action: 'done', outcome: '已立案' });
    expect(doneTooSoon.status).toBe(409);
    expect((await step(t, tk.dudao, caseId, 'referral_update', { referralId: ref.id, action: 'accept' })).status).toBe(200);
    // A police referral is done with what the police did, picked from a list.
    const noPoliceOutcome = await step(t, tk.dudao, caseId, 'referral_update', { referralId: ref.id, action: 'done', outcome: '公安机关已立案，出具告诫书' });
    expect(noPoliceOutcome.status).toBe(400);
    expect(noPoliceOutcome.body.error.details).toEqual([expect.objectContaining({ path: 'policeOutcome' })]);
    const badOutcome = await step(t, tk.dudao, caseId, 'referral_update', { referralId: ref.id, action: 'done', outcome: '已处理', policeOutcome: '随便' });
    expect(badOutcome.status).toBe(400);
    const done = await step(t, tk.dudao, caseId, 'referral_update', { referralId: ref.id, action: 'done', outcome: '公安机关已立案，出具告诫书', policeOutcome: 'warning_letter' });
    expect(done.status).toBe(200);
    expect(done.body.referrals[0]).toMatchObject({ status: 'done', result: '公安机关已立案，出具告诫书', staleAt: null, policeOutcome: 'warning_letter', policeOutcomeLabel: '出具告诫书', filledByName: '陈思远' });
    expect(done.body.events.at(-1).lines).toContain('公安处理结果：出具告诫书');
    const reject = await step(t, tk.dudao, caseId, 'referral_update', { referralId: ref.id, action: 'reject', rejectReason: '不属于本单位' });
    expect(reject.status).toBe(409);
  });

  it('records a follow-up visit and a case conference', async () => {
    const fu = await step(t, tk.dudao, caseId, 'follow_up', {
      visitedAt: t.clock.now().toISOString(),
      method: 'home',
      recovery: '伤情已愈合',
      repeatHarmRisk: 'low',
      placement: 'home_school',
      findings: '孩子已回家上学，父亲接受训诫',
      planFinished: true,
    });
    expect(fu.status).toBe(200);
    expect(fu.body.status).toBe('follow_up');
    const conf = await step(t, tk.dudao, caseId, 'conference', {
      heldAt: t.clock.now().toISOString(),
      participants: [
        { name: '陈思远', unitType: 'station' },
        { name: '李警官', unitType: 'public_security', unit: '铜罐驿派出所' },
        { name: '周老师', unitType: 'education', unit: '铜罐驿小学' },
      ],
      decisions: '学校每周关注孩子情况，派出所回访家长',
    });
    expect(conf.status).toBe(200);
    expect(conf.body.events.at(-1).lines).toContain('参会人员：陈思远（未保站）、李警官（铜罐驿派出所）、周老师（铜罐驿小学）');
  });

  it('needs the outcome for the reporter to archive; archiving makes the case read-only and the reporter sees 已办结', async () => {
    const noOutcome = await step(t, tk.dudao, caseId, 'archive', { summary: '干预完成，孩子安全，已转介公安' });
    expect(noOutcome.status).toBe(400);
    expect(noOutcome.body.error.message).toContain('告知报告人的处理结果');
    const res = await step(t, tk.dudao, caseId, 'archive', { summary: '干预完成，孩子安全，已转介公安机关处理', outcomeForReporter: '您反映的情况已核实处理，孩子已得到保护。感谢您的报告。' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'archived', readOnly: true, allowedSteps: [] });
    expect(res.body.tasks.every((x: { status: string }) => x.status !== 'open')).toBe(true);
    // The first visit was never recorded: the chronology says which clock and task the archive stopped.
    const lines: string[] = res.body.events.at(-1).lines;
    expect(lines.find((l) => l.startsWith('归档时停止的时限'))).toContain('首次家访');
    expect(lines.find((l) => l.startsWith('撤回的未完成任务'))).toContain('首次家访（陈思远）');
    expect(res.body.clocks.filter((c: { overdue: boolean }) => c.overdue)).toEqual([]);

    const session = await t.request('POST', '/api/receipts/session', { body: { receiptCode } });
    const view = await t.request('GET', '/api/receipts/report', { headers: { 'x-receipt-token': session.body.token } });
    expect(view.body).toMatchObject({ status: 'closed', statusLabel: '已办结' });
    expect(view.body.messages.some((m: { from: string; text: string }) => m.from === 'station' && m.text.includes('孩子已得到保护'))).toBe(true);

    const note = await step(t, tk.dudao, caseId, 'note', { text: '归档后补记' });
    expect(note.status).toBe(409);
    expect(note.body.error.message).toContain('个案已归档，只读');
  });

  it('lets only the station head reopen, with a reason', async () => {
    const byDudao = await step(t, tk.dudao, caseId, 'reopen', { reason: '发现新情况需要跟进' });
    expect(byDudao.status).toBe(403);
    const noReason = await step(t, tk.zhanzhang, caseId, 'reopen', {});
    expect(noReason.status).toBe(400);
    const res = await step(t, tk.zhanzhang, caseId, 'reopen', { reason: '学校反映孩子再次出现伤痕' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'follow_up', readOnly: false, reopenCount: 1 });
    expect(res.body.events.at(-1).lines).toContain('重新开启原因：学校反映孩子再次出现伤痕');
  });

  it('wrote one audit row per step and per view, and one chronology entry per step', async () => {
    const rows = await audits(caseId);
    const actions = rows.map((r) => r.action);
    for (const a of ['case.open', 'case.assess', 'case.police_call', 'case.intervene', 'case.dispatch_task', 'case.refer', 'case.referral_update', 'case.follow_up', 'case.conference', 'case.archive', 'case.reopen', 'case.view'])
      expect(actions).toContain(a);
    expect(rows.filter((r) => r.action === 'case.intervene' && r.result === 'denied')).toHaveLength(1);
    const c = await t.request('GET', `/api/cases/${caseId}`, { token: tk.dudao });
    const okSteps = rows.filter((r) => r.result === 'ok' && r.action.startsWith('case.') && r.action !== 'case.view').length;
    expect(c.body.events).toHaveLength(okSteps);
  });
});

describe('low risk goes to 支持服务 and may be archived after support', () => {
  it('assess low → support → archive', async () => {
    const r = await harmReport(t, orgs.villages['新合村']);
    const caseId = await openCase(t, tk.dudao, r.id);
    const a = await step(t, tk.dudao, caseId, 'assess', ASSESS_LOW);
    expect(a.body).toMatchObject({ status: 'support', followUpIntervalDays: 30 });
    expect(a.body.clocks.find((c: { kind: string }) => c.kind === 'first_visit')).toBeUndefined();
    expect((await step(t, tk.dudao, caseId, 'police_call', { calledAt: t.clock.now().toISOString(), policeStation: '铜罐驿派出所' })).status).toBe(409);
    expect((await step(t, tk.dudao, caseId, 'support', { services: ['family_education'], details: '家庭教育指导一次' })).status).toBe(200);
    const done = await step(t, tk.dudao, caseId, 'archive', { summary: '经指导家长改善教育方式，结案', outcomeForReporter: '经核实已处理' });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('archived');
  });
});

describe('re-assessment', () => {
  it('stops the first-visit clock when the harm is no longer serious and restarts it, anchored to the report, when it is again', async () => {
    const r = await harmReport(t, orgs.villages['英雄湾村']);
    const reported = t.clock.now();
    const caseId = await openCase(t, tk.dudao, r.id);
    const fv = (body: { clocks: { kind: string; dueAt: string }[] }) => body.clocks.find((c) => c.kind === 'first_visit');
    expect(fv((await step(t, tk.dudao, caseId, 'assess', ASSESS_HIGH)).body)).toBeTruthy();
    const calmer = await step(t, tk.dudao, caseId, 'assess', { ...ASSESS_HIGH, serious: false, riskLevel: 'medium' });
    expect(calmer.body.status).toBe('intervention');
    expect(fv(calmer.body)).toBeUndefined();
    const again = await step(t, tk.dudao, caseId, 'assess', ASSESS_HIGH);
    expect(new Date(fv(again.body)!.dueAt).getTime()).toBe(reported.getTime() + 24 * HOUR);
    expect(again.body.events.at(-1).changes).toEqual(expect.arrayContaining([{ field: 'serious', label: '严重家庭暴力或不法侵害', from: '否', to: '是' }]));
  });
});

describe('scope across townships', () => {
  it('answers 404 to a supervisor of another township, for the case and for every step', async () => {
    const s = t.runtime.services;
    const county = (await s.org.all()).find((o) => o.level === 'county')!;
    const other = await s.org.create({ parentId: county.id, level: 'township', name: '西彭镇' });
    await s.auth.createStaff({ username: 'xipeng_dudao', password: 'Demo@2026', name: '测试督导', role: 'supervisor', orgId: other.id });
    const token = await t.login('xipeng_dudao');
    const r = await harmReport(t, orgs.villages['大碑村']);
    const caseId = await openCase(t, tk.dudao, r.id);
    expect((await t.request('GET', `/api/cases/${caseId}`, { token })).status).toBe(404);
    expect((await step(t, token, caseId, 'assess', ASSESS_HIGH)).status).toBe(404);
    expect((await t.request('POST', `/api/intake/${(await harmReport(t, orgs.villages['大碑村'])).id}/triage`, { token, body: { category: 'harm' } })).status).toBe(404);
    const list = await t.request('GET', '/api/cases?status=all', { token });
    expect(list.body.items).toEqual([]);
    // A missing case answers exactly the same.
    const missing = await t.request('GET', '/api/cases/999999', { token: tk.dudao });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe((await t.request('GET', `/api/cases/${caseId}`, { token })).body.error.message);
  });
});

describe('linking a child file to a case', () => {
  it('accepts a file of the township and refuses one from another township, naming the field', async () => {
    const { makeChildIn } = await import('./childrenFixtures');
    const { org } = t.runtime.services;
    const own = await makeChildIn(t, orgs.villages['建设村']);
    const otherTownship = await org.create({ parentId: (await org.get(orgs.township))!.parentId, level: 'township', name: '邻镇' });
    const foreign = await makeChildIn(t, otherTownship.id);
    const caseId = await openCase(t, tk.dudao, (await harmReport(t, orgs.villages['建设村'])).id);

    const bad = await step(t, tk.dudao, caseId, 'assign', { childId: foreign.childId });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ path: 'childId', message: '所选儿童档案不存在或不在本站范围内' });
    const ok = await step(t, tk.dudao, caseId, 'assign', { childId: own.childId });
    expect(ok.status).toBe(200);
  });
});

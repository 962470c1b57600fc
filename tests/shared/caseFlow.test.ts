import {
  allowedSteps,
  archivePoliceCheck,
  ReportNature,
  reportNature,
  ReporterDisclosure,
  type ReporterIdentity,
  type ReportKind,
  CASE_STEPS,
  CaseStatus,
  CaseStep,
  checkStep,
  checkTriage,
  nextStatus,
  referralMove,
  Role,
  type CaseStatus as Status,
  type CaseStep as Step,
  type ReferralAction,
  type ReferralStatus,
  type Role as RoleCode,
  type StepContext,
} from '@wbt/shared';

/**
 * Table tests of the case state machine. The expectations are written out by hand from seed 002
 * 附件4 (not derived from CASE_STEPS), so a change to the machine has to change this table too.
 */
const ACTIVE: Status[] = ['assessing', 'intervention', 'support', 'referral', 'follow_up'];
const ALL: Status[] = [...ACTIVE, 'archived'];
const LATER: Status[] = ['intervention', 'support', 'referral', 'follow_up'];

const FROM: Record<Exclude<Step, 'open'>, Status[]> = {
  link_report: ACTIVE,
  assign: ACTIVE,
  assess: ACTIVE,
  police_call: ['assessing', 'intervention'],
  report_authority: ACTIVE,
  intervene: ['intervention'],
  support: LATER,
  dispatch_task: ACTIVE,
  refer: LATER,
  referral_update: ACTIVE,
  follow_up: LATER,
  conference: ACTIVE,
  answer_reporter: ACTIVE,
  note: ACTIVE,
  archive: ['support', 'referral', 'follow_up'],
  reopen: ['archived'],
};

/** Steps each role may take; the social worker only on a case assigned to them. */
const STATION_STEPS = (Object.keys(FROM) as Exclude<Step, 'open'>[]).filter((s) => s !== 'reopen');
const WORKER_STEPS: Step[] = ['assess', 'police_call', 'report_authority', 'intervene', 'support', 'refer', 'referral_update', 'follow_up', 'conference', 'note'];
const MAY: Record<RoleCode, { any: Step[]; assigned: Step[] }> = {
  station_head: { any: [...STATION_STEPS, 'reopen'], assigned: [] },
  supervisor: { any: STATION_STEPS, assigned: [] },
  social_worker: { any: [], assigned: WORKER_STEPS },
  director: { any: [], assigned: [] },
  county_admin: { any: [], assigned: [] },
  public: { any: [], assigned: [] },
};

/** A case ready for the step's own guard, so the table tests role and state alone. */
function ready(status: Status, role: RoleCode, assigned: boolean, step: Step): StepContext {
  return { status, role, assigned, openReferrals: step === 'referral_update' ? 1 : 0, linkedReports: 1, assessed: true, hasVillage: true, harmSuspected: false, policeReported: false };
}

type Expected = 'ok' | 'FORBIDDEN' | 'INVALID_TRANSITION';
const rows: [RoleCode, boolean, Status, Exclude<Step, 'open'>, Expected][] = [];
for (const role of Role.codes)
  for (const assigned of [false, true])
    for (const status of ALL)
      for (const step of Object.keys(FROM) as Exclude<Step, 'open'>[]) {
        const may = MAY[role].any.includes(step) || (assigned && MAY[role].assigned.includes(step));
        rows.push([role, assigned, status, step, !may ? 'FORBIDDEN' : FROM[step].includes(status) ? 'ok' : 'INVALID_TRANSITION']);
      }

describe('case state machine: every step × status × role', () => {
  it('covers every step of the machine', () => {
    expect(Object.keys(FROM).sort()).toEqual(CaseStep.codes.filter((s) => s !== 'open').sort());
    expect(rows).toHaveLength(Role.codes.length * 2 * ALL.length * Object.keys(FROM).length);
  });

  it.each(rows)('%s (assigned=%s) in %s → %s: %s', (role, assigned, status, step, expected) => {
    const d = checkStep(step, ready(status, role, assigned, step));
    expect(d.ok ? 'ok' : d.code).toBe(expected);
    if (!d.ok) expect(d.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('offers exactly the allowed steps: the next stage of 附件4 first, then main actions, then the rest', () => {
    const next: Record<Status, Step[]> = {
      assessing: ['assess', 'police_call', 'report_authority', 'dispatch_task'],
      intervention: ['intervene', 'police_call', 'report_authority', 'dispatch_task', 'refer'],
      support: ['support', 'dispatch_task', 'refer', 'follow_up'],
      referral: ['follow_up', 'archive'], // referral_update needs an open referral (guard)
      follow_up: ['follow_up', 'archive'],
      archived: [],
    };
    for (const status of ALL) {
      const ctx = { status, role: 'supervisor' as const, assigned: true, openReferrals: 0, linkedReports: 1, assessed: true, hasVillage: true, harmSuspected: false, policeReported: false };
      const offered = allowedSteps(ctx);
      const expected = STATION_STEPS.filter((s) => FROM[s].includes(status) && s !== 'referral_update');
      expect([...offered].sort()).toEqual([...expected].sort());
      expect(offered.slice(0, next[status].length)).toEqual(next[status]);
      const rest = offered.slice(next[status].length);
      const firstSecondary = rest.findIndex((s) => !CASE_STEPS[s].primary);
      if (firstSecondary >= 0) expect(rest.slice(firstSecondary).every((s) => !CASE_STEPS[s].primary)).toBe(true);
    }
    expect(allowedSteps({ status: 'intervention', role: 'director', assigned: false, openReferrals: 0, linkedReports: 1, assessed: true, hasVillage: true, harmSuspected: false, policeReported: false })).toEqual([]);
    expect(allowedSteps({ status: 'archived', role: 'station_head', assigned: false, openReferrals: 0, linkedReports: 1, assessed: true, hasVillage: true, harmSuspected: false, policeReported: false })).toEqual(['reopen']);
  });

  it('never lets a case be opened as a step (only triage or a consultation opens one)', () => {
    for (const status of ALL) expect(checkStep('open', ready(status, 'station_head', true, 'open')).ok).toBe(false);
  });
});

describe('guards', () => {
  const base: StepContext = { status: 'follow_up', role: 'supervisor', assigned: true, openReferrals: 0, linkedReports: 1, assessed: true, hasVillage: true, harmSuspected: false, policeReported: false };

  it('refuses archiving with an open referral or without an assessment', () => {
    expect(checkStep('archive', base)).toEqual({ ok: true });
    const open = checkStep('archive', { ...base, openReferrals: 2 });
    expect(open).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    expect(!open.ok && open.message).toContain('还有2条转介未办结');
    expect(checkStep('archive', { ...base, status: 'support', assessed: false })).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
  });

  it('refuses a referral update when no referral is open, and dispatch without a village', () => {
    expect(checkStep('referral_update', base)).toMatchObject({ ok: false, message: '没有待跟进的转介记录' });
    expect(checkStep('dispatch_task', { ...base, hasVillage: false })).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
  });

  it('refuses answering the reporter of a case without reports (a consultation case)', () => {
    expect(checkStep('answer_reporter', { ...base, linkedReports: 0 })).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
  });

  it('says a case is read-only when archived', () => {
    const d = checkStep('note', { ...base, status: 'archived' });
    expect(d).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    expect(!d.ok && d.message).toContain('个案已归档，只读');
  });

  it('names the assignment for a social worker not on the case', () => {
    const d = checkStep('assess', { ...base, role: 'social_worker', assigned: false });
    expect(!d.ok && d.message).toBe('只有本个案的负责社工可以进行「危机评估」');
  });
});

describe('where each step leads', () => {
  it.each([
    ['assessing', 'high', 'intervention'],
    ['assessing', 'medium', 'intervention'],
    ['assessing', 'low', 'support'],
    ['intervention', 'low', 'support'],
    ['support', 'high', 'intervention'],
    ['support', 'low', 'support'],
    ['referral', 'low', 'referral'],
    ['referral', 'medium', 'intervention'],
    ['follow_up', 'low', 'follow_up'],
    ['follow_up', 'high', 'intervention'],
  ] as const)('assess from %s with %s risk → %s', (from, risk, to) => {
    expect(nextStatus('assess', from, { riskLevel: risk })).toBe(to);
  });

  it.each([
    ['refer', 'intervention', 'referral'],
    ['refer', 'support', 'referral'],
    ['refer', 'referral', 'referral'],
    ['refer', 'follow_up', 'follow_up'],
    ['follow_up', 'intervention', 'follow_up'],
    ['follow_up', 'referral', 'follow_up'],
    ['archive', 'follow_up', 'archived'],
    ['archive', 'support', 'archived'],
    ['police_call', 'assessing', 'assessing'],
    ['intervene', 'intervention', 'intervention'],
    ['conference', 'referral', 'referral'],
  ] as const)('%s from %s → %s', (step, from, to) => {
    expect(nextStatus(step, from)).toBe(to);
  });

  it('reopens to the status the case was archived from', () => {
    expect(nextStatus('reopen', 'archived', { reopenTo: 'referral' })).toBe('referral');
    expect(nextStatus('reopen', 'archived', { reopenTo: null })).toBe('follow_up');
  });

  it('labels every status in Chinese', () => {
    expect(CaseStatus.codes.map((s) => CaseStatus.label(s))).toEqual(['待危机评估', '强制干预', '支持服务', '跟踪转介', '跟踪回访', '已归档']);
  });
});

describe('referral sub-flow (附件7): sent → accepted / rejected → done', () => {
  const table: [ReferralStatus, ReferralAction, ReferralStatus | null][] = [
    ['sent', 'accept', 'accepted'],
    ['sent', 'reject', 'rejected'],
    ['sent', 'done', null],
    ['sent', 'progress', 'sent'],
    ['accepted', 'accept', null],
    ['accepted', 'reject', null],
    ['accepted', 'done', 'done'],
    ['accepted', 'progress', 'accepted'],
    ['rejected', 'accept', null],
    ['rejected', 'reject', null],
    ['rejected', 'done', null],
    ['rejected', 'progress', null],
    ['done', 'accept', null],
    ['done', 'reject', null],
    ['done', 'done', null],
    ['done', 'progress', null],
  ];
  it.each(table)('%s + %s → %s', (from, action, to) => {
    const m = referralMove(from, action);
    if (to === null) {
      expect(m.ok).toBe(false);
      expect(!m.ok && m.message).toMatch(/不能记录/);
    } else expect(m).toEqual({ ok: true, to });
  });
});

describe('triage (分类受理)', () => {
  it.each(Role.codes.map((r) => [r, r === 'supervisor' || r === 'station_head'] as const))('%s may triage: %s', (role, may) => {
    expect(checkTriage(role, false).ok).toBe(may);
  });
  it('refuses a second triage with 409', () => {
    expect(checkTriage('supervisor', true)).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
  });
});

describe('archiving suspected harm needs the police report on record, or a reason', () => {
  const rows: [boolean, boolean, string | undefined, boolean][] = [
    // harmSuspected, policeReported, noPoliceReportReason, may archive
    [false, false, undefined, true],
    [true, true, undefined, true],
    [true, false, undefined, false],
    [true, false, '无', false],
    [true, false, '  ', false],
    [true, false, '报告人已自行报警，派出所已出警', true],
    [false, true, undefined, true],
  ];
  it.each(rows)('harm=%s police=%s reason=%s → %s', (harmSuspected, policeReported, reason, ok) => {
    const refusal = archivePoliceCheck({ harmSuspected, policeReported }, { noPoliceReportReason: reason });
    expect(refusal === null).toBe(ok);
    if (refusal) expect(refusal).toContain('公安机关');
  });
});

describe('强制报告 only from a mandatory reporter (九部门意见 第三条)', () => {
  const rows: [ReportKind, ReporterIdentity | undefined, ReportNature][] = [
    ['harm', 'teacher', 'mandatory'],
    ['harm', 'medical', 'mandatory'],
    ['harm', 'child_director', 'mandatory'],
    ['harm', 'village_staff', 'mandatory'],
    ['harm', 'station_staff', 'mandatory'],
    ['harm', 'community', 'report'],
    ['harm', 'relative', 'report'],
    ['harm', 'minor_self', 'report'],
    ['harm', undefined, 'report'],
    ['help', 'teacher', 'help'],
    ['help', 'guardian', 'help'],
  ];
  it.each(rows)('%s by %s is %s', (kind, identity, nature) => {
    expect(reportNature(kind, identity)).toBe(nature);
  });
  it('labels 附件6’s choice 实名（公开）/ 匿名, with nothing recommended', () => {
    expect(ReporterDisclosure.labels).toEqual({ named: '实名（公开）', anonymous: '匿名' });
    expect(ReportNature.label('report')).toBe('报告/检举');
  });
});

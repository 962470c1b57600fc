import type { ZodType } from 'zod';
import { addDays, addHours, addWorkingDays } from './calendar';
import {
  AnswerReporterInput,
  ArchiveInput,
  AssessmentInput,
  AssignInput,
  AuthorityReportInput,
  ConferenceInput,
  DispatchTaskInput,
  FollowUpInput,
  InterventionInput,
  LinkReportInput,
  NoteInput,
  PoliceCallInput,
  ReferralInput,
  ReferralUpdateInput,
  ReopenInput,
  SupportInput,
  TriageRequest,
  type ReferralAction,
  type ReferralStatus,
  type RiskLevel,
} from './case';
import { labelled } from './labels';
import type { Role, StaffRole } from './org';
import type { SlaSettings } from './sla';

/**
 * The case state machine of the township station (seed 002 附件4 发现报告处置流程图). Pure: the server
 * enforces it (409 for a step out of order), the mini-program offers only the steps it allows.
 *
 *   report ─triage→ (consultation desk) | case
 *   case:  assessing ─assess→ intervention (medium/high) | support (low)
 *          intervention|support ─refer→ referral ─follow_up→ follow_up ─archive→ archived
 *          archived ─reopen (station head, with a reason)→ the status it was archived from
 */

export const CaseStatus = labelled({
  assessing: '待危机评估',
  intervention: '强制干预',
  support: '支持服务',
  referral: '跟踪转介',
  follow_up: '跟踪回访',
  archived: '已归档',
});
export type CaseStatus = (typeof CaseStatus.codes)[number];
export const ACTIVE_CASE_STATUSES: readonly CaseStatus[] = ['assessing', 'intervention', 'support', 'referral', 'follow_up'];

/** The step number of 附件4 each status stands for, for the progress bar. */
export const CASE_STATUS_STAGE: Record<CaseStatus, number> = { assessing: 3, intervention: 4, support: 5, referral: 6, follow_up: 7, archived: 8 };

export const CaseStep = labelled({
  open: '立案',
  link_report: '关联报告',
  assign: '指定负责人/村居',
  assess: '危机评估',
  police_call: '记录报警（110）',
  report_authority: '报告公安/民政',
  intervene: '强制干预',
  support: '支持服务',
  dispatch_task: '派发任务',
  refer: '转介',
  referral_update: '转介进展',
  follow_up: '跟踪回访',
  conference: '个案会商',
  answer_reporter: '答复报告人',
  note: '工作记录',
  archive: '结案归档',
  reopen: '重新开启',
});
export type CaseStep = (typeof CaseStep.codes)[number];

/** What the state machine needs to know about a case and the actor to rule on a step. */
export interface StepContext {
  status: CaseStatus;
  role: Role;
  /** The actor is the case's owner or its assigned social worker. */
  assigned: boolean;
  /** Referrals still sent or accepted (not yet rejected or done). */
  openReferrals: number;
  /** Reports linked to the case (the reporter is owed answers). */
  linkedReports: number;
  /** A crisis assessment exists. */
  assessed: boolean;
  /** The child's village is known (tasks go to its director). */
  hasVillage: boolean;
  /** The assessment found suspected harm. */
  harmSuspected: boolean;
  /** A report to the police is on record (a 110 call or a report to 公安机关). */
  policeReported: boolean;
}

interface StepRule {
  from: readonly CaseStatus[];
  /** Roles that may take the step on any case in their scope. */
  roles: readonly StaffRole[];
  /** Roles that may take it only on a case assigned to them. */
  assignedRoles?: readonly StaffRole[];
  /** A Chinese explanation when the case is not ready for the step; null when it is. */
  guard?: (ctx: StepContext) => string | null;
  input: ZodType;
  /** Shown as a main action (the next stage of 附件4) rather than a secondary one. */
  primary?: boolean;
}

const ACTIVE = ACTIVE_CASE_STATUSES;
const STATION: readonly StaffRole[] = ['supervisor', 'station_head'];
const WORKER: readonly StaffRole[] = ['social_worker'];

export const CASE_STEPS: Record<CaseStep, StepRule> = {
  open: { from: [], roles: STATION, input: TriageRequest },
  link_report: { from: ACTIVE, roles: STATION, input: LinkReportInput },
  assign: { from: ACTIVE, roles: STATION, input: AssignInput },
  assess: { from: ACTIVE, roles: STATION, assignedRoles: WORKER, input: AssessmentInput, primary: true },
  police_call: { from: ['assessing', 'intervention'], roles: STATION, assignedRoles: WORKER, input: PoliceCallInput, primary: true },
  report_authority: { from: ACTIVE, roles: STATION, assignedRoles: WORKER, input: AuthorityReportInput, primary: true },
  intervene: { from: ['intervention'], roles: STATION, assignedRoles: WORKER, input: InterventionInput, primary: true },
  support: { from: ['intervention', 'support', 'referral', 'follow_up'], roles: STATION, assignedRoles: WORKER, input: SupportInput, primary: true },
  dispatch_task: {
    from: ACTIVE,
    roles: STATION,
    input: DispatchTaskInput,
    primary: true,
    guard: (c) => (c.hasVillage ? null : '请先指定儿童所在的村（社区），任务才能派发给该村儿童主任'),
  },
  refer: { from: ['intervention', 'support', 'referral', 'follow_up'], roles: STATION, assignedRoles: WORKER, input: ReferralInput, primary: true },
  referral_update: {
    from: ACTIVE,
    roles: STATION,
    assignedRoles: WORKER,
    input: ReferralUpdateInput,
    guard: (c) => (c.openReferrals > 0 ? null : '没有待跟进的转介记录'),
  },
  follow_up: { from: ['intervention', 'support', 'referral', 'follow_up'], roles: STATION, assignedRoles: WORKER, input: FollowUpInput, primary: true },
  conference: { from: ACTIVE, roles: STATION, assignedRoles: WORKER, input: ConferenceInput },
  answer_reporter: {
    from: ACTIVE,
    roles: STATION,
    input: AnswerReporterInput,
    guard: (c) => (c.linkedReports > 0 ? null : '本个案没有关联的报告，无需答复报告人'),
  },
  note: { from: ACTIVE, roles: STATION, assignedRoles: WORKER, input: NoteInput },
  archive: {
    from: ['support', 'referral', 'follow_up'],
    roles: STATION,
    input: ArchiveInput,
    primary: true,
    guard: (c) => {
      if (!c.assessed) return '个案尚未完成危机评估，不能归档';
      if (c.openReferrals > 0) return `还有${c.openReferrals}条转介未办结（待接收或服务中），请先记录转介结果`;
      return null;
    },
  },
  reopen: { from: ['archived'], roles: ['station_head'], input: ReopenInput },
};

/**
 * Archiving a case assessed as suspected harm needs the police report on record (未保法 第十一条,
 * 九部门意见 第二条), or a recorded reason why it was not made. A Chinese message when refused.
 */
export function archivePoliceCheck(ctx: Pick<StepContext, 'harmSuspected' | 'policeReported'>, input: { noPoliceReportReason?: string }): string | null {
  if (!ctx.harmSuspected || ctx.policeReported) return null;
  if (input.noPoliceReportReason && input.noPoliceReportReason.trim().length >= 4) return null;
  return '本个案评估为疑似伤害，但没有向公安机关报告的记录：请先记录「报告公安/民政」或「记录报警（110）」，或填写未向公安机关报告的原因（至少4个字）';
}

export type StepDecision =
  | { ok: true }
  | { ok: false; code: 'FORBIDDEN' | 'INVALID_TRANSITION'; message: string };

/** Whether a role may ever take the step (ignoring assignment and state). */
export function roleMayTake(step: CaseStep, role: Role): boolean {
  const rule = CASE_STEPS[step];
  return (rule.roles as readonly string[]).includes(role) || (rule.assignedRoles ?? ([] as readonly string[])).includes(role);
}

/**
 * Rules on one step: the role first (403), then the state (409 INVALID_TRANSITION with a message a
 * person can act on), then the step's own guard (409).
 */
export function checkStep(step: CaseStep, ctx: StepContext): StepDecision {
  const rule = CASE_STEPS[step];
  const byRole = (rule.roles as readonly string[]).includes(ctx.role);
  const byAssignment = (rule.assignedRoles ?? ([] as readonly string[])).includes(ctx.role) && ctx.assigned;
  if (!byRole && !byAssignment) {
    const onlyAssigned = (rule.assignedRoles ?? ([] as readonly string[])).includes(ctx.role);
    return {
      ok: false,
      code: 'FORBIDDEN',
      message: onlyAssigned ? `只有本个案的负责社工可以进行「${CaseStep.label(step)}」` : `您的角色不能进行「${CaseStep.label(step)}」`,
    };
  }
  if (!rule.from.includes(ctx.status)) {
    if (ctx.status === 'archived')
      return { ok: false, code: 'INVALID_TRANSITION', message: `个案已归档，只读；如需「${CaseStep.label(step)}」，请站长先重新开启个案` };
    const allowedIn = rule.from.map((s) => `「${CaseStatus.label(s)}」`).join('、');
    return {
      ok: false,
      code: 'INVALID_TRANSITION',
      message: `个案当前处于「${CaseStatus.label(ctx.status)}」阶段，不能进行「${CaseStep.label(step)}」${allowedIn ? `（仅可在${allowedIn}阶段进行）` : ''}`,
    };
  }
  const refusal = rule.guard?.(ctx) ?? null;
  if (refusal) return { ok: false, code: 'INVALID_TRANSITION', message: refusal };
  return { ok: true };
}

/** The next stage of 附件4 for each status: offered first, as the main actions. */
export const SUGGESTED_STEPS: Record<CaseStatus, readonly CaseStep[]> = {
  assessing: ['assess', 'police_call', 'report_authority', 'dispatch_task'],
  intervention: ['intervene', 'police_call', 'report_authority', 'dispatch_task', 'refer'],
  support: ['support', 'dispatch_task', 'refer', 'follow_up'],
  referral: ['referral_update', 'follow_up', 'archive'],
  follow_up: ['follow_up', 'archive'],
  archived: ['reopen'],
};

/** Every step the actor may take now: the suggested next stage first, then other main actions, then the rest. */
export function allowedSteps(ctx: StepContext): CaseStep[] {
  const steps = CaseStep.codes.filter((s) => s !== 'open' && checkStep(s, ctx).ok);
  const suggested = SUGGESTED_STEPS[ctx.status].filter((s) => steps.includes(s));
  const rest = steps.filter((s) => !suggested.includes(s));
  return [...suggested, ...rest.filter((s) => CASE_STEPS[s].primary), ...rest.filter((s) => !CASE_STEPS[s].primary)];
}

/** The status after a step (the step has been allowed by checkStep). */
export function nextStatus(
  step: CaseStep,
  from: CaseStatus,
  input?: { riskLevel?: RiskLevel; reopenTo?: CaseStatus | null },
): CaseStatus {
  switch (step) {
    case 'open':
      return 'assessing';
    case 'assess': {
      const urgent = input?.riskLevel === 'medium' || input?.riskLevel === 'high';
      if (urgent) return 'intervention';
      // Low risk: a new case goes to support; a case further on stays where it is.
      return from === 'assessing' || from === 'intervention' ? 'support' : from;
    }
    case 'refer':
      return from === 'intervention' || from === 'support' ? 'referral' : from;
    case 'follow_up':
      return 'follow_up';
    case 'archive':
      return 'archived';
    case 'reopen':
      return input?.reopenTo && input.reopenTo !== 'archived' ? input.reopenTo : 'follow_up';
    default:
      return from;
  }
}

// ---------- referrals ----------

const REFERRAL_MOVES: Record<ReferralAction, { from: readonly ReferralStatus[]; to: (s: ReferralStatus) => ReferralStatus }> = {
  accept: { from: ['sent'], to: () => 'accepted' },
  reject: { from: ['sent'], to: () => 'rejected' },
  done: { from: ['accepted'], to: () => 'done' },
  progress: { from: ['sent', 'accepted'], to: (s) => s },
};

export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = ['sent', 'accepted'];

/** sent → accepted | rejected; accepted → done; progress notes keep the status and restart the clock. */
export function referralMove(from: ReferralStatus, action: ReferralAction): { ok: true; to: ReferralStatus } | { ok: false; message: string } {
  const move = REFERRAL_MOVES[action];
  if (!move.from.includes(from)) {
    const labels: Record<ReferralStatus, string> = { sent: '待接收', accepted: '服务中', rejected: '已拒绝', done: '已完成' };
    return { ok: false, message: `该转介当前为「${labels[from]}」，不能记录「${{ accept: '已接收', reject: '拒绝', done: '完成', progress: '跟进情况' }[action]}」` };
  }
  return { ok: true, to: move.to(from) };
}

// ---------- intake (2 分类) ----------

export const IntakeStatus = labelled({ untriaged: '待分类受理', triaged: '已分类受理' });
export type IntakeStatus = (typeof IntakeStatus.codes)[number];

export const INTAKE_ROLES: readonly StaffRole[] = STATION;

export function checkTriage(role: Role, triaged: boolean): StepDecision {
  if (!(INTAKE_ROLES as readonly string[]).includes(role)) return { ok: false, code: 'FORBIDDEN', message: '只有儿童督导员和站长可以分类受理报告' };
  if (triaged) return { ok: false, code: 'INVALID_TRANSITION', message: '该报告已经分类受理，不能重复受理' };
  return { ok: true };
}

// ---------- the clocks (DESIGN.md §3; per-county lengths in SlaSettings) ----------

export const ClockKind = labelled({
  ack: '报告受理',
  first_answer: '首次答复报告人',
  first_visit: '首次家访',
  referral_stale: '转介跟进',
  follow_up: '跟踪回访',
  outcome_answer: '告知报告人办理结果',
});
export type ClockKind = (typeof ClockKind.codes)[number];

/**
 * How each clock counts. Emergencies do not wait for Monday: acknowledgement, the serious-harm first
 * visit, referral staleness and follow-up visits run on calendar time. The reporter's first answer is
 * an administrative reply and runs on official working days (weekends and holidays skipped, 调休
 * make-up days counted), ending at 24:00 of the last working day (see addWorkingDays).
 */
export const CLOCK_RULES: Record<ClockKind, { unit: 'hours' | 'days' | 'working_days'; length: (sla: SlaSettings) => number; source: string }> = {
  ack: { unit: 'hours', length: (s) => s.ackHours, source: '新报告24小时内受理（DESIGN §3）' },
  first_answer: {
    unit: 'working_days',
    length: (s) => s.firstAnswerDays,
    // 未保法第十一条 obliges the receiving side to handle a report promptly and tell the reporter the
    // outcome, but sets no number of days; 3 working days is this product's default, per county.
    source: '首次答复报告人：默认3个工作日（本系统时限，县级可调整；未成年人保护法第十一条要求及时处理并告知，未规定天数），自收到报告次日起算，截止最后一个工作日24时',
  },
  first_visit: { unit: 'hours', length: (s) => s.seriousFirstVisitHours, source: '严重家庭暴力或不法侵害，接到报告24小时内完成首次家访（附件2 §5.2）' },
  referral_stale: { unit: 'days', length: (s) => s.referralStaleDays, source: '转介14天无进展即为停滞（DESIGN §3）' },
  follow_up: { unit: 'days', length: (s) => s.visitIntervalDays.medium, source: '按评估确定的回访计划跟踪回访（附件4 第7步，§5.4）' },
  outcome_answer: { unit: 'hours', length: (s) => s.ackHours, source: '结案时告知报告人处理结果（未保法第11条），随归档发送，失败由时限任务重试' },
};

/** When a clock started at `start` runs out; `lengthOverride` replaces the setting (a follow-up plan's interval). */
export function clockDueAt(kind: ClockKind, start: Date, sla: SlaSettings, lengthOverride?: number): Date {
  const rule = CLOCK_RULES[kind];
  const n = lengthOverride ?? rule.length(sla);
  if (rule.unit === 'hours') return addHours(start, n);
  if (rule.unit === 'days') return addDays(start, n);
  return addWorkingDays(start, n);
}

/** A clock's length in words, e.g. "24小时", "3个工作日", "14天". */
export function clockLengthLabel(kind: ClockKind, sla: SlaSettings, lengthOverride?: number): string {
  const rule = CLOCK_RULES[kind];
  const n = lengthOverride ?? rule.length(sla);
  return rule.unit === 'hours' ? `${n}小时` : rule.unit === 'days' ? `${n}天` : `${n}个工作日`;
}

/** Follow-up interval set by an assessment: its own value, else the county's visit interval for the risk. */
export function followUpIntervalDays(riskLevel: RiskLevel, sla: SlaSettings, own?: number): number {
  return own ?? sla.visitIntervalDays[riskLevel];
}

/** "已超时 3小时" / "剩余 5小时" style wording, for lists and badges. */
/**
 * The one definition of "overdue" for open work (tasks and SLA clocks alike): its due time has
 * passed. Board counts, lists, filters and badges all use it (the SQL windows use `due_at < now`).
 */
export function isOverdue(dueAt: Date | string, now: Date): boolean {
  return new Date(dueAt).getTime() < now.getTime();
}

/** "Due soon" on the overdue board: due within this many hours. */
export const DUE_SOON_HOURS = 24;

export function describeDue(dueAt: Date, now: Date): { overdue: boolean; text: string } {
  const ms = dueAt.getTime() - now.getTime();
  const abs = Math.abs(ms);
  const h = Math.floor(abs / 3_600_000);
  const span = h >= 48 ? `${Math.floor(h / 24)}天` : h >= 1 ? `${h}小时` : `${Math.max(1, Math.floor(abs / 60_000))}分钟`;
  return isOverdue(dueAt, now) ? { overdue: true, text: `已超时${span}` } : { overdue: false, text: `剩余${span}` };
}

/** "3小时前" style age of an incoming item. */
export function describeAge(since: Date, now: Date): string {
  const ms = Math.max(0, now.getTime() - since.getTime());
  const min = Math.floor(ms / 60_000);
  if (min < 1) return '刚刚';
  if (min < 60) return `${min}分钟前`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h}小时前`;
  return `${Math.floor(h / 24)}天前`;
}

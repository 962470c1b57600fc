import {
  allowedSteps,
  CASE_STATUS_STAGE,
  CaseKind,
  CaseStatus,
  CaseStep,
  CaseTaskKind,
  checkStep,
  ClockKind,
  checkTriage,
  chinaDate,
  clockDueAt,
  describeAge,
  describeDue,
  followUpIntervalDays,
  IntakeCategory,
  nextStatus,
  ReportMethod,
  ReportStatus,
  RiskLevel,
  SUGGESTED_STEPS,
  type AnswerReporterInput,
  type ArchiveInput,
  type AssessmentInput,
  type AssignInput,
  type CaseChild,
  type CaseDetail,
  type CaseListItem,
  type DirectorCaseView,
  type IntakeItem,
  type CaseListQuery,
  type ConferenceInput,
  type DispatchTaskInput,
  type FollowUpInput,
  type IntakeQuery,
  type InterventionInput,
  type LinkReportInput,
  type NoteInput,
  type PoliceCallInput,
  type ReferralInput,
  type ReferralUpdateInput,
  type ReopenInput,
  type ReportStatus as ReportStatusCode,
  type StepContext,
  type SupportInput,
  type TriageRequest,
} from '@wbt/shared';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import type { Clock } from '../../lib/clock';
import type { FieldCrypto } from '../../lib/fieldCrypto';
import { randomToken } from '../../lib/ids';
import type { Logger } from '../../logger';
import type { AuditService } from '../audit/audit.service';
import type { UsersService } from '../auth/users.service';
import type { ClockLabel, ClockSource, DeadlinesService } from '../deadlines/deadlines.service';
import type { ClockRow } from '../deadlines/deadlines.repo';
import type { NotificationsService } from '../notifications/notifications.service';
import type { OrgService } from '../org/org.service';
import type { OrgRow } from '../org/org.repo';
import type { ReferralsService } from '../referrals/referrals.service';
import type { ReportsService } from '../reports/reports.service';
import type { ChildrenService } from '../children/children.service';
import type { TaskRow, TasksService } from '../tasks/tasks.service';
import { CASE_FIELD_LABELS, chinaTime, eventLines, type FieldChange } from './cases.format';

export type { CaseDetail, CaseListItem, DirectorCaseView, IntakeItem };
import { casesRepo, type CaseInsert, type CaseRow } from './cases.repo';

export interface StaffOption {
  id: number;
  name: string;
}

export type StepInputs = {
  link_report: LinkReportInput;
  assign: AssignInput;
  assess: AssessmentInput;
  police_call: PoliceCallInput;
  intervene: InterventionInput;
  support: SupportInput;
  dispatch_task: DispatchTaskInput;
  refer: ReferralInput;
  referral_update: ReferralUpdateInput;
  follow_up: FollowUpInput;
  conference: ConferenceInput;
  answer_reporter: AnswerReporterInput;
  note: NoteInput;
  archive: ArchiveInput;
  reopen: ReopenInput;
};
export type WorkStep = keyof StepInputs;

const STATION_ROLES = ['supervisor', 'station_head'] as const;
const CASE_LINK = (id: number) => `/staff/pages/case/index?id=${id}`;
const REPORT_LINK = (id: number) => `/staff/pages/intake/triage?id=${id}`;
/** An outcome message that was not posted right after the archive commit is retried after this. */
const OUTCOME_RETRY_AFTER_MS = 2 * 60_000;







/** What a step did, before the common bookkeeping (status, chronology, audit). */
interface StepOutcome {
  set?: Partial<CaseInsert>;
  data: Record<string, unknown>;
  ref?: { type: string; id: number };
  reopenTo?: CaseStatus | null;
  /** Side effects after commit (posting to the reporter's thread). */
  after?: () => Promise<void>;
}

/** Another module that takes over consultations triaged at intake (issue 7), registered at start-up. */
export interface ConsultationDesk {
  fromReport(tx: DbOrTx, input: { reportId: number; townshipId: number; orgId: number; consultationType: string; actor: Actor }): Promise<unknown>;
}

/**
 * The station's case work (seed 002 附件4): intake triage, the case state machine of shared/caseFlow,
 * the chronology, and the clocks each step starts or meets. Every step locks the case row, is ruled
 * on by the state machine (409 out of order), and writes its chronology entry and audit row in one
 * transaction.
 */
export class CasesService implements ClockSource {
  private consultationDesk?: ConsultationDesk;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly crypto: FieldCrypto,
    private readonly logger: Logger,
    private readonly org: OrgService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly deadlines: DeadlinesService,
    private readonly referrals: ReferralsService,
    private readonly reports: ReportsService,
    private readonly tasks: TasksService,
    private readonly childFiles: ChildrenService,
  ) {
    deadlines.addSource(this);
    tasks.onComplete((tx, task, by) => this.onTaskComplete(tx, task, by));
  }

  useConsultationDesk(desk: ConsultationDesk): void {
    this.consultationDesk = desk;
  }

  // ================================================================ intake (1 发现报告, 2 分类)

  /** The township's incoming reports with their triage, age and acknowledgement clock. */
  async intake(actor: Actor, q: IntakeQuery & { cursor?: string; limit?: number }): Promise<{ items: IntakeItem[]; nextCursor: string | null }> {
    if (!['supervisor', 'station_head', 'county_admin'].includes(actor.role)) throw AppError.notFound('报告');
    const kind = q.category === 'help' || q.category === 'harm' ? q.category : undefined;
    const page = await this.reports.listIncoming(actor, { status: q.status === 'untriaged' ? 'received' : undefined, kind, cursor: q.cursor, limit: q.limit ?? 30 });
    const ids = page.items.map((i) => i.id);
    const triage = new Map((await casesRepo.triageOfReports(this.db, ids)).map((t) => [t.reportId, t]));
    const caseCodes = new Map((await casesRepo.byIds(this.db, [...triage.values()].flatMap((t) => (t.caseId ? [t.caseId] : [])))).map((c) => [c.id, c.code]));
    const clocks = await this.deadlines.openForSubjects('report', ids);
    const now = this.clock.now();
    const slaCache = new Map<number, Awaited<ReturnType<DeadlinesService['sla']>>>();
    const items: IntakeItem[] = [];
    for (const r of page.items) {
      const t = triage.get(r.id);
      if (q.status === 'triaged' && !t) continue;
      if (q.status === 'untriaged' && t) continue;
      if (q.category && t && t.category !== q.category) continue;
      if (!slaCache.has(r.org.id)) slaCache.set(r.org.id, await this.deadlines.sla(r.org.id));
      const ackDue = clockDueAt('ack', new Date(r.receivedAt), slaCache.get(r.org.id)!);
      const ack = describeDue(ackDue, now);
      const fa = clocks.find((c) => c.subjectId === r.id && c.kind === 'first_answer');
      const item: IntakeItem = {
        ...r,
        kindLabel: IntakeCategory.label(r.kind),
        methodLabel: ReportMethod.label(r.method),
        statusLabel: ReportStatus.label(r.status),
        age: describeAge(new Date(r.receivedAt), now),
        triage: t
          ? {
              category: t.category,
              categoryLabel: IntakeCategory.label(t.category),
              caseId: t.caseId,
              caseCode: t.caseId ? (caseCodes.get(t.caseId) ?? null) : null,
              triagedAt: t.triagedAt.toISOString(),
            }
          : null,
        ackDueAt: ackDue.toISOString(),
        ackOverdue: !t && ack.overdue,
        ackDueText: t ? '已受理' : ack.text,
        firstAnswerDueAt: fa ? fa.dueAt.toISOString() : null,
        firstAnswerOverdue: fa ? fa.dueAt <= now : false,
      };
      if (q.overdue === true && !(item.ackOverdue || item.firstAnswerOverdue)) continue;
      items.push(item);
    }
    return { items, nextCursor: page.nextCursor };
  }

  /**
   * 2 分类: classify a report. A consultation goes to the consultation desk; a help request or harm
   * report opens a case, or is linked to an open case about the same child. The report becomes
   * 已受理 for the reporter, and the acknowledgement clock is met — all in one transaction.
   */
  async triage(actor: Actor, reportId: number, body: TriageRequest): Promise<{ reportId: number; category: string; caseId: number | null; caseCode: string | null }> {
    const role = checkTriage(actor.role, false);
    if (!role.ok) {
      await this.audit.record({ actor, action: 'report.triage', targetType: 'report', targetId: reportId, result: 'denied' });
      throw AppError.forbidden(role.message);
    }
    const report = await this.reports.get(actor, reportId);
    if (actor.orgId !== report.township.id) {
      // Readable by a county admin, but only the receiving station triages.
      throw AppError.forbidden('只有接收报告的乡镇未保站可以分类受理');
    }
    const already = await casesRepo.triageOf(this.db, reportId);
    if (already) {
      const refused = checkTriage(actor.role, true);
      throw new AppError('INVALID_TRANSITION', refused.ok ? '该报告已经分类受理' : refused.message);
    }
    const townshipId = report.township.id;
    const villageId = body.villageId ?? (await this.villageOf(report.org.id));
    if (body.villageId) await this.assertVillageOf(body.villageId, townshipId, 'villageId');
    const now = this.clock.now();
    const sla = await this.deadlines.sla(townshipId);
    const receivedAt = new Date(report.receivedAt);
    const reportedAt = new Date(report.reportedAt);

    const result = await this.db.transaction(async (tx) => {
      try {
        await casesRepo.insertTriage(tx, {
          reportId,
          townshipId,
          category: body.category,
          consultationType: body.consultationType ?? null,
          caseId: null,
          triagedAt: now,
          triagedBy: actor.userId,
          noteEnc: this.crypto.encrypt(body.note),
        });
      } catch (err) {
        if ((err as { cause?: { errno?: number } }).cause?.errno === 1062 || (err as { errno?: number }).errno === 1062)
          throw new AppError('INVALID_TRANSITION', '该报告已经分类受理，不能重复受理');
        throw err;
      }
      // The clocks of the report: acknowledged now; the reporter's first answer still owed.
      await this.deadlines.startOnce(tx, { kind: 'ack', subjectType: 'report', subjectId: reportId, townshipId, startedAt: receivedAt, dueAt: clockDueAt('ack', receivedAt, sla) });
      await this.deadlines.meet(tx, 'ack', 'report', reportId, now);
      await this.deadlines.startOnce(tx, {
        kind: 'first_answer',
        subjectType: 'report',
        subjectId: reportId,
        townshipId,
        ownerUserId: actor.userId,
        startedAt: receivedAt,
        dueAt: clockDueAt('first_answer', receivedAt, sla),
      });

      let caseRow: CaseRow | undefined;
      if (body.category === 'consultation') {
        await this.reports.setStatus(reportId, 'accepted', tx, actor);
        if (this.consultationDesk) {
          await this.consultationDesk.fromReport(tx, { reportId, townshipId, orgId: report.org.id, consultationType: body.consultationType!, actor });
        }
      } else if (body.caseId) {
        caseRow = await this.linkReport(tx, actor, body.caseId, { reportId, reportedAt, townshipId, note: body.note });
      } else {
        const child: Partial<CaseChild> = body.child ?? {
          name: report.content.child?.name,
          sex: report.content.child?.sex,
          age: report.content.child?.age,
          address: report.content.child?.address,
        };
        caseRow = await this.createCase(tx, actor, {
          kind: body.category,
          townshipId,
          villageId,
          child,
          firstReportedAt: reportedAt,
          data: { category: body.category, source: `报告 #${reportId}（${ReportMethod.label(report.method)}）`, note: body.note },
          ref: { type: 'report', id: reportId },
        });
        await casesRepo.linkTriage(tx, reportId, caseRow.id);
        await this.reports.setStatus(reportId, 'accepted', tx, actor);
      }
      if (caseRow) await this.deadlines.setOwner(tx, 'first_answer', 'report', reportId, caseRow.ownerUserId);
      await this.audit.record(
        {
          actor,
          action: 'report.triage',
          targetType: 'report',
          targetId: reportId,
          result: 'ok',
          orgId: townshipId,
          detail: { category: body.category, consultationType: body.consultationType ?? null, caseId: caseRow?.id ?? null },
        },
        tx,
      );
      return { reportId, category: body.category, caseId: caseRow?.id ?? null, caseCode: caseRow?.code ?? null };
    });
    return result;
  }

  /** A consultation (issue 7) turned into a case; idempotent per consultation. Pass `tx` to join the caller's transaction. */
  async openFromConsultation(
    actor: Actor,
    input: { consultationId: number; orgId: number; kind?: 'help' | 'harm'; askedAt: Date; child?: Partial<CaseChild>; note?: string },
    tx?: DbOrTx,
  ): Promise<{ caseId: number; caseCode: string; created: boolean }> {
    const role = checkTriage(actor.role, false);
    if (!role.ok) throw AppError.forbidden('只有儿童督导员和站长可以将咨询转为个案');
    await this.org.assertInScope(actor, input.orgId, { type: 'org', id: input.orgId, what: '村（社区）' });
    const township = await this.org.townshipOf(input.orgId);
    if (!township || township.id !== actor.orgId) throw AppError.notFound('咨询');
    const run = async (t: DbOrTx) => {
      const existing = await casesRepo.byConsultation(t, input.consultationId);
      if (existing) return { caseId: existing.id, caseCode: existing.code, created: false };
      const row = await this.createCase(t, actor, {
        kind: input.kind ?? 'help',
        townshipId: township.id,
        villageId: await this.villageOf(input.orgId),
        child: input.child ?? {},
        firstReportedAt: input.askedAt,
        sourceConsultationId: input.consultationId,
        data: { category: input.kind ?? 'help', source: `咨询 #${input.consultationId}`, note: input.note },
        ref: { type: 'consultation', id: input.consultationId },
      });
      return { caseId: row.id, caseCode: row.code, created: true };
    };
    return tx ? run(tx) : this.db.transaction(run);
  }

  private async createCase(
    tx: DbOrTx,
    actor: Actor,
    input: {
      kind: 'help' | 'harm';
      townshipId: number;
      villageId: number | null;
      child: Partial<CaseChild>;
      firstReportedAt: Date;
      sourceConsultationId?: number;
      data: Record<string, unknown>;
      ref: { type: string; id: number };
    },
  ): Promise<CaseRow> {
    const now = this.clock.now();
    const id = await casesRepo.insert(tx, {
      code: `P${randomToken(9).slice(0, 12)}`,
      kind: input.kind,
      status: 'assessing',
      townshipId: input.townshipId,
      villageId: input.villageId,
      childEnc: this.sealChild(input.child),
      ownerUserId: actor.userId,
      firstReportedAt: input.firstReportedAt,
      sourceConsultationId: input.sourceConsultationId ?? null,
      openedAt: now,
      openedBy: actor.userId,
      updatedAt: now,
    });
    const code = `${chinaDate(now).slice(0, 4)}-${String(id).padStart(6, '0')}`;
    await casesRepo.update(tx, id, { code });
    await this.writeEvent(tx, id, actor, 'open', null, 'assessing', [{ field: 'status', label: CASE_FIELD_LABELS.status, from: null, to: CaseStatus.label('assessing') }], input.data, input.ref);
    await this.audit.record({ actor, action: 'case.open', targetType: 'case', targetId: id, result: 'ok', orgId: input.townshipId, detail: { kind: input.kind, ref: input.ref } }, tx);
    return (await casesRepo.byId(tx, id))!;
  }

  /** Links a report to an open case of the same township (several reports about one child). */
  private async linkReport(tx: DbOrTx, actor: Actor, caseId: number, r: { reportId: number; reportedAt: Date; townshipId: number; note?: string }): Promise<CaseRow> {
    const row = await casesRepo.lockById(tx, caseId);
    if (!row || row.townshipId !== r.townshipId) throw AppError.notFound('个案');
    const decision = checkStep('link_report', await this.context(tx, row, actor));
    if (!decision.ok) throw new AppError(decision.code, decision.message);
    await casesRepo.linkTriage(tx, r.reportId, row.id);
    const changes: FieldChange[] = [];
    if (r.reportedAt < row.firstReportedAt) {
      await casesRepo.update(tx, row.id, { firstReportedAt: r.reportedAt, updatedAt: this.clock.now() });
      changes.push({ field: 'firstReportedAt', label: CASE_FIELD_LABELS.firstReportedAt, from: chinaTime(row.firstReportedAt), to: chinaTime(r.reportedAt) });
    } else {
      await casesRepo.update(tx, row.id, { updatedAt: this.clock.now() });
    }
    await this.writeEvent(tx, row.id, actor, 'link_report', row.status, row.status, changes, { reportId: r.reportId, note: r.note }, { type: 'report', id: r.reportId });
    await this.audit.record({ actor, action: 'case.link_report', targetType: 'case', targetId: row.id, result: 'ok', orgId: row.townshipId, detail: { reportId: r.reportId } }, tx);
    // The reporter sees 已受理, and 处理中 when the case is already being worked.
    await this.reports.setStatus(r.reportId, row.harmSuspected === null ? 'accepted' : 'in_progress', tx, actor);
    return row;
  }

  // ================================================================ reads

  /** Case detail for township staff, or the restricted view for the child's village director; audited. */
  async detail(actor: Actor, caseId: number, opts: { audit?: boolean } = {}): Promise<CaseDetail | DirectorCaseView> {
    const row = await casesRepo.byId(this.db, caseId);
    if (!row) throw AppError.notFound('个案');
    await this.assertCanSee(actor, row);
    if (opts.audit !== false)
      await this.audit.record({ actor, action: 'case.view', targetType: 'case', targetId: row.id, result: 'ok', orgId: row.townshipId, detail: actor.role === 'director' ? { restricted: true } : undefined });
    if (actor.role === 'director') return this.directorView(actor, row);
    return this.staffView(actor, row);
  }

  private async directorView(actor: Actor, row: CaseRow): Promise<DirectorCaseView> {
    const village = row.villageId ? await this.org.get(row.villageId) : undefined;
    const tasks = (await this.tasks.forCase(row.id)).filter((t) => t.orgId === actor.orgId);
    return {
      restricted: true,
      id: row.id,
      code: row.code,
      kindLabel: CaseKind.label(row.kind),
      status: row.status,
      statusLabel: CaseStatus.label(row.status),
      riskLevel: row.riskLevel,
      riskLabel: row.riskLevel ? RiskLevel.label(row.riskLevel) : null,
      serious: row.serious,
      village: village ? { id: village.id, name: village.name } : null,
      child: this.openChild(row.childEnc),
      tasks,
      allowedSteps: [],
    };
  }

  private async staffView(actor: Actor, row: CaseRow): Promise<CaseDetail> {
    const [township, village, reports, referrals, tasks, clocks, events, ctx] = await Promise.all([
      this.org.get(row.townshipId),
      row.villageId ? this.org.get(row.villageId) : Promise.resolve(undefined),
      casesRepo.reportsOfCase(this.db, row.id),
      this.referrals.forCase(row.id),
      this.tasks.forCase(row.id),
      this.deadlines.allForCase(row.id),
      casesRepo.events(this.db, row.id),
      this.context(this.db, row, actor),
    ]);
    const names = await this.users.names([row.ownerUserId, ...(row.socialWorkerUserId ? [row.socialWorkerUserId] : [])]);
    const now = this.clock.now();
    // Open clocks, and the ones that ran out (met late or still open) for the record.
    const shown = clocks.filter((c) => (!c.metAt && !c.cancelledAt) || c.breachedAt);
    return {
      restricted: false,
      id: row.id,
      code: row.code,
      kind: row.kind,
      kindLabel: CaseKind.label(row.kind),
      status: row.status,
      statusLabel: CaseStatus.label(row.status),
      stage: CASE_STATUS_STAGE[row.status],
      readOnly: row.status === 'archived',
      riskLevel: row.riskLevel,
      riskLabel: row.riskLevel ? RiskLevel.label(row.riskLevel) : null,
      harmSuspected: row.harmSuspected,
      serious: row.serious,
      township: { id: row.townshipId, name: township?.name ?? '' },
      village: village ? { id: village.id, name: village.name } : null,
      childId: row.childId,
      child: this.openChild(row.childEnc),
      owner: { id: row.ownerUserId, name: names.get(row.ownerUserId) ?? '' },
      socialWorker: row.socialWorkerUserId ? { id: row.socialWorkerUserId, name: names.get(row.socialWorkerUserId) ?? '' } : null,
      followUpIntervalDays: row.followUpIntervalDays,
      followUpFinished: row.followUpFinished,
      firstReportedAt: row.firstReportedAt.toISOString(),
      openedAt: row.openedAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      archivedAt: row.archivedAt?.toISOString() ?? null,
      summary: this.crypto.decrypt(row.summaryEnc),
      reopenCount: row.reopenCount,
      sourceConsultationId: row.sourceConsultationId,
      reports: reports.map((t) => ({ reportId: t.reportId, category: t.category, categoryLabel: IntakeCategory.label(t.category), triagedAt: t.triagedAt.toISOString() })),
      referrals,
      tasks,
      clocks: (await this.deadlines.views(shown, now)).map((v) => {
        const c = shown.find((x) => x.id === v.id)!;
        return c.metAt || c.cancelledAt ? { ...v, overdue: false, dueText: c.metAt ? `已完成（超时）` : '已停止' } : v;
      }),
      events: events.map((e) => {
        const data = (e.dataEnc ? JSON.parse(this.crypto.decrypt(e.dataEnc) ?? '{}') : {}) as { changes?: FieldChange[]; input?: Record<string, unknown> };
        return {
          id: e.id,
          at: e.at.toISOString(),
          step: e.step,
          stepLabel: e.step === 'task_done' ? '任务完成' : (CaseStep.labels[e.step as CaseStep] ?? e.step),
          actorName: e.actorName,
          actorRole: e.actorRole,
          fromStatus: e.fromStatus,
          toStatus: e.toStatus,
          changes: data.changes ?? [],
          lines: eventLines(e.step, data.input ?? {}),
        };
      }),
      allowedSteps: allowedSteps(ctx).map((s) => ({ step: s, label: CaseStep.label(s), suggested: SUGGESTED_STEPS[row.status].includes(s) })),
    };
  }

  /** Cases in the actor's reach, newest first; a director sees the cases of their village. */
  async list(actor: Actor, q: CaseListQuery): Promise<{ items: CaseListItem[]; nextCursor: number | null }> {
    if (actor.role === 'public') throw AppError.notFound('个案');
    let overdueCaseIds: number[] | undefined;
    const open = await this.deadlines.listFor(actor, {});
    if (q.overdue) overdueCaseIds = [...new Set(open.filter((c) => c.overdue && c.caseId).map((c) => c.caseId!))];
    const rows =
      actor.role === 'director'
        ? await casesRepo.list(this.db, { townshipIds: [], villageId: actor.orgId ?? -1, status: q.status, ids: overdueCaseIds, before: q.before, limit: q.limit + 1 })
        : await casesRepo.list(this.db, {
            townshipIds: await this.townshipsOf(actor),
            status: q.status,
            userId: q.mine ? actor.userId : undefined,
            ids: overdueCaseIds,
            before: q.before,
            limit: q.limit + 1,
          });
    const page = rows.slice(0, q.limit);
    const names = await this.users.names(page.map((r) => r.ownerUserId));
    const villages = new Map((await this.org.all()).map((o) => [o.id, o.name]));
    const now = this.clock.now();
    const items = page.map((r): CaseListItem => {
      const clocks = open.filter((c) => c.caseId === r.id).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
      const next = clocks[0];
      const child = this.openChild(r.childEnc);
      return {
        id: r.id,
        code: r.code,
        kind: r.kind,
        kindLabel: CaseKind.label(r.kind),
        status: r.status,
        statusLabel: CaseStatus.label(r.status),
        riskLevel: r.riskLevel,
        riskLabel: r.riskLevel ? RiskLevel.label(r.riskLevel) : null,
        serious: r.serious,
        villageName: r.villageId ? (villages.get(r.villageId) ?? null) : null,
        childName: child?.name ?? null,
        ownerName: actor.role === 'director' ? null : (names.get(r.ownerUserId) ?? null),
        openedAt: r.openedAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
        overdue: clocks.some((c) => c.overdue),
        nextDue: next ? { kindLabel: next.kindLabel, dueAt: next.dueAt, dueText: describeDue(new Date(next.dueAt), now).text, overdue: next.overdue } : null,
      };
    });
    return { items, nextCursor: rows.length > q.limit ? page[page.length - 1].id : null };
  }

  /** Open cases of the actor's township, to link another report about the same child. */
  async linkable(actor: Actor): Promise<{ id: number; code: string; statusLabel: string; childName: string | null; villageName: string | null }[]> {
    if (!(STATION_ROLES as readonly string[]).includes(actor.role) || !actor.orgId) return [];
    const rows = await casesRepo.activeInTownship(this.db, actor.orgId, 100);
    const villages = new Map((await this.org.all()).map((o) => [o.id, o.name]));
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      statusLabel: CaseStatus.label(r.status),
      childName: this.openChild(r.childEnc)?.name ?? null,
      villageName: r.villageId ? (villages.get(r.villageId) ?? null) : null,
    }));
  }

  /** Who can be named on a case (owner, social worker, task assignee), for the assign and dispatch forms. */
  async assignable(actor: Actor, caseId: number): Promise<{ owners: StaffOption[]; socialWorkers: StaffOption[]; directors: StaffOption[]; villages: StaffOption[] }> {
    const row = await casesRepo.byId(this.db, caseId);
    if (!row) throw AppError.notFound('个案');
    if (actor.role === 'director') throw AppError.notFound('个案');
    await this.assertCanSee(actor, row);
    const [sups, heads, workers, directors, villages] = await Promise.all([
      this.users.staffOf(row.townshipId, 'supervisor'),
      this.users.staffOf(row.townshipId, 'station_head'),
      this.users.staffOf(row.townshipId, 'social_worker'),
      row.villageId ? this.users.staffOf(row.villageId, 'director') : Promise.resolve([]),
      this.org.children(row.townshipId),
    ]);
    const opt = (u: { id: number; name: string }) => ({ id: u.id, name: u.name });
    return {
      owners: [...sups, ...heads].map(opt),
      socialWorkers: workers.map(opt),
      directors: directors.map(opt),
      villages: villages.filter((v) => v.level === 'village').map(opt),
    };
  }

  // ================================================================ steps

  /**
   * Takes one step on a case: scope (404), the state machine (403 for the role, 409 out of order),
   * then the step itself, its chronology entry and audit row in one transaction.
   */
  async step<S extends WorkStep>(actor: Actor, caseId: number, step: S, input: StepInputs[S]): Promise<CaseDetail | DirectorCaseView> {
    const pre = await casesRepo.byId(this.db, caseId);
    if (!pre) throw AppError.notFound('个案');
    await this.assertCanSee(actor, pre);
    let after: (() => Promise<void>) | undefined;
    try {
      await this.db.transaction(async (tx) => {
        const row = (await casesRepo.lockById(tx, caseId))!;
        const ctx = await this.context(tx, row, actor);
        const decision = checkStep(step, ctx);
        if (!decision.ok) throw new AppError(decision.code, decision.message);
        const out = await this.perform(tx, actor, row, step, input, ctx);
        const to = nextStatus(step, row.status, {
          riskLevel: step === 'assess' ? (input as AssessmentInput).riskLevel : undefined,
          reopenTo: out.reopenTo,
        });
        const set: Partial<CaseInsert> = { ...out.set, status: to, updatedAt: this.clock.now() };
        const changes = await this.diff(row, set);
        await casesRepo.update(tx, row.id, set);
        await this.writeEvent(tx, row.id, actor, step, row.status, to, changes, out.data, out.ref);
        await this.audit.record(
          { actor, action: `case.${step}`, targetType: 'case', targetId: row.id, result: 'ok', orgId: row.townshipId, detail: { from: row.status, to, fields: changes.map((c) => c.field) } },
          tx,
        );
        if (to !== row.status && to !== 'archived') await this.onStatusChanged(tx, actor, { ...row, ...set } as CaseRow);
        after = out.after;
      });
    } catch (err) {
      if (err instanceof AppError && (err.code === 'FORBIDDEN' || err.code === 'INVALID_TRANSITION'))
        await this.audit.record({ actor, action: `case.${step}`, targetType: 'case', targetId: caseId, result: 'denied', orgId: pre.townshipId, detail: { reason: err.message } });
      throw err;
    }
    if (after) {
      try {
        await after();
      } catch (err) {
        // Retried by the deadline sweep (outcome clocks); the step itself is committed.
        this.logger.warn({ err: (err as Error).message, caseId }, 'case step side effect failed');
      }
    }
    return this.detail(actor, caseId, { audit: false });
  }

  private async perform(tx: DbOrTx, actor: Actor, row: CaseRow, step: WorkStep, input: unknown, ctx: StepContext): Promise<StepOutcome> {
    const now = this.clock.now();
    const sla = await this.deadlines.sla(row.townshipId);
    switch (step) {
      case 'link_report': {
        const { reportId, note } = input as LinkReportInput;
        const report = await this.reports.get(actor, reportId);
        if (report.township.id !== row.townshipId) throw AppError.notFound('报告');
        if (await casesRepo.triageOf(tx, reportId)) throw new AppError('INVALID_TRANSITION', '该报告已经分类受理，请在报告所在的个案中查看');
        await casesRepo.insertTriage(tx, { reportId, townshipId: row.townshipId, category: row.kind, caseId: row.id, triagedAt: now, triagedBy: actor.userId, noteEnc: this.crypto.encrypt(note) });
        const receivedAt = new Date(report.receivedAt);
        await this.deadlines.startOnce(tx, { kind: 'ack', subjectType: 'report', subjectId: reportId, townshipId: row.townshipId, startedAt: receivedAt, dueAt: clockDueAt('ack', receivedAt, sla) });
        await this.deadlines.meet(tx, 'ack', 'report', reportId, now);
        await this.deadlines.startOnce(tx, {
          kind: 'first_answer',
          subjectType: 'report',
          subjectId: reportId,
          townshipId: row.townshipId,
          ownerUserId: row.ownerUserId,
          startedAt: receivedAt,
          dueAt: clockDueAt('first_answer', receivedAt, sla),
        });
        await this.reports.setStatus(reportId, ctx.assessed ? 'in_progress' : 'accepted', tx, actor);
        const reportedAt = new Date(report.reportedAt);
        return { set: reportedAt < row.firstReportedAt ? { firstReportedAt: reportedAt } : {}, data: { reportId, note }, ref: { type: 'report', id: reportId } };
      }

      case 'assign': {
        const a = input as AssignInput;
        const set: Partial<CaseInsert> = {};
        if (a.ownerUserId !== undefined) {
          await this.assertStaff(a.ownerUserId, row.townshipId, ['supervisor', 'station_head'], 'ownerUserId', '负责人须是本站的儿童督导员或站长');
          set.ownerUserId = a.ownerUserId;
        }
        if (a.socialWorkerUserId !== undefined) {
          if (a.socialWorkerUserId !== null) await this.assertStaff(a.socialWorkerUserId, row.townshipId, ['social_worker'], 'socialWorkerUserId', '儿童社工须是本站的儿童社工');
          set.socialWorkerUserId = a.socialWorkerUserId;
        }
        if (a.villageId !== undefined) {
          await this.assertVillageOf(a.villageId, row.townshipId, 'villageId');
          set.villageId = a.villageId;
        }
        if (a.childId !== undefined) {
          if (a.childId !== null) await this.assertLinkableChild(actor, a.childId, tx);
          set.childId = a.childId;
        }
        if (a.child !== undefined) set.childEnc = this.sealChild({ ...this.openChild(row.childEnc), ...a.child });
        const owner = set.ownerUserId ?? row.ownerUserId;
        if (set.ownerUserId !== undefined) {
          for (const c of await this.deadlines.allForCase(row.id, tx)) {
            if (!c.metAt && !c.cancelledAt && (c.kind === 'first_visit' || c.kind === 'referral_stale')) await this.deadlines.setOwner(tx, c.kind, c.subjectType as 'case' | 'referral', c.subjectId, owner);
          }
        }
        if (set.ownerUserId !== undefined || set.socialWorkerUserId !== undefined) {
          await this.deadlines.setOwner(tx, 'follow_up', 'case', row.id, (set.socialWorkerUserId === undefined ? row.socialWorkerUserId : set.socialWorkerUserId) ?? owner);
        }
        const names = await this.users.names([a.ownerUserId, a.socialWorkerUserId].filter((x): x is number => !!x));
        for (const uid of [a.ownerUserId, a.socialWorkerUserId]) {
          if (uid && uid !== actor.userId)
            await this.notifications.enqueue(tx, { userId: uid, kind: 'case.assigned', title: '您被指定负责一个个案', body: `个案 ${row.code}`, link: CASE_LINK(row.id) });
        }
        return { set, data: { ownerName: a.ownerUserId ? names.get(a.ownerUserId) : undefined } };
      }

      case 'assess': {
        const a = input as AssessmentInput;
        const interval = followUpIntervalDays(a.riskLevel, sla, a.followUpIntervalDays);
        // Serious violence or unlawful harm: first home visit within 24 h of the REPORT (seed 002 §5.2).
        if (a.serious) {
          const done = (await this.tasks.forCase(row.id)).find((t) => t.kind === 'first_visit' && t.status === 'done');
          const runs = (await this.deadlines.allForCase(row.id, tx)).filter((c) => c.kind === 'first_visit');
          // Already running, or already met: nothing to start. (A run cancelled by an earlier
          // "not serious" assessment is started again: the anchor stays the report time.)
          const started = !runs.some((c) => c.metAt || (!c.cancelledAt && !c.metAt)) && await this.deadlines.start(tx, {
            kind: 'first_visit',
            subjectType: 'case',
            subjectId: row.id,
            caseId: row.id,
            townshipId: row.townshipId,
            ownerUserId: row.ownerUserId,
            startedAt: row.firstReportedAt,
            dueAt: clockDueAt('first_visit', row.firstReportedAt, sla),
          });
          if (started && done) await this.deadlines.meet(tx, 'first_visit', 'case', row.id, new Date(done.completedAt!));
        } else {
          await this.deadlines.cancel(tx, 'first_visit', 'case', row.id, now);
        }
        // The follow-up plan the assessment sets.
        await this.deadlines.cancel(tx, 'follow_up', 'case', row.id, now);
        if (!row.followUpFinished) {
          await this.startFollowUp(tx, row, now, clockDueAt('follow_up', now, sla, interval));
        }
        // The reporters see 处理中 once the case is being worked.
        for (const t of await casesRepo.reportsOfCase(tx, row.id)) await this.reports.setStatus(t.reportId, 'in_progress', tx, actor);
        return {
          set: { harmSuspected: a.harmSuspected, riskLevel: a.riskLevel, serious: a.serious, followUpIntervalDays: interval },
          data: { ...a, followUpIntervalDays: interval },
        };
      }

      case 'police_call':
      case 'intervene':
      case 'support':
      case 'note':
        return { data: { ...(input as Record<string, unknown>) } };

      case 'conference': {
        const c = input as ConferenceInput;
        if (c.escalateToCounty) {
          const township = await this.org.get(row.townshipId, tx);
          const countyId = township?.parentId;
          if (countyId) {
            for (const u of await this.users.staffOf(countyId, 'county_admin', tx))
              await this.notifications.enqueue(tx, { userId: u.id, kind: 'case.conference_escalated', title: '乡镇未保站提请个案会商', body: `个案 ${row.code}`, link: CASE_LINK(row.id) });
          }
        }
        return { data: { ...c } };
      }

      case 'dispatch_task': {
        const d = input as DispatchTaskInput;
        let dueAt = d.dueAt;
        if (d.kind === 'first_visit' && row.serious) {
          const limit = clockDueAt('first_visit', row.firstReportedAt, sla);
          if (dueAt && dueAt > limit)
            throw AppError.validation('dueAt', `严重家庭暴力或不法侵害个案，首次家访须在接到报告后${sla.seriousFirstVisitHours}小时内完成（最迟 ${chinaTime(limit)}）`);
          dueAt = dueAt ?? limit;
        }
        if (!dueAt) {
          const followUp = d.kind === 'follow_up' ? await this.deadlines.openFor('follow_up', 'case', row.id, tx) : undefined;
          dueAt = followUp && followUp.dueAt > now ? followUp.dueAt : clockDueAt('first_answer', now, sla);
        }
        if (dueAt.getTime() < now.getTime() - 60_000 && !(d.kind === 'first_visit' && row.serious))
          throw AppError.validation('dueAt', '完成时限不能早于现在');
        if (d.assigneeUserId) await this.assertTaskAssignee(d.assigneeUserId, row);
        const task = await this.tasks.create(tx, {
          kind: d.kind,
          orgId: row.villageId!,
          assigneeUserId: d.assigneeUserId ?? null,
          childId: row.childId,
          caseId: row.id,
          title: CaseTaskKind.label(d.kind),
          reason: d.reason,
          dueAt,
          source: 'case',
          actor,
        });
        const names = task.assigneeUserId ? await this.users.names([task.assigneeUserId]) : new Map<number, string>();
        return {
          data: { kind: d.kind, reason: d.reason, dueAt: dueAt.toISOString(), assigneeName: task.assigneeUserId ? names.get(task.assigneeUserId) : '本村儿童主任' },
          ref: { type: 'task', id: task.id },
        };
      }

      case 'refer': {
        const r = input as ReferralInput;
        const id = await this.referrals.create(tx, { caseId: row.id, townshipId: row.townshipId, ownerUserId: row.ownerUserId, sentBy: actor.userId, referral: r });
        return { data: { ...r }, ref: { type: 'referral', id } };
      }

      case 'referral_update': {
        const u = input as ReferralUpdateInput;
        const moved = await this.referrals.move(tx, row.id, row.ownerUserId, u);
        const ref = await this.referrals.get(u.referralId, tx);
        return { data: { ...u, unit: ref?.unit, from: moved.from, to: moved.to }, ref: { type: 'referral', id: u.referralId } };
      }

      case 'follow_up': {
        const f = input as FollowUpInput;
        if (f.visitedAt > new Date(now.getTime() + 60_000)) throw AppError.validation('visitedAt', '回访时间不能晚于现在');
        await this.deadlines.meet(tx, 'follow_up', 'case', row.id, now);
        if (!f.planFinished) {
          await this.startFollowUp(tx, row, now, clockDueAt('follow_up', now, sla, row.followUpIntervalDays ?? sla.visitIntervalDays.medium));
        }
        return { set: f.planFinished ? { followUpFinished: true } : {}, data: { ...f } };
      }

      case 'answer_reporter': {
        const { message } = input as AnswerReporterInput;
        const linked = await casesRepo.reportsOfCase(tx, row.id);
        // Posted on each reporter's thread first (the reports module's own transaction), then recorded.
        for (const t of linked) {
          await this.reports.postStationMessage(actor, t.reportId, message);
          await this.deadlines.meet(tx, 'first_answer', 'report', t.reportId, now);
        }
        return { data: { message, reports: linked.map((t) => t.reportId) } };
      }

      case 'archive': {
        const a = input as ArchiveInput;
        const linked = await casesRepo.reportsOfCase(tx, row.id);
        if (linked.length > 0 && !a.outcomeForReporter)
          throw AppError.validation('outcomeForReporter', '请填写告知报告人的处理结果（未成年人保护法第十一条：应当告知报告人处理结果）');
        for (const t of linked) {
          await this.reports.setStatus(t.reportId, 'closed', tx, actor);
          // The outcome message is owed to the reporter: a clock that the post right after commit meets,
          // and that the deadline sweep retries if the process stopped in between.
          await this.deadlines.meet(tx, 'first_answer', 'report', t.reportId, now);
          await this.deadlines.start(tx, {
            kind: 'outcome_answer',
            subjectType: 'report',
            subjectId: t.reportId,
            caseId: row.id,
            townshipId: row.townshipId,
            ownerUserId: actor.userId,
            startedAt: now,
            dueAt: clockDueAt('outcome_answer', now, sla),
          });
        }
        // Read-only from now: every other clock stops, open tasks are withdrawn — and the chronology
        // says which, so nothing stops silently.
        const stoppedClocks: string[] = [];
        for (const c of await this.deadlines.allForCase(row.id, tx)) {
          if (c.metAt || c.cancelledAt || c.kind === 'outcome_answer') continue;
          await this.deadlines.cancel(tx, c.kind as 'follow_up', c.subjectType as 'case', c.subjectId, now);
          stoppedClocks.push(`${ClockKind.label(c.kind as 'follow_up')}（截止 ${chinaTime(c.dueAt)}${c.dueAt <= now ? '，已超时' : ''}）`);
        }
        const withdrawn: string[] = [];
        for (const t of await this.tasks.forCase(row.id)) {
          if (t.status !== 'open') continue;
          await this.tasks.cancel(tx, { taskId: t.id, actor, reason: '个案已归档' });
          withdrawn.push(`${t.kindLabel}（${t.assigneeName ?? t.orgName}）`);
        }
        const outcome = a.outcomeForReporter;
        return {
          set: { archivedAt: now, archivedBy: actor.userId, archivedFrom: row.status, summaryEnc: this.crypto.encrypt(a.summary) },
          data: { ...a, stoppedClocks, withdrawnTasks: withdrawn },
          after: outcome && linked.length ? () => this.postOutcome(actor, row.id, linked.map((t) => t.reportId), outcome) : undefined,
        };
      }

      case 'reopen': {
        const r = input as ReopenInput;
        const to = row.archivedFrom && row.archivedFrom !== 'archived' ? row.archivedFrom : 'follow_up';
        if (!row.followUpFinished && row.riskLevel) {
          await this.startFollowUp(tx, row, now, clockDueAt('follow_up', now, sla, row.followUpIntervalDays ?? undefined));
        }
        for (const uid of new Set([row.ownerUserId, ...(row.socialWorkerUserId ? [row.socialWorkerUserId] : [])]))
          if (uid !== actor.userId) await this.notifications.enqueue(tx, { userId: uid, kind: 'case.reopened', title: '个案已重新开启', body: `个案 ${row.code}`, link: CASE_LINK(row.id) });
        return { set: { archivedAt: null, archivedBy: null, archivedFrom: null, reopenCount: row.reopenCount + 1 }, data: { reason: r.reason, reopenTo: to }, reopenTo: to };
      }
    }
  }

  /** Posts the closing outcome on each reporter's thread and meets its clock. */
  private async postOutcome(actor: Actor, caseId: number, reportIds: number[], outcome: string): Promise<void> {
    for (const reportId of reportIds) {
      const clock = await this.deadlines.openFor('outcome_answer', 'report', reportId);
      if (!clock) continue;
      await this.reports.postStationMessage(actor, reportId, outcome);
      await this.db.transaction((tx) => this.deadlines.meet(tx, 'outcome_answer', 'report', reportId, this.clock.now()));
    }
    this.logger.info({ caseId, reports: reportIds.length }, 'case outcome told to reporters');
  }

  /** A status change: the owner hears of it when someone else moved the case. */
  private async onStatusChanged(tx: DbOrTx, actor: Actor, row: CaseRow): Promise<void> {
    if (row.ownerUserId !== actor.userId)
      await this.notifications.enqueue(tx, { userId: row.ownerUserId, kind: 'case.status', title: `个案进入「${CaseStatus.label(row.status)}」阶段`, body: `个案 ${row.code}`, link: CASE_LINK(row.id) });
  }

  /** A task of the case was completed (tasks module, same transaction): chronology and clocks. */
  private async onTaskComplete(tx: DbOrTx, task: TaskRow, by: Actor): Promise<void> {
    if (!task.caseId) return;
    const row = await casesRepo.byId(tx, task.caseId);
    if (!row) return;
    const now = this.clock.now();
    if (task.kind === 'first_visit') await this.deadlines.meet(tx, 'first_visit', 'case', row.id, now);
    if (task.kind === 'follow_up' && row.status !== 'archived') {
      await this.deadlines.meet(tx, 'follow_up', 'case', row.id, now);
      if (!row.followUpFinished && row.followUpIntervalDays) {
        const sla = await this.deadlines.sla(row.townshipId);
        await this.startFollowUp(tx, row, now, clockDueAt('follow_up', now, sla, row.followUpIntervalDays));
      }
    }
    await this.writeEvent(tx, row.id, by, 'task_done', row.status, row.status, [], { kind: task.kind, by: by.name }, { type: 'task', id: task.id });
    if (row.ownerUserId !== by.userId)
      await this.notifications.enqueue(tx, { userId: row.ownerUserId, kind: 'case.task_done', title: `任务已完成：${CaseTaskKind.labels[task.kind as 'first_visit'] ?? '任务'}`, body: `个案 ${row.code}`, link: CASE_LINK(row.id) });
  }

  // ================================================================ clocks (ClockSource)

  /**
   * Starts the acknowledgement and first-answer clocks of reports that arrived, meets first-answer
   * clocks answered on the thread, and retries outcome messages not posted after an archive.
   */
  async syncClocks(now: Date): Promise<void> {
    const counties = (await this.org.all()).filter((o) => o.level === 'county');
    for (const county of counties) {
      const sys = this.systemActor(county);
      let cursor: string | undefined;
      for (let page = 0; page < 100; page++) {
        const res = await this.reports.listIncoming(sys, { status: 'received', limit: 50, cursor });
        const ids = res.items.map((i) => i.id);
        const hasAck = await this.deadlines.subjectsWithClock('ack', 'report', ids);
        const triaged = new Set((await casesRepo.triageOfReports(this.db, ids)).map((t) => t.reportId));
        for (const item of res.items) {
          if (hasAck.has(item.id) || triaged.has(item.id)) continue;
          const township = await this.org.townshipOf(item.org.id);
          if (!township) continue;
          const sla = await this.deadlines.sla(township.id);
          const receivedAt = new Date(item.receivedAt);
          await this.db.transaction(async (tx) => {
            await this.deadlines.startOnce(tx, { kind: 'ack', subjectType: 'report', subjectId: item.id, townshipId: township.id, startedAt: receivedAt, dueAt: clockDueAt('ack', receivedAt, sla) });
            await this.deadlines.startOnce(tx, {
              kind: 'first_answer',
              subjectType: 'report',
              subjectId: item.id,
              townshipId: township.id,
              startedAt: receivedAt,
              dueAt: clockDueAt('first_answer', receivedAt, sla),
            });
          });
        }
        if (!res.nextCursor) break;
        cursor = res.nextCursor;
      }
    }
    // The reporter's first answer: any station message on the thread after the report arrived.
    for (const clock of await this.deadlines.openOfKind('first_answer')) {
      const view = await this.reports.reporterView(clock.subjectId).catch(() => undefined);
      const answer = view?.messages.find((m) => m.from === 'station' && new Date(m.at) >= clock.startedAt);
      if (answer) await this.db.transaction((tx) => this.deadlines.meet(tx, 'first_answer', 'report', clock.subjectId, new Date(answer.at)));
    }
    // The outcome at closing: posted right after the archive; retried here if that did not happen.
    for (const clock of await this.deadlines.openOfKind('outcome_answer')) {
      const view = await this.reports.reporterView(clock.subjectId).catch(() => undefined);
      if (!view) continue;
      const told = view.messages.find((m) => m.from === 'station' && new Date(m.at) >= clock.startedAt);
      if (told) {
        await this.db.transaction((tx) => this.deadlines.meet(tx, 'outcome_answer', 'report', clock.subjectId, new Date(told.at)));
        continue;
      }
      if (now.getTime() - clock.startedAt.getTime() < OUTCOME_RETRY_AFTER_MS || !clock.caseId) continue;
      const outcome = await this.archivedOutcome(clock.caseId);
      const poster = clock.ownerUserId ? await this.actorFor(clock.ownerUserId) : undefined;
      if (!outcome || !poster) continue;
      try {
        await this.reports.postStationMessage(poster, clock.subjectId, outcome);
        await this.db.transaction((tx) => this.deadlines.meet(tx, 'outcome_answer', 'report', clock.subjectId, this.clock.now()));
      } catch (err) {
        this.logger.warn({ err: (err as Error).message, reportId: clock.subjectId }, 'outcome retry failed');
      }
    }
  }

  async describeClocks(rows: ClockRow[]): Promise<Map<number, ClockLabel>> {
    const caseIds = [...new Set(rows.flatMap((r) => (r.caseId ? [r.caseId] : r.subjectType === 'case' ? [r.subjectId] : [])))];
    const codes = new Map((await casesRepo.byIds(this.db, caseIds)).map((c) => [c.id, c.code]));
    const out = new Map<number, ClockLabel>();
    for (const r of rows) {
      const caseId = r.caseId ?? (r.subjectType === 'case' ? r.subjectId : null);
      if (r.subjectType === 'report') {
        out.set(r.id, { subject: caseId && codes.get(caseId) ? `个案 ${codes.get(caseId)} 的报告 #${r.subjectId}` : `报告 #${r.subjectId}`, link: caseId ? CASE_LINK(caseId) : REPORT_LINK(r.subjectId) });
      } else if (caseId) {
        out.set(r.id, { subject: `个案 ${codes.get(caseId) ?? caseId}${r.subjectType === 'referral' ? ` 的转介 #${r.subjectId}` : ''}`, link: CASE_LINK(caseId) });
      }
    }
    return out;
  }

  private async archivedOutcome(caseId: number): Promise<string | null> {
    const events = await casesRepo.events(this.db, caseId);
    const last = [...events].reverse().find((e) => e.step === 'archive');
    if (!last?.dataEnc) return null;
    const data = JSON.parse(this.crypto.decrypt(last.dataEnc) ?? '{}') as { input?: { outcomeForReporter?: string } };
    return data.input?.outcomeForReporter ?? null;
  }

  /** The county-wide reader the sweep lists incoming reports as (nothing is audited as a person). */
  private systemActor(county: OrgRow): Actor {
    return { userId: 0, role: 'county_admin', name: '系统', orgId: county.id, orgPath: county.path, orgLevel: 'county', sessionId: 'deadline-sweep' };
  }

  private async actorFor(userId: number): Promise<Actor | undefined> {
    const user = await this.users.byId(userId);
    if (!user || !user.active || user.orgId === null) return undefined;
    const org = await this.org.get(user.orgId);
    if (!org) return undefined;
    return { userId: user.id, role: user.role as Actor['role'], name: user.name, orgId: org.id, orgPath: org.path, orgLevel: org.level, sessionId: 'deadline-sweep' };
  }

  // ================================================================ helpers

  /** 404 unless township staff of the case's township (or above), or the director of the child's village. */
  private async assertCanSee(actor: Actor, row: CaseRow): Promise<void> {
    if (actor.role === 'public') throw AppError.notFound('个案');
    if (actor.role === 'director') {
      await this.org.assertInScope(actor, row.villageId, { type: 'case', id: row.id, what: '个案' });
      return;
    }
    await this.org.assertInScope(actor, row.townshipId, { type: 'case', id: row.id, what: '个案' });
  }

  private async context(db: DbOrTx, row: CaseRow, actor: Actor): Promise<StepContext> {
    return {
      status: row.status,
      role: actor.role,
      assigned: row.ownerUserId === actor.userId || row.socialWorkerUserId === actor.userId,
      openReferrals: await this.referrals.openCount(row.id, db),
      linkedReports: (await casesRepo.linkedCounts(db, [row.id])).get(row.id) ?? 0,
      assessed: row.riskLevel !== null,
      hasVillage: row.villageId !== null,
    };
  }

  private async townshipsOf(actor: Actor): Promise<number[]> {
    if (actor.orgLevel === 'township' && actor.orgId) return [actor.orgId];
    return (await this.org.tree(actor)).filter((o) => o.level === 'township').map((o) => o.id);
  }

  private async villageOf(orgId: number): Promise<number | null> {
    const org = await this.org.get(orgId);
    return org?.level === 'village' ? org.id : null;
  }

  /** (Re)starts the case's follow-up visit clock from `now`, owned by its social worker, else its owner. */
  private startFollowUp(tx: DbOrTx, row: CaseRow, now: Date, dueAt: Date) {
    return this.deadlines.start(tx, {
      kind: 'follow_up',
      subjectType: 'case',
      subjectId: row.id,
      caseId: row.id,
      townshipId: row.townshipId,
      ownerUserId: row.socialWorkerUserId ?? row.ownerUserId,
      startedAt: now,
      dueAt,
    });
  }

  /** A case may link only a child file the actor can read (same township scope). */
  private async assertLinkableChild(actor: Actor, childId: number, tx: DbOrTx): Promise<void> {
    try {
      await this.childFiles.readable(actor, childId, tx);
    } catch (err) {
      if (err instanceof AppError && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN')) {
        throw AppError.validation('childId', '所选儿童档案不存在或不在本站范围内');
      }
      throw err;
    }
  }

  private async assertVillageOf(villageId: number, townshipId: number, field: string): Promise<void> {
    const v = await this.org.get(villageId);
    if (!v || v.level !== 'village' || v.parentId !== townshipId) throw AppError.validation(field, '所选村（社区）不属于本乡镇');
  }

  private async assertStaff(userId: number, townshipId: number, roles: string[], field: string, message: string): Promise<void> {
    const u = await this.users.byId(userId);
    if (!u || !u.active || u.orgId !== townshipId || !roles.includes(u.role)) throw AppError.validation(field, message);
  }

  private async assertTaskAssignee(userId: number, row: CaseRow): Promise<void> {
    const u = await this.users.byId(userId);
    const ok = !!u && u.active && ((u.role === 'director' && u.orgId === row.villageId) || (['social_worker', 'supervisor'].includes(u.role) && u.orgId === row.townshipId));
    if (!ok) throw AppError.validation('assigneeUserId', '执行人须是该村（社区）的儿童主任，或本站的儿童社工、督导员');
  }

  private sealChild(child: Partial<CaseChild> | undefined): string | null {
    if (!child) return null;
    const clean = Object.fromEntries(Object.entries(child).filter(([, v]) => v !== undefined && v !== ''));
    return Object.keys(clean).length ? this.crypto.encrypt(JSON.stringify(clean)) : null;
  }

  private openChild(enc: string | null): CaseChild | null {
    const plain = this.crypto.decrypt(enc);
    return plain ? (JSON.parse(plain) as CaseChild) : null;
  }

  /** The fields a step changes, in words (user and village names resolved). */
  private async diff(row: CaseRow, set: Partial<CaseInsert>): Promise<FieldChange[]> {
    const out: FieldChange[] = [];
    const userIds = [row.ownerUserId, row.socialWorkerUserId, set.ownerUserId, set.socialWorkerUserId].filter((x): x is number => typeof x === 'number');
    const names = await this.users.names(userIds);
    const orgName = async (id: number | null | undefined) => (id ? ((await this.org.get(id))?.name ?? `#${id}`) : null);
    const fmt = async (field: string, v: unknown): Promise<string | null> => {
      if (v === null || v === undefined) return null;
      switch (field) {
        case 'status':
          return CaseStatus.label(v as CaseStatus);
        case 'riskLevel':
          return RiskLevel.label(v as 'low');
        case 'harmSuspected':
        case 'serious':
          return v ? '是' : '否';
        case 'followUpFinished':
          return v ? '已结束' : '进行中';
        case 'ownerUserId':
        case 'socialWorkerUserId':
          return names.get(v as number) ?? `#${v}`;
        case 'villageId':
          return orgName(v as number);
        case 'childId':
          return `#${v}`;
        case 'firstReportedAt':
          return chinaTime(v as Date);
        default:
          return String(v);
      }
    };
    for (const [field, value] of Object.entries(set)) {
      if (!(field in CASE_FIELD_LABELS) && field !== 'childEnc') continue;
      if (field === 'childEnc') {
        if (value !== row.childEnc) out.push({ field: 'child', label: CASE_FIELD_LABELS.child, from: null, to: '已更新' });
        continue;
      }
      const before = (row as Record<string, unknown>)[field];
      const same = before instanceof Date && value instanceof Date ? before.getTime() === value.getTime() : before === value;
      if (same) continue;
      out.push({ field, label: CASE_FIELD_LABELS[field], from: await fmt(field, before), to: await fmt(field, value) });
    }
    return out;
  }

  private async writeEvent(
    tx: DbOrTx,
    caseId: number,
    actor: Pick<Actor, 'userId' | 'role' | 'name'>,
    step: string,
    from: CaseStatus | null,
    to: CaseStatus | null,
    changes: FieldChange[],
    input: Record<string, unknown>,
    ref?: { type: string; id: number },
  ): Promise<void> {
    await casesRepo.insertEvent(tx, {
      caseId,
      at: this.clock.now(),
      step,
      actorUserId: actor.userId,
      actorRole: actor.role,
      actorName: actor.name,
      fromStatus: from,
      toStatus: to,
      fields: changes.map((c) => c.field).join(',').slice(0, 500) || null,
      dataEnc: this.crypto.encrypt(JSON.stringify({ changes, input })),
      refType: ref?.type ?? null,
      refId: ref?.id ?? null,
    });
  }
}

export type { ReportStatusCode };

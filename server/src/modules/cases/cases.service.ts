import type {
  CaseChild,
  CaseDetail,
  CaseListItem,
  CaseListQuery,
  DirectorCaseView,
  IntakeItem,
  IntakeQuery,
  ReportStatus as ReportStatusCode,
  TriageRequest,
} from '@wbt/shared';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../http/actor';
import type { Clock } from '../../lib/clock';
import type { FieldCrypto } from '../../lib/fieldCrypto';
import type { Logger } from '../../logger';
import type { AuditService } from '../audit/audit.service';
import type { UsersService } from '../auth/users.service';
import type { ChildrenService } from '../children/children.service';
import type { ClockLabel, ClockSource, DeadlinesService } from '../deadlines/deadlines.service';
import type { ClockRow } from '../deadlines/deadlines.repo';
import type { NotificationsService } from '../notifications/notifications.service';
import type { OrgService } from '../org/org.service';
import type { ReferralsService } from '../referrals/referrals.service';
import type { ReportsService } from '../reports/reports.service';
import type { TasksService } from '../tasks/tasks.service';
import { CaseAlerts } from './cases.alerts';
import { CaseBriefs } from './cases.brief';
import { CaseClocks } from './cases.clocks';
import { CaseIntake, type ConsultationDesk } from './cases.intake';
import { CaseKit } from './cases.kit';
import { CaseReads, type StaffOption } from './cases.reads';
import { casesRepo } from './cases.repo';
import { CaseSteps, type StepInputs, type WorkStep } from './cases.steps';

export type { CaseDetail, CaseListItem, DirectorCaseView, IntakeItem, ReportStatusCode };
export type { ConsultationDesk, StaffOption, StepInputs, WorkStep };

/**
 * The station's case work (seed 002 附件4): intake triage, the case state machine of shared/caseFlow,
 * the chronology, and the clocks each step starts or meets. What other modules and the routes call;
 * the work itself is in cases.intake (triage, opening cases), cases.reads (detail, lists),
 * cases.steps (the state machine and its steps), cases.clocks (the deadline sweep's questions), and
 * cases.kit (what they share: access checks, chronology).
 */
export class CasesService implements ClockSource {
  private readonly intakeDesk: CaseIntake;
  private readonly reads: CaseReads;
  private readonly steps: CaseSteps;
  private readonly clocks: CaseClocks;
  private readonly kit: CaseKit;

  constructor(
    db: Db,
    clock: Clock,
    crypto: FieldCrypto,
    logger: Logger,
    org: OrgService,
    users: UsersService,
    audit: AuditService,
    notifications: NotificationsService,
    deadlines: DeadlinesService,
    referrals: ReferralsService,
    reports: ReportsService,
    tasks: TasksService,
    childFiles: ChildrenService,
  ) {
    const kit = (this.kit = new CaseKit(db, clock, crypto, logger, org, users, audit, notifications, deadlines, referrals, reports, tasks, childFiles));
    this.intakeDesk = new CaseIntake(kit);
    this.reads = new CaseReads(kit);
    this.steps = new CaseSteps(kit, this.reads);
    this.clocks = new CaseClocks(kit);
    deadlines.addSource(this);
    new CaseAlerts(kit).register();
    const briefs = new CaseBriefs(kit);
    tasks.useCaseBriefs((caseId, task) => briefs.forTask(caseId, task));
    tasks.onComplete((tx, task, by) => this.steps.onTaskComplete(tx, task, by));
    tasks.useCaseCodes(async (ids) => new Map((await casesRepo.codes(db, ids)).map((c) => [c.id, c.code])));
    tasks.useSeriousCases(async (ids) => new Set((await casesRepo.byIds(db, ids)).filter((c) => c.serious).map((c) => c.id)));
  }

  /** Gives cases written before the child-name index their index ('' when no name is known); run until 0. */
  async backfillNameIndex(limit = 200): Promise<number> {
    const rows = await casesRepo.withoutNameIndex(this.kit.db, limit);
    for (const r of rows) await casesRepo.setNameIndex(this.kit.db, r.id, this.kit.childNameIndex(this.kit.openChild(r.childEnc)?.name) ?? '');
    return rows.length;
  }

  useConsultationDesk(desk: ConsultationDesk): void {
    this.intakeDesk.useConsultationDesk(desk);
  }

  // ---------------------------------------------------------------- intake (1 发现报告, 2 分类)

  /** The township's incoming reports with their triage, age and acknowledgement clock. */
  intake(actor: Actor, q: IntakeQuery & { cursor?: string; limit?: number }): Promise<{ items: IntakeItem[]; nextCursor: string | null }> {
    return this.intakeDesk.intake(actor, q);
  }

  /** 2 分类: a consultation, a new case, or a report linked to an open case (see CaseIntake.triage). */
  triage(actor: Actor, reportId: number, body: TriageRequest): Promise<{ reportId: number; category: string; caseId: number | null; caseCode: string | null }> {
    return this.intakeDesk.triage(actor, reportId, body);
  }

  /** A consultation (issue 7) turned into a case; idempotent per consultation. Pass `tx` to join the caller's transaction. */
  openFromConsultation(
    actor: Actor,
    input: { consultationId: number; orgId: number; kind?: 'help' | 'harm'; askedAt: Date; child?: Partial<CaseChild>; note?: string },
    tx?: DbOrTx,
  ): Promise<{ caseId: number; caseCode: string; created: boolean }> {
    return this.intakeDesk.openFromConsultation(actor, input, tx);
  }

  // ---------------------------------------------------------------- reads

  /** Case detail for township staff, or the restricted view for the child's village director; audited. */
  detail(actor: Actor, caseId: number, opts: { audit?: boolean } = {}): Promise<CaseDetail | DirectorCaseView> {
    return this.reads.detail(actor, caseId, opts);
  }

  /** Cases in the actor's reach, newest first; a director sees the cases of their village. */
  list(actor: Actor, q: CaseListQuery): Promise<{ items: CaseListItem[]; nextCursor: number | null }> {
    return this.reads.list(actor, q);
  }

  /** Open cases of the actor's township, to link another report about the same child. */
  linkable(actor: Actor): Promise<{ id: number; code: string; statusLabel: string; childName: string | null; villageName: string | null }[]> {
    return this.reads.linkable(actor);
  }

  /** Who can be named on a case (owner, social worker, task assignee), for the assign and dispatch forms. */
  assignable(actor: Actor, caseId: number): ReturnType<CaseReads['assignable']> {
    return this.reads.assignable(actor, caseId);
  }

  // ---------------------------------------------------------------- steps

  /** Takes one step on a case (see CaseSteps.step); answers the case as the actor now sees it. */
  step<S extends WorkStep>(actor: Actor, caseId: number, step: S, input: StepInputs[S]): Promise<CaseDetail | DirectorCaseView> {
    return this.steps.step(actor, caseId, step, input);
  }

  // ---------------------------------------------------------------- clocks (ClockSource)

  syncClocks(now: Date): Promise<void> {
    return this.clocks.syncClocks(now);
  }

  describeClocks(rows: ClockRow[]): Promise<Map<number, ClockLabel>> {
    return this.clocks.describeClocks(rows);
  }
}

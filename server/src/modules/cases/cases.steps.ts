import {
  CaseStatus,
  CaseTaskKind,
  checkStep,
  clockDueAt,
  nextStatus,
  type AnswerReporterInput,
  type ArchiveInput,
  type AssessmentInput,
  type AssignInput,
  type AuthorityReportInput,
  type CaseDetail,
  type ConferenceInput,
  type DirectorCaseView,
  type DispatchTaskInput,
  type FollowUpInput,
  type InterventionInput,
  type LinkReportInput,
  type NoteInput,
  type PoliceCallInput,
  type ReferralInput,
  type ReferralUpdateInput,
  type ReopenInput,
  type SlaSettings,
  type StepContext,
  type SupportInput,
} from '@wbt/shared';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import type { TaskRow } from '../tasks/tasks.service';
import { CASE_LINK, type CaseKit } from './cases.kit';
import type { CaseReads } from './cases.reads';
import { casesRepo, type CaseInsert, type CaseRow } from './cases.repo';
import { CLOSING_STEPS } from './cases.steps.closing';
import { OPENING_STEPS } from './cases.steps.opening';
import { WORK_STEPS } from './cases.steps.work';

export type StepInputs = {
  link_report: LinkReportInput;
  assign: AssignInput;
  assess: AssessmentInput;
  police_call: PoliceCallInput;
  report_authority: AuthorityReportInput;
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

/** What a step did, before the common bookkeeping (status, chronology, audit). */
export interface StepOutcome {
  set?: Partial<CaseInsert>;
  data: Record<string, unknown>;
  ref?: { type: string; id: number };
  reopenTo?: CaseStatus | null;
  /** Side effects after commit (posting to the reporter's thread). */
  after?: () => Promise<void>;
}

/** What a step's handler is given: the locked case row, its context, and the township's time limits. */
export interface StepArgs<I> {
  tx: DbOrTx;
  actor: Actor;
  row: CaseRow;
  input: I;
  ctx: StepContext;
  now: Date;
  sla: SlaSettings;
}

export type StepHandlers = { [S in WorkStep]: (k: CaseKit, args: StepArgs<StepInputs[S]>) => Promise<StepOutcome> };

const STEP_HANDLERS: StepHandlers = { ...OPENING_STEPS, ...WORK_STEPS, ...CLOSING_STEPS };

/**
 * The case state machine of shared/caseFlow: every step locks the case row, is ruled on by the state
 * machine (409 out of order), and writes its chronology entry and audit row in one transaction. The
 * steps themselves are in cases.steps.opening/work/closing.
 */
export class CaseSteps {
  constructor(
    private readonly k: CaseKit,
    private readonly reads: CaseReads,
  ) {}

  /**
   * Takes one step on a case: scope (404), the state machine (403 for the role, 409 out of order),
   * then the step itself, its chronology entry and audit row in one transaction.
   */
  async step<S extends WorkStep>(actor: Actor, caseId: number, step: S, input: StepInputs[S]): Promise<CaseDetail | DirectorCaseView> {
    const pre = await casesRepo.byId(this.k.db, caseId);
    if (!pre) throw AppError.notFound('个案');
    await this.k.assertCanSee(actor, pre);
    let after: (() => Promise<void>) | undefined;
    try {
      await this.k.db.transaction(async (tx) => {
        const row = (await casesRepo.lockById(tx, caseId))!;
        const ctx = await this.k.context(tx, row, actor);
        const decision = checkStep(step, ctx);
        if (!decision.ok) throw new AppError(decision.code, decision.message);
        const out = await this.perform(tx, actor, row, step, input, ctx);
        const to = nextStatus(step, row.status, {
          riskLevel: step === 'assess' ? (input as AssessmentInput).riskLevel : undefined,
          reopenTo: out.reopenTo,
        });
        const set: Partial<CaseInsert> = { ...out.set, status: to, updatedAt: this.k.clock.now() };
        const changes = await this.k.diff(row, set);
        await casesRepo.update(tx, row.id, set);
        await this.k.writeEvent(tx, row.id, actor, step, row.status, to, changes, out.data, out.ref);
        await this.k.audit.record(
          { actor, action: `case.${step}`, targetType: 'case', targetId: row.id, result: 'ok', orgId: row.townshipId, detail: { from: row.status, to, fields: changes.map((c) => c.field) } },
          tx,
        );
        if (to !== row.status && to !== 'archived') await this.onStatusChanged(tx, actor, { ...row, ...set } as CaseRow);
        after = out.after;
      });
    } catch (err) {
      if (err instanceof AppError && (err.code === 'FORBIDDEN' || err.code === 'INVALID_TRANSITION'))
        await this.k.audit.record({ actor, action: `case.${step}`, targetType: 'case', targetId: caseId, result: 'denied', orgId: pre.townshipId, detail: { reason: err.message } });
      throw err;
    }
    if (after) {
      try {
        await after();
      } catch (err) {
        // Retried by the deadline sweep (outcome clocks); the step itself is committed.
        this.k.logger.warn({ err: (err as Error).message, caseId }, 'case step side effect failed');
      }
    }
    return this.reads.detail(actor, caseId, { audit: false });
  }

  private async perform<S extends WorkStep>(tx: DbOrTx, actor: Actor, row: CaseRow, step: S, input: StepInputs[S], ctx: StepContext): Promise<StepOutcome> {
    const now = this.k.clock.now();
    const sla = await this.k.deadlines.sla(row.townshipId);
    const handler: StepHandlers[S] = STEP_HANDLERS[step];
    return handler(this.k, { tx, actor, row, input, ctx, now, sla });
  }

  /** A status change: the owner hears of it when someone else moved the case. */
  private async onStatusChanged(tx: DbOrTx, actor: Actor, row: CaseRow): Promise<void> {
    if (row.ownerUserId !== actor.userId)
      await this.k.notifications.enqueue(tx, { userId: row.ownerUserId, kind: 'case.status', title: `个案进入「${CaseStatus.label(row.status)}」阶段`, body: `个案 ${row.code}`, link: CASE_LINK(row.id) });
  }

  /** A task of the case was completed (tasks module, same transaction): chronology and clocks. */
  async onTaskComplete(tx: DbOrTx, task: TaskRow, by: Actor): Promise<void> {
    if (!task.caseId) return;
    const row = await casesRepo.byId(tx, task.caseId);
    if (!row) return;
    const now = this.k.clock.now();
    if (task.kind === 'first_visit') await this.k.deadlines.meet(tx, 'first_visit', 'case', row.id, now);
    if (task.kind === 'follow_up' && row.status !== 'archived') {
      await this.k.deadlines.meet(tx, 'follow_up', 'case', row.id, now);
      if (!row.followUpFinished && row.followUpIntervalDays) {
        const sla = await this.k.deadlines.sla(row.townshipId);
        await this.k.startFollowUp(tx, row, now, clockDueAt('follow_up', now, sla, row.followUpIntervalDays));
      }
    }
    await this.k.writeEvent(tx, row.id, by, 'task_done', row.status, row.status, [], { kind: task.kind, by: by.name }, { type: 'task', id: task.id });
    if (row.ownerUserId !== by.userId)
      await this.k.notifications.enqueue(tx, { userId: row.ownerUserId, kind: 'case.task_done', title: `任务已完成：${CaseTaskKind.labels[task.kind as 'first_visit'] ?? '任务'}`, body: `个案 ${row.code}`, link: CASE_LINK(row.id) });
  }
}

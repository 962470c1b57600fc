import { addDaysYmd, chinaDate, endOfChinaDay, type RiskTier } from '@wbt/shared';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import type { TasksService } from '../tasks/tasks.service';
import { tierLabel, type ChildRecords } from './children.record';
import { childrenRepo, type ChildRow } from './children.repo';

const planKey = (childId: number) => `plan:${childId}`;
const confirmKey = (childId: number) => `confirm:${childId}`;

/**
 * The work a file creates: the periodic home visit its tier asks for (one open plan task per child,
 * moved by each visit and each tier change), and the supervisor's confirmation of a director's entry.
 */
export class VisitPlan {
  constructor(
    private readonly tasks: TasksService,
    private readonly records: ChildRecords,
  ) {}

  /** The child's open plan task: the next periodic visit, due at `dueAt`. */
  async openPlanTask(tx: DbOrTx, child: { id: number; orgId: number }, interval: number, tier: RiskTier, dueAt: Date, actor: Actor): Promise<void> {
    await this.tasks.create(tx, {
      kind: 'periodic_visit',
      orgId: child.orgId,
      childId: child.id,
      title: '定期走访',
      reason: `按走访计划每${interval}天走访一次（风险等级：${tierLabel(tier)}）`,
      dueAt,
      source: 'plan',
      openKey: planKey(child.id),
      actor,
    });
  }

  /** Next due after a tier change: from the last visit (or the file's creation); never in the past. */
  planDue(base: Date, interval: number, now: Date): Date {
    const due = endOfChinaDay(addDaysYmd(chinaDate(base), interval));
    return due < now ? endOfChinaDay(chinaDate(now)) : due;
  }

  async movePlanTask(tx: DbOrTx, row: ChildRow, due: Date, interval: number, tier: RiskTier, actor: Actor): Promise<void> {
    const open = await this.tasks.openByKey(tx, planKey(row.id));
    if (open) {
      await this.tasks.cancel(tx, { taskId: open.id, actor, reason: `风险等级或类别调整，走访计划改为每${interval}天` });
    }
    await this.openPlanTask(tx, row, interval, tier, due, actor);
  }

  /**
   * A visit was recorded (by the visits module, inside its transaction): the plan moves to the visit
   * day plus the interval, and the open plan task is done by this visit when the visit is the latest.
   * Returns the next due time.
   */
  async afterVisit(tx: DbOrTx, input: { childId: number; visitId: number; visitedAt: Date; actor: Actor }): Promise<Date | null> {
    const row = await childrenRepo.byIdForUpdate(tx, input.childId);
    if (!row) throw AppError.notFound('儿童档案');
    if (row.lastVisitAt && input.visitedAt < row.lastVisitAt) return row.nextVisitDue; // an older record arriving late
    if (row.status === 'closed') {
      // A closed file has no plan: the visit is kept, nothing is scheduled.
      await childrenRepo.update(tx, row.id, { lastVisitAt: input.visitedAt });
      return null;
    }
    const due = endOfChinaDay(addDaysYmd(chinaDate(input.visitedAt), row.visitIntervalDays));
    const open = await this.tasks.openByKey(tx, planKey(row.id));
    if (open) await this.tasks.complete(tx, { taskId: open.id, actor: input.actor, visitId: input.visitId });
    await this.openPlanTask(tx, row, row.visitIntervalDays, row.riskTier, due, input.actor);
    await childrenRepo.update(tx, row.id, { lastVisitAt: input.visitedAt, nextVisitDue: due });
    await this.records.writeHistory(
      tx,
      row.id,
      input.actor,
      'visit_plan',
      [
        { field: 'lastVisitAt', old: row.lastVisitAt?.toISOString() ?? null, new: input.visitedAt.toISOString() },
        { field: 'nextVisitDue', old: row.nextVisitDue?.toISOString() ?? null, new: due.toISOString() },
      ],
      null,
    );
    return due;
  }

  /** A file closed or moved away: its open plan and confirmation tasks end. */
  async cancelOpenTasks(tx: DbOrTx, childId: number, actor: Actor, reason: string): Promise<{ confirmWasOpen: boolean }> {
    const plan = await this.tasks.openByKey(tx, planKey(childId));
    if (plan) await this.tasks.cancel(tx, { taskId: plan.id, actor, reason });
    const confirm = await this.tasks.openByKey(tx, confirmKey(childId));
    if (confirm) await this.tasks.cancel(tx, { taskId: confirm.id, actor, reason });
    return { confirmWasOpen: !!confirm };
  }

  async openConfirmTask(tx: DbOrTx, childId: number, orgId: number, dueAt: Date, actor: Actor, why: string): Promise<void> {
    if (await this.tasks.openByKey(tx, confirmKey(childId))) return;
    await this.tasks.create(tx, {
      kind: 'file_confirm',
      orgId,
      childId,
      title: '档案确认',
      reason: `${why}（提交人：${actor.name}）`,
      dueAt,
      source: 'file',
      openKey: confirmKey(childId),
      actor,
    });
  }

  /** The supervisor confirmed the file: its confirmation task (if still open) is done. */
  async completeConfirmTask(tx: DbOrTx, childId: number, actor: Actor): Promise<void> {
    const task = await this.tasks.openByKey(tx, confirmKey(childId));
    if (task) await this.tasks.complete(tx, { taskId: task.id, actor });
  }
}

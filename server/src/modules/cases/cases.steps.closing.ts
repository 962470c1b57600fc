import { archivePoliceCheck, ClockKind, clockDueAt, formatDeadline } from '@wbt/shared';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import { CASE_LINK, type CaseKit } from './cases.kit';
import { casesRepo } from './cases.repo';
import type { StepHandlers } from './cases.steps';

/** Answering the reporters, archiving (everything still running stops, the outcome is owed), reopening. */
export const CLOSING_STEPS: Pick<StepHandlers, 'answer_reporter' | 'archive' | 'reopen'> = {
  async answer_reporter(k, { tx, actor, row, input, now }) {
    const { message } = input;
    const linked = await casesRepo.reportsOfCase(tx, row.id);
    // Posted on each reporter's thread first (the reports module's own transaction), then recorded.
    for (const t of linked) {
      await k.reports.postStationMessage(actor, t.reportId, message);
      await k.deadlines.meet(tx, 'first_answer', 'report', t.reportId, now);
    }
    return { data: { message, reports: linked.map((t) => t.reportId) } };
  },
  async archive(k, { tx, actor, row, input: a, ctx, now, sla }) {
    const refusal = archivePoliceCheck(ctx, a);
    if (refusal) throw AppError.validation('noPoliceReportReason', refusal);
    const linked = await casesRepo.reportsOfCase(tx, row.id);
    if (linked.length > 0 && !a.outcomeForReporter)
      throw AppError.validation('outcomeForReporter', '请填写告知报告人的处理结果（未成年人保护法第十一条：应当告知报告人处理结果）');
    for (const t of linked) {
      await k.reports.setStatus(t.reportId, 'closed', tx, actor);
      // The outcome message is owed to the reporter: a clock that the post right after commit meets,
      // and that the deadline sweep retries if the process stopped in between.
      await k.deadlines.meet(tx, 'first_answer', 'report', t.reportId, now);
      await k.deadlines.start(tx, {
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
    for (const c of await k.deadlines.allForCase(row.id, tx)) {
      if (c.metAt || c.cancelledAt || c.kind === 'outcome_answer') continue;
      await k.deadlines.cancel(tx, c.kind as 'follow_up', c.subjectType as 'case', c.subjectId, now);
      stoppedClocks.push(`${ClockKind.label(c.kind as 'follow_up')}（截止 ${formatDeadline(c.dueAt)}${c.dueAt <= now ? '，已超时' : ''}）`);
    }
    const withdrawn: string[] = [];
    for (const t of await k.tasks.forCase(row.id)) {
      if (t.status !== 'open') continue;
      await k.tasks.cancel(tx, { taskId: t.id, actor, reason: '个案已归档' });
      withdrawn.push(`${t.kindLabel}（${t.assigneeName ?? t.orgName}）`);
    }
    const outcome = a.outcomeForReporter;
    return {
      set: { archivedAt: now, archivedBy: actor.userId, archivedFrom: row.status, summaryEnc: k.crypto.encrypt(a.summary) },
      data: { ...a, stoppedClocks, withdrawnTasks: withdrawn },
      after: outcome && linked.length ? () => postOutcome(k, actor, row.id, linked.map((t) => t.reportId), outcome) : undefined,
    };
  },
  async reopen(k, { tx, actor, row, input: r, now, sla }) {
    const to = row.archivedFrom && row.archivedFrom !== 'archived' ? row.archivedFrom : 'follow_up';
    if (!row.followUpFinished && row.riskLevel) {
      await k.startFollowUp(tx, row, now, clockDueAt('follow_up', now, sla, row.followUpIntervalDays ?? undefined));
    }
    for (const uid of new Set([row.ownerUserId, ...(row.socialWorkerUserId ? [row.socialWorkerUserId] : [])]))
      if (uid !== actor.userId) await k.notifications.enqueue(tx, { userId: uid, kind: 'case.reopened', title: '个案已重新开启', body: `个案 ${row.code}`, link: CASE_LINK(row.id) });
    return { set: { archivedAt: null, archivedBy: null, archivedFrom: null, reopenCount: row.reopenCount + 1 }, data: { reason: r.reason, reopenTo: to }, reopenTo: to };
  },
};

/** Posts the closing outcome on each reporter's thread and meets its clock. */
async function postOutcome(k: CaseKit, actor: Actor, caseId: number, reportIds: number[], outcome: string): Promise<void> {
  for (const reportId of reportIds) {
    const clock = await k.deadlines.openFor('outcome_answer', 'report', reportId);
    if (!clock) continue;
    await k.reports.postStationMessage(actor, reportId, outcome);
    await k.db.transaction((tx) => k.deadlines.meet(tx, 'outcome_answer', 'report', reportId, k.clock.now()));
  }
  k.logger.info({ caseId, reports: reportIds.length }, 'case outcome told to reporters');
}

import { Authority, CaseTaskKind, clockDueAt, formatDateTime } from '@wbt/shared';
import { AppError } from '../../http/errors';
import { CASE_LINK, type CaseKit } from './cases.kit';
import type { StepArgs, StepHandlers, StepOutcome } from './cases.steps';

/** Steps that only put what was done on the record. */
async function record(_k: CaseKit, { input }: StepArgs<object>): Promise<StepOutcome> {
  return { data: { ...(input as Record<string, unknown>) } };
}

/** Working the case: what was done, conferences, tasks for the village, referrals, follow-up visits. */
export const WORK_STEPS: Pick<StepHandlers, 'police_call' | 'report_authority' | 'intervene' | 'support' | 'note' | 'conference' | 'dispatch_task' | 'refer' | 'referral_update' | 'follow_up'> = {
  async police_call(_k, { row, input: p, now }) {
    if (p.calledAt > new Date(now.getTime() + 60_000)) throw AppError.validation('calledAt', '报警时间不能晚于现在');
    // A 110 call is a report to the police: the first one is what archiving checks.
    return { set: row.policeReportedAt ? {} : { policeReportedAt: p.calledAt }, data: { ...p } };
  },
  async report_authority(_k, { row, input: a, now }) {
    if (a.reportedAt > new Date(now.getTime() + 60_000)) throw AppError.validation('reportedAt', '报告时间不能晚于现在');
    const set =
      a.authority === 'police'
        ? !row.policeReportedAt || a.reportedAt < row.policeReportedAt ? { policeReportedAt: a.reportedAt } : {}
        : !row.civilAffairsReportedAt || a.reportedAt < row.civilAffairsReportedAt ? { civilAffairsReportedAt: a.reportedAt } : {};
    return { set, data: { ...a, authorityLabel: Authority.label(a.authority) } };
  },
  intervene: record,
  support: record,
  note: record,
  async conference(k, { tx, row, input: c }) {
    if (c.escalateToCounty) {
      const township = await k.org.get(row.townshipId, tx);
      const countyId = township?.parentId;
      if (countyId) {
        for (const u of await k.users.staffOf(countyId, 'county_admin', tx))
          await k.notifications.enqueue(tx, { userId: u.id, kind: 'case.conference_escalated', title: '乡镇未保站提请个案会商', body: `个案 ${row.code}`, link: CASE_LINK(row.id) });
      }
    }
    return { data: { ...c } };
  },
  async dispatch_task(k, { tx, actor, row, input: d, now, sla }) {
    let dueAt = d.dueAt;
    if (d.kind === 'first_visit' && row.serious) {
      const limit = clockDueAt('first_visit', row.firstReportedAt, sla);
      if (dueAt && dueAt > limit)
        throw AppError.validation('dueAt', `严重家庭暴力或不法侵害个案，首次家访须在接到报告后${sla.seriousFirstVisitHours}小时内完成（最迟 ${formatDateTime(limit)}）`);
      dueAt = dueAt ?? limit;
    }
    if (!dueAt) {
      const followUp = d.kind === 'follow_up' ? await k.deadlines.openFor('follow_up', 'case', row.id, tx) : undefined;
      dueAt = followUp && followUp.dueAt > now ? followUp.dueAt : clockDueAt('first_answer', now, sla);
    }
    if (dueAt.getTime() < now.getTime() - 60_000 && !(d.kind === 'first_visit' && row.serious))
      throw AppError.validation('dueAt', '完成时限不能早于现在');
    if (d.assigneeUserId) await k.assertTaskAssignee(d.assigneeUserId, row);
    // The serious-harm first visit goes to the supervisor unless someone else is named.
    const assignee = d.assigneeUserId ?? (d.kind === 'first_visit' && row.serious ? await k.seriousVisitLead(row, tx) : null);
    const task = await k.tasks.create(tx, {
      kind: d.kind,
      orgId: row.villageId!,
      assigneeUserId: assignee,
      childId: row.childId,
      caseId: row.id,
      title: CaseTaskKind.label(d.kind),
      reason: d.reason,
      dueAt,
      source: 'case',
      actor,
    });
    const names = task.assigneeUserId ? await k.users.names([task.assigneeUserId]) : new Map<number, string>();
    return {
      data: { kind: d.kind, reason: d.reason, dueAt: dueAt.toISOString(), assigneeName: task.assigneeUserId ? names.get(task.assigneeUserId) : '本村儿童主任' },
      ref: { type: 'task', id: task.id },
    };
  },
  async refer(k, { tx, actor, row, input: r }) {
    const id = await k.referrals.create(tx, { caseId: row.id, townshipId: row.townshipId, ownerUserId: row.ownerUserId, sentBy: actor.userId, referral: r });
    return { data: { ...r }, ref: { type: 'referral', id } };
  },
  async referral_update(k, { tx, row, input: u }) {
    const moved = await k.referrals.move(tx, row.id, row.ownerUserId, u);
    const ref = await k.referrals.get(u.referralId, tx);
    return { data: { ...u, unit: ref?.unit, from: moved.from, to: moved.to }, ref: { type: 'referral', id: u.referralId } };
  },
  async follow_up(k, { tx, row, input: f, now, sla }) {
    if (f.visitedAt > new Date(now.getTime() + 60_000)) throw AppError.validation('visitedAt', '回访时间不能晚于现在');
    await k.deadlines.meet(tx, 'follow_up', 'case', row.id, now);
    if (!f.planFinished) {
      await k.startFollowUp(tx, row, now, clockDueAt('follow_up', now, sla, row.followUpIntervalDays ?? sla.visitIntervalDays.medium));
    }
    return { set: f.planFinished ? { followUpFinished: true } : {}, data: { ...f } };
  },
};

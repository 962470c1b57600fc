import { clockDueAt, followUpIntervalDays } from '@wbt/shared';
import { AppError } from '../../http/errors';
import { CASE_LINK } from './cases.kit';
import { casesRepo, type CaseInsert } from './cases.repo';
import type { StepHandlers } from './cases.steps';

/** Taking a case on: linking another report, naming who works it, and the assessment that sets its plan. */
export const OPENING_STEPS: Pick<StepHandlers, 'link_report' | 'assign' | 'assess'> = {
  async link_report(k, { tx, actor, row, input, ctx, now, sla }) {
    const { reportId, note } = input;
    const report = await k.reports.get(actor, reportId);
    if (report.township.id !== row.townshipId) throw AppError.notFound('报告');
    if (await casesRepo.triageOf(tx, reportId)) throw new AppError('INVALID_TRANSITION', '该报告已经分类受理，请在报告所在的个案中查看');
    await casesRepo.insertTriage(tx, { reportId, townshipId: row.townshipId, category: row.kind, caseId: row.id, triagedAt: now, triagedBy: actor.userId, noteEnc: k.crypto.encrypt(note) });
    const receivedAt = new Date(report.receivedAt);
    await k.startReportClocks(tx, { reportId, townshipId: row.townshipId, receivedAt, sla, ownerUserId: row.ownerUserId, acknowledgedAt: now });
    await k.reports.setStatus(reportId, ctx.assessed ? 'in_progress' : 'accepted', tx, actor);
    const reportedAt = new Date(report.reportedAt);
    return { set: reportedAt < row.firstReportedAt ? { firstReportedAt: reportedAt } : {}, data: { reportId, note }, ref: { type: 'report', id: reportId } };
  },
  async assign(k, { tx, actor, row, input: a }) {
    const set: Partial<CaseInsert> = {};
    if (a.ownerUserId !== undefined) {
      await k.assertStaff(a.ownerUserId, row.townshipId, ['supervisor', 'station_head'], 'ownerUserId', '负责人须是本站的儿童督导员或站长');
      set.ownerUserId = a.ownerUserId;
    }
    if (a.socialWorkerUserId !== undefined) {
      if (a.socialWorkerUserId !== null) await k.assertStaff(a.socialWorkerUserId, row.townshipId, ['social_worker'], 'socialWorkerUserId', '儿童社工须是本站的儿童社工');
      set.socialWorkerUserId = a.socialWorkerUserId;
    }
    if (a.villageId !== undefined) {
      await k.assertVillageOf(a.villageId, row.townshipId, 'villageId');
      set.villageId = a.villageId;
    }
    if (a.childId !== undefined) {
      if (a.childId !== null) await k.assertLinkableChild(actor, a.childId, tx);
      set.childId = a.childId;
    }
    if (a.child !== undefined) {
      const child = { ...k.openChild(row.childEnc), ...a.child };
      set.childEnc = k.sealChild(child);
      set.childNameIdx = k.childNameIndex(child.name);
    }
    const owner = set.ownerUserId ?? row.ownerUserId;
    if (set.ownerUserId !== undefined) {
      for (const c of await k.deadlines.allForCase(row.id, tx)) {
        if (!c.metAt && !c.cancelledAt && (c.kind === 'first_visit' || c.kind === 'referral_stale')) await k.deadlines.setOwner(tx, c.kind, c.subjectType as 'case' | 'referral', c.subjectId, owner);
      }
    }
    if (set.ownerUserId !== undefined || set.socialWorkerUserId !== undefined) {
      await k.deadlines.setOwner(tx, 'follow_up', 'case', row.id, (set.socialWorkerUserId === undefined ? row.socialWorkerUserId : set.socialWorkerUserId) ?? owner);
    }
    const names = await k.users.names([a.ownerUserId, a.socialWorkerUserId].filter((x): x is number => !!x));
    for (const uid of [a.ownerUserId, a.socialWorkerUserId]) {
      if (uid && uid !== actor.userId)
        await k.notifications.enqueue(tx, { userId: uid, kind: 'case.assigned', title: '您被指定负责一个个案', body: `个案 ${row.code}`, link: CASE_LINK(row.id) });
    }
    return { set, data: { ownerName: a.ownerUserId ? names.get(a.ownerUserId) : undefined } };
  },
  async assess(k, { tx, actor, row, input: a, now, sla }) {
    const interval = followUpIntervalDays(a.riskLevel, sla, a.followUpIntervalDays);
    // Serious violence or unlawful harm: first home visit within 24 h of the REPORT (seed 002 §5.2).
    if (a.serious) {
      const done = (await k.tasks.forCase(row.id)).find((t) => t.kind === 'first_visit' && t.status === 'done');
      const runs = (await k.deadlines.allForCase(row.id, tx)).filter((c) => c.kind === 'first_visit');
      // Already running, or already met: nothing to start. (A run cancelled by an earlier
      // "not serious" assessment is started again: the anchor stays the report time.)
      const started = !runs.some((c) => c.metAt || (!c.cancelledAt && !c.metAt)) && await k.deadlines.start(tx, {
        kind: 'first_visit',
        subjectType: 'case',
        subjectId: row.id,
        caseId: row.id,
        townshipId: row.townshipId,
        ownerUserId: row.ownerUserId,
        startedAt: row.firstReportedAt,
        dueAt: clockDueAt('first_visit', row.firstReportedAt, sla),
      });
      if (started && done) await k.deadlines.meet(tx, 'first_visit', 'case', row.id, new Date(done.completedAt!));
    } else {
      await k.deadlines.cancel(tx, 'first_visit', 'case', row.id, now);
    }
    // The follow-up plan the assessment sets.
    await k.deadlines.cancel(tx, 'follow_up', 'case', row.id, now);
    if (!row.followUpFinished) {
      await k.startFollowUp(tx, row, now, clockDueAt('follow_up', now, sla, interval));
    }
    // The reporters see 处理中 once the case is being worked.
    for (const t of await casesRepo.reportsOfCase(tx, row.id)) await k.reports.setStatus(t.reportId, 'in_progress', tx, actor);
    return {
      set: { harmSuspected: a.harmSuspected, riskLevel: a.riskLevel, serious: a.serious, followUpIntervalDays: interval },
      data: { ...a, followUpIntervalDays: interval },
    };
  },
};

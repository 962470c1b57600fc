import type { Actor } from '../../http/actor';
import type { ClockLabel, ClockSource } from '../deadlines/deadlines.service';
import type { ClockRow } from '../deadlines/deadlines.repo';
import { CASE_LINK, REPORT_LINK, type CaseKit } from './cases.kit';
import { casesRepo } from './cases.repo';

/** An outcome message that was not posted right after the archive commit is retried after this. */
const OUTCOME_RETRY_AFTER_MS = 2 * 60_000;
/** New reports per batch of the clock sync, and batches per pass (the rest waits for the next pass). */
const SYNC_BATCH = 200;
const SYNC_MAX_BATCHES = 10;

/** The clocks of reports and cases the deadline sweep asks the case work about (ClockSource). */
export class CaseClocks implements ClockSource {
  constructor(private readonly k: CaseKit) {}

  /**
   * Starts the acknowledgement and first-answer clocks of reports that arrived, meets first-answer
   * clocks answered on the thread, and retries outcome messages not posted after an archive.
   */
  async syncClocks(now: Date): Promise<void> {
    // Reports that arrived since the last pass, read through their own index in bounded batches.
    for (let batch = 0; batch < SYNC_MAX_BATCHES; batch++) {
      const pending = await this.k.reports.pendingClocks(SYNC_BATCH);
      if (pending.length === 0) break;
      const ids = pending.map((r) => r.id);
      const hasAck = await this.k.deadlines.subjectsWithClock('ack', 'report', ids);
      const triaged = new Set((await casesRepo.triageOfReports(this.k.db, ids)).map((t) => t.reportId));
      const slas = await this.k.deadlines.slaMany(pending.map((r) => r.townshipId));
      const due = pending.filter((r) => r.status === 'received' && !hasAck.has(r.id) && !triaged.has(r.id));
      // One statement and one commit per batch: a burst of reports costs a few round trips in all.
      if (due.length)
        await this.k.db.transaction((tx) =>
          this.k.startNewReportClocks(
            tx,
            due.map((r) => ({ reportId: r.id, townshipId: r.townshipId, receivedAt: r.receivedAt, sla: slas.get(r.townshipId)! })),
          ),
        );
      await this.k.reports.clearPendingClocks(ids);
      if (pending.length < SYNC_BATCH) break;
    }
    // The reporter's first answer: any station message on the thread after the report arrived.
    const firstAnswers = await this.k.deadlines.openOfKind('first_answer');
    const firstReplies = await this.k.reports.stationReplyTimes(firstAnswers.map((c) => c.subjectId));
    for (const clock of firstAnswers) {
      const answer = firstReplies.get(clock.subjectId)?.find((at) => at >= clock.startedAt);
      if (answer) await this.k.db.transaction((tx) => this.k.deadlines.meet(tx, 'first_answer', 'report', clock.subjectId, answer));
    }
    // The outcome at closing: posted right after the archive; retried here if that did not happen.
    const outcomes = await this.k.deadlines.openOfKind('outcome_answer');
    const outcomeReplies = await this.k.reports.stationReplyTimes(outcomes.map((c) => c.subjectId));
    for (const clock of outcomes) {
      const told = outcomeReplies.get(clock.subjectId)?.find((at) => at >= clock.startedAt);
      if (told) {
        await this.k.db.transaction((tx) => this.k.deadlines.meet(tx, 'outcome_answer', 'report', clock.subjectId, told));
        continue;
      }
      if (now.getTime() - clock.startedAt.getTime() < OUTCOME_RETRY_AFTER_MS || !clock.caseId) continue;
      const outcome = await this.archivedOutcome(clock.caseId);
      const poster = clock.ownerUserId ? await this.actorFor(clock.ownerUserId) : undefined;
      if (!outcome || !poster) continue;
      try {
        await this.k.reports.postStationMessage(poster, clock.subjectId, outcome);
        await this.k.db.transaction((tx) => this.k.deadlines.meet(tx, 'outcome_answer', 'report', clock.subjectId, this.k.clock.now()));
      } catch (err) {
        this.k.logger.warn({ err: (err as Error).message, reportId: clock.subjectId }, 'outcome retry failed');
      }
    }
  }

  async describeClocks(rows: ClockRow[]): Promise<Map<number, ClockLabel>> {
    const caseIds = [...new Set(rows.flatMap((r) => (r.caseId ? [r.caseId] : r.subjectType === 'case' ? [r.subjectId] : [])))];
    const codes = new Map((await casesRepo.byIds(this.k.db, caseIds)).map((c) => [c.id, c.code]));
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
    const events = await casesRepo.events(this.k.db, caseId);
    const last = [...events].reverse().find((e) => e.step === 'archive');
    if (!last?.dataEnc) return null;
    const data = JSON.parse(this.k.crypto.decrypt(last.dataEnc) ?? '{}') as { input?: { outcomeForReporter?: string } };
    return data.input?.outcomeForReporter ?? null;
  }

  private async actorFor(userId: number): Promise<Actor | undefined> {
    const user = await this.k.users.byId(userId);
    if (!user || !user.active || user.orgId === null) return undefined;
    const org = await this.k.org.get(user.orgId);
    if (!org) return undefined;
    return { userId: user.id, role: user.role as Actor['role'], name: user.name, orgId: org.id, orgPath: org.path, orgLevel: org.level, sessionId: 'deadline-sweep' };
  }
}

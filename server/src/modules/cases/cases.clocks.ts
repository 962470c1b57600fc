import type { Actor } from '../../http/actor';
import type { ClockLabel, ClockSource } from '../deadlines/deadlines.service';
import type { ClockRow } from '../deadlines/deadlines.repo';
import type { OrgRow } from '../org/org.repo';
import { CASE_LINK, REPORT_LINK, type CaseKit } from './cases.kit';
import { casesRepo } from './cases.repo';

/** An outcome message that was not posted right after the archive commit is retried after this. */
const OUTCOME_RETRY_AFTER_MS = 2 * 60_000;

/** The clocks of reports and cases the deadline sweep asks the case work about (ClockSource). */
export class CaseClocks implements ClockSource {
  constructor(private readonly k: CaseKit) {}

  /**
   * Starts the acknowledgement and first-answer clocks of reports that arrived, meets first-answer
   * clocks answered on the thread, and retries outcome messages not posted after an archive.
   */
  async syncClocks(now: Date): Promise<void> {
    const counties = (await this.k.org.all()).filter((o) => o.level === 'county');
    for (const county of counties) {
      const sys = this.systemActor(county);
      let cursor: string | undefined;
      for (let page = 0; page < 100; page++) {
        const res = await this.k.reports.listIncoming(sys, { status: 'received', limit: 50, cursor });
        const ids = res.items.map((i) => i.id);
        const hasAck = await this.k.deadlines.subjectsWithClock('ack', 'report', ids);
        const triaged = new Set((await casesRepo.triageOfReports(this.k.db, ids)).map((t) => t.reportId));
        for (const item of res.items) {
          if (hasAck.has(item.id) || triaged.has(item.id)) continue;
          const township = await this.k.org.townshipOf(item.org.id);
          if (!township) continue;
          const sla = await this.k.deadlines.sla(township.id);
          const receivedAt = new Date(item.receivedAt);
          await this.k.db.transaction((tx) => this.k.startReportClocks(tx, { reportId: item.id, townshipId: township.id, receivedAt, sla }));
        }
        if (!res.nextCursor) break;
        cursor = res.nextCursor;
      }
    }
    // The reporter's first answer: any station message on the thread after the report arrived.
    for (const clock of await this.k.deadlines.openOfKind('first_answer')) {
      const view = await this.k.reports.reporterView(clock.subjectId).catch(() => undefined);
      const answer = view?.messages.find((m) => m.from === 'station' && new Date(m.at) >= clock.startedAt);
      if (answer) await this.k.db.transaction((tx) => this.k.deadlines.meet(tx, 'first_answer', 'report', clock.subjectId, new Date(answer.at)));
    }
    // The outcome at closing: posted right after the archive; retried here if that did not happen.
    for (const clock of await this.k.deadlines.openOfKind('outcome_answer')) {
      const view = await this.k.reports.reporterView(clock.subjectId).catch(() => undefined);
      if (!view) continue;
      const told = view.messages.find((m) => m.from === 'station' && new Date(m.at) >= clock.startedAt);
      if (told) {
        await this.k.db.transaction((tx) => this.k.deadlines.meet(tx, 'outcome_answer', 'report', clock.subjectId, new Date(told.at)));
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

  /** The county-wide reader the sweep lists incoming reports as (nothing is audited as a person). */
  private systemActor(county: OrgRow): Actor {
    return { userId: 0, role: 'county_admin', name: '系统', orgId: county.id, orgPath: county.path, orgLevel: 'county', sessionId: 'deadline-sweep' };
  }

  private async actorFor(userId: number): Promise<Actor | undefined> {
    const user = await this.k.users.byId(userId);
    if (!user || !user.active || user.orgId === null) return undefined;
    const org = await this.k.org.get(user.orgId);
    if (!org) return undefined;
    return { userId: user.id, role: user.role as Actor['role'], name: user.name, orgId: org.id, orgPath: org.path, orgLevel: org.level, sessionId: 'deadline-sweep' };
  }
}

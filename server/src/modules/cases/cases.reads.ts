import {
  allowedSteps,
  CASE_STATUS_STAGE,
  CaseKind,
  CaseStatus,
  CaseStep,
  describeDue,
  IntakeCategory,
  RiskLevel,
  SUGGESTED_STEPS,
  type Authority,
  type CaseDetail,
  type CaseListItem,
  type CaseListQuery,
  type DirectorCaseView,
} from '@wbt/shared';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import { eventLines, type FieldChange } from './cases.format';
import { STATION_ROLES, type CaseKit } from './cases.kit';
import { casesRepo, type CaseRow } from './cases.repo';

/** The reports to the police (110 calls, written reports) and to civil affairs on the chronology. */
function authorityReports(events: { step: string; dataEnc: string | null }[], open: (enc: string) => string | null): CaseDetail['authorityReports'] {
  const out: CaseDetail['authorityReports'] = [];
  for (const e of events) {
    if ((e.step !== 'police_call' && e.step !== 'report_authority') || !e.dataEnc) continue;
    const input = (JSON.parse(open(e.dataEnc) ?? '{}') as { input?: Record<string, unknown> }).input ?? {};
    if (e.step === 'police_call') out.push({ step: e.step, authority: 'police', at: String(input.calledAt), unit: (input.policeStation as string) ?? null });
    else out.push({ step: e.step, authority: input.authority as Authority, at: String(input.reportedAt), unit: (input.unit as string) ?? null });
  }
  return out;
}

export interface StaffOption {
  id: number;
  name: string;
}

/** Reading cases: the detail (staff or the village director's restricted view), the lists, and who can be named on a case. */
export class CaseReads {
  constructor(private readonly k: CaseKit) {}

  /** Case detail for township staff, or the restricted view for the child's village director; audited. */
  async detail(actor: Actor, caseId: number, opts: { audit?: boolean } = {}): Promise<CaseDetail | DirectorCaseView> {
    const row = await casesRepo.byId(this.k.db, caseId);
    if (!row) throw AppError.notFound('个案');
    await this.k.assertCanSee(actor, row);
    if (opts.audit !== false)
      await this.k.audit.record({ actor, action: 'case.view', targetType: 'case', targetId: row.id, result: 'ok', orgId: row.townshipId, detail: actor.role === 'director' ? { restricted: true } : undefined });
    if (actor.role === 'director') return this.directorView(actor, row);
    return this.staffView(actor, row);
  }

  private async directorView(actor: Actor, row: CaseRow): Promise<DirectorCaseView> {
    const village = row.villageId ? await this.k.org.get(row.villageId) : undefined;
    const tasks = (await this.k.tasks.forCase(row.id)).filter((t) => t.orgId === actor.orgId);
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
      child: this.k.openChild(row.childEnc),
      tasks,
      allowedSteps: [],
    };
  }

  private async staffView(actor: Actor, row: CaseRow): Promise<CaseDetail> {
    const [township, village, reports, referrals, tasks, clocks, events, ctx] = await Promise.all([
      this.k.org.get(row.townshipId),
      row.villageId ? this.k.org.get(row.villageId) : Promise.resolve(undefined),
      casesRepo.reportsOfCase(this.k.db, row.id),
      this.k.referrals.forCase(row.id),
      this.k.tasks.forCase(row.id),
      this.k.deadlines.allForCase(row.id),
      casesRepo.events(this.k.db, row.id),
      this.k.context(this.k.db, row, actor),
    ]);
    const names = await this.k.users.names([row.ownerUserId, ...(row.socialWorkerUserId ? [row.socialWorkerUserId] : []), ...referrals.map((r) => r.sentBy)]);
    const now = this.k.clock.now();
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
      authorityReports: authorityReports(events, (enc) => this.k.crypto.decrypt(enc)),
      policeReportMissing: row.harmSuspected === true && row.policeReportedAt === null,
      township: { id: row.townshipId, name: township?.name ?? '' },
      village: village ? { id: village.id, name: village.name } : null,
      childId: row.childId,
      child: this.k.openChild(row.childEnc),
      owner: { id: row.ownerUserId, name: names.get(row.ownerUserId) ?? '' },
      socialWorker: row.socialWorkerUserId ? { id: row.socialWorkerUserId, name: names.get(row.socialWorkerUserId) ?? '' } : null,
      followUpIntervalDays: row.followUpIntervalDays,
      followUpFinished: row.followUpFinished,
      firstReportedAt: row.firstReportedAt.toISOString(),
      openedAt: row.openedAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      archivedAt: row.archivedAt?.toISOString() ?? null,
      summary: this.k.crypto.decrypt(row.summaryEnc),
      reopenCount: row.reopenCount,
      sourceConsultationId: row.sourceConsultationId,
      reports: reports.map((t) => ({ reportId: t.reportId, category: t.category, categoryLabel: IntakeCategory.label(t.category), triagedAt: t.triagedAt.toISOString() })),
      referrals: referrals.map((r) => ({ ...r, filledByName: names.get(r.sentBy) ?? null })),
      tasks,
      clocks: (await this.k.deadlines.views(shown, now)).map((v) => {
        const c = shown.find((x) => x.id === v.id)!;
        return c.metAt || c.cancelledAt ? { ...v, overdue: false, dueText: c.metAt ? `已完成（超时）` : '已停止' } : v;
      }),
      events: events.map((e) => {
        const data = (e.dataEnc ? JSON.parse(this.k.crypto.decrypt(e.dataEnc) ?? '{}') : {}) as { changes?: FieldChange[]; input?: Record<string, unknown> };
        return {
          id: e.id,
          at: e.at.toISOString(),
          step: e.step,
          stepLabel: e.step === 'task_done' ? '任务完成' : e.step === 'child_linked' ? '从任务建档，关联儿童档案' : (CaseStep.labels[e.step as CaseStep] ?? e.step),
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
    const open = await this.k.deadlines.listFor(actor, {});
    // Late work of a case is a late clock or a late task of it: the overdue board's one definition.
    // Only the 只看已超时 filter needs the whole board; otherwise the page's own cases are checked.
    if (q.overdue) {
      const late = await this.k.deadlines.boardFor(actor, { overdueOnly: true });
      overdueCaseIds = [...new Set(late.items.flatMap((x) => (x.caseId ? [x.caseId] : [])))];
    }
    const filters = { riskLevel: q.riskLevel, childNameIdx: q.name ? (this.k.childNameIndex(q.name) ?? undefined) : undefined };
    if (q.villageId !== undefined && actor.role !== 'director') await this.k.org.assertInScope(actor, q.villageId, { type: 'org', id: q.villageId, what: '村（社区）' });
    const rows =
      actor.role === 'director'
        ? await casesRepo.list(this.k.db, { townshipIds: [], villageId: actor.orgId ?? -1, status: q.status, ids: overdueCaseIds, ...filters, before: q.before, limit: q.limit + 1 })
        : await casesRepo.list(this.k.db, {
            townshipIds: await this.k.townshipsOf(actor),
            villageId: q.villageId,
            status: q.status,
            userId: q.mine ? actor.userId : undefined,
            ids: overdueCaseIds,
            ...filters,
            before: q.before,
            limit: q.limit + 1,
          });
    const page = rows.slice(0, q.limit);
    const lateTasks = await this.k.tasks.lateCaseIds(page.map((r) => r.id));
    const names = await this.k.users.names(page.map((r) => r.ownerUserId));
    const villages = await this.k.org.names(page.flatMap((r) => (r.villageId ? [r.villageId] : [])));
    const now = this.k.clock.now();
    const items = page.map((r): CaseListItem => {
      const clocks = open.filter((c) => c.caseId === r.id).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
      const next = clocks[0];
      const child = this.k.openChild(r.childEnc);
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
        overdue: lateTasks.has(r.id) || clocks.some((c) => c.overdue),
        nextDue: next ? { kindLabel: next.kindLabel, dueAt: next.dueAt, dueText: describeDue(new Date(next.dueAt), now).text, overdue: next.overdue } : null,
      };
    });
    return { items, nextCursor: rows.length > q.limit ? page[page.length - 1].id : null };
  }

  /** Open cases of the actor's township, to link another report about the same child. */
  async linkable(actor: Actor): Promise<{ id: number; code: string; statusLabel: string; childName: string | null; villageName: string | null }[]> {
    if (!(STATION_ROLES as readonly string[]).includes(actor.role) || !actor.orgId) return [];
    const rows = await casesRepo.activeInTownship(this.k.db, actor.orgId, 100);
    const villages = await this.k.org.names(rows.flatMap((r) => (r.villageId ? [r.villageId] : [])));
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      statusLabel: CaseStatus.label(r.status),
      childName: this.k.openChild(r.childEnc)?.name ?? null,
      villageName: r.villageId ? (villages.get(r.villageId) ?? null) : null,
    }));
  }

  /** Who can be named on a case (owner, social worker, task assignee), for the assign and dispatch forms. */
  async assignable(
    actor: Actor,
    caseId: number,
  ): Promise<{ owners: StaffOption[]; socialWorkers: StaffOption[]; directors: StaffOption[]; supervisors: StaffOption[]; villages: StaffOption[]; firstVisitDefault: number | null }> {
    const row = await casesRepo.byId(this.k.db, caseId);
    if (!row) throw AppError.notFound('个案');
    if (actor.role === 'director') throw AppError.notFound('个案');
    await this.k.assertCanSee(actor, row);
    const [sups, heads, workers, directors, villages] = await Promise.all([
      this.k.users.staffOf(row.townshipId, 'supervisor'),
      this.k.users.staffOf(row.townshipId, 'station_head'),
      this.k.users.staffOf(row.townshipId, 'social_worker'),
      row.villageId ? this.k.users.staffOf(row.villageId, 'director') : Promise.resolve([]),
      this.k.org.children(row.townshipId),
    ]);
    const opt = (u: { id: number; name: string }) => ({ id: u.id, name: u.name });
    return {
      owners: [...sups, ...heads].map(opt),
      socialWorkers: workers.map(opt),
      directors: directors.map(opt),
      supervisors: sups.map(opt),
      villages: villages.filter((v) => v.level === 'village').map(opt),
      // A serious case's 24-hour first visit: the supervisor, not the village director (seed 002 §5.2).
      firstVisitDefault: row.serious ? await this.k.seriousVisitLead(row) : null,
    };
  }
}

import { ageOn, chinaDate, chinaMonth, maskName, monthStart, nationalSystemClock, type ChildCategory, type ChildDetail, type ChildSummary, type TaskView, type VillageOverview } from '@wbt/shared';
import type { Db } from '../../db/client';
import type { Actor } from '../../http/actor';
import type { Clock } from '../../lib/clock';
import type { AuditService } from '../audit/audit.service';
import type { UsersService } from '../auth/users.service';
import type { OrgService } from '../org/org.service';
import type { TasksService } from '../tasks/tasks.service';
import { profileOf, sortCategories, type ChildRecords } from './children.record';
import { childrenRepo, type ChildRow } from './children.repo';

/** Files as people read them: the list row, the whole file, the tasks list's line, and the township overview. */
export class ChildViews {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly org: OrgService,
    private readonly audit: AuditService,
    private readonly tasks: TasksService,
    private readonly users: UsersService,
    private readonly records: ChildRecords,
  ) {}

  async summariesOf(rows: ChildRow[]): Promise<ChildSummary[]> {
    const cats = await childrenRepo.categoriesOf(this.db, rows.map((r) => r.id));
    const now = this.clock.now();
    const today = chinaDate(now);
    const orgNames = new Map<number, string>();
    for (const id of new Set(rows.map((r) => r.orgId))) orgNames.set(id, (await this.org.get(id))?.name ?? '');
    return rows.map((r) => {
      const identity = this.records.identityOf(r);
      return {
        id: r.id,
        orgId: r.orgId,
        orgName: orgNames.get(r.orgId) ?? '',
        name: identity.name,
        maskedName: maskName(identity.name),
        sex: r.sex,
        age: ageOn(identity.dob, today),
        categories: sortCategories(cats.get(r.id) ?? []) as ChildCategory[],
        riskTier: r.riskTier,
        guardianshipState: r.guardianshipState as ChildSummary['guardianshipState'],
        visitIntervalDays: r.visitIntervalDays,
        lastVisitAt: r.lastVisitAt?.toISOString() ?? null,
        nextVisitDue: r.nextVisitDue?.toISOString() ?? null,
        visitOverdue: !!r.nextVisitDue && r.nextVisitDue < now,
        confirmStatus: r.confirmStatus,
        confirmDueAt: r.confirmDueAt?.toISOString() ?? null,
        confirmOverdue: r.confirmStatus === 'pending' && !!r.confirmDueAt && r.confirmDueAt < now,
        status: r.status,
      };
    });
  }

  async detailOf(row: ChildRow): Promise<ChildDetail> {
    const [summary] = await this.summariesOf([row]);
    const v = await this.records.valuesOf(row);
    const confirmer = row.confirmedBy ? await this.users.byId(row.confirmedBy) : undefined;
    const caseIds = [...new Set((await this.tasks.forChildRows(row.id)).map((t) => t.caseId).filter((x): x is number => x !== null))];
    return {
      ...summary,
      dob: v.dob,
      idNumber: v.idNumber,
      householdReg: v.householdReg,
      address: v.address,
      phone: v.phone,
      ...profileOf(v),
      parentsAway: v.parentsAway as ChildDetail['parentsAway'],
      entrustmentSigned: v.entrustmentSigned,
      schooling: v.schooling as ChildDetail['schooling'],
      closedAt: row.closedAt?.toISOString() ?? null,
      closeReason: (row.closeReason as ChildDetail['closeReason']) ?? null,
      nationalSystem: {
        enteredAt: row.nationalEnteredAt?.toISOString() ?? null,
        updatedAt: row.nationalUpdatedAt?.toISOString() ?? null,
        ...nationalSystemClock({ entryDueAt: row.nationalEntryDueAt, enteredAt: row.nationalEnteredAt, updatedAt: row.nationalUpdatedAt }, this.clock.now()),
      },
      visitedThisMonth: !!row.lastVisitAt && chinaMonth(row.lastVisitAt) === chinaMonth(this.clock.now()),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      confirmedAt: row.confirmedAt?.toISOString() ?? null,
      confirmedByName: confirmer?.name ?? null,
      caseIds,
    };
  }

  /** For the tasks list: who and where, for the people the task is for. */
  async summaries(ids: number[]): Promise<Map<number, NonNullable<TaskView['child']>>> {
    const rows = await childrenRepo.byIds(this.db, ids);
    const out = new Map<number, NonNullable<TaskView['child']>>();
    for (const r of rows) {
      const identity = this.records.identityOf(r);
      out.set(r.id, {
        id: r.id,
        name: identity.name,
        maskedName: maskName(identity.name),
        address: identity.address,
        orgName: (await this.org.get(r.orgId))?.name ?? '',
        riskTier: r.riskTier,
      });
    }
    return out;
  }

  /** Township overview (the caller checked the role): per village, files by tier and category, plan work per director, late visits and confirmations. */
  async overview(actor: Actor): Promise<VillageOverview[]> {
    const villages = (await this.org.tree(actor)).filter((o) => o.level === 'village').sort((a, b) => a.id - b.id);
    const ids = villages.map((v) => v.id);
    if (!ids.length) return [];
    const now = this.clock.now();
    const counts = new Map((await childrenRepo.countsByOrg(this.db, ids, now, monthStart(chinaMonth(now)))).map((c) => [c.orgId, c]));
    const cats = await childrenRepo.categoryCountsByOrg(this.db, ids);
    const directors = await this.users.staffOfOrgs(ids, 'director');
    const stats = await this.tasks.visitStats(actor, 30);
    const names = await this.users.names(stats.map((s) => s.assigneeUserId).filter((x): x is number => x !== null));
    await this.audit.record({ actor, action: 'child.overview', targetType: 'org', targetId: actor.orgId ?? 0, result: 'ok' });
    return villages.map((v) => {
      const c = counts.get(v.id);
      const byCategory: Record<string, number> = {};
      for (const row of cats) if (row.orgId === v.id) byCategory[row.category] = row.n;
      const work = new Map<number | null, { userId: number | null; name: string; planned30d: number; done30d: number; overdue: number }>();
      for (const d of directors.filter((d) => d.orgId === v.id)) work.set(d.id, { userId: d.id, name: d.name, planned30d: 0, done30d: 0, overdue: 0 });
      let planned = 0;
      let done = 0;
      for (const s of stats.filter((s) => s.orgId === v.id)) {
        planned += s.planned;
        done += s.done;
        const key = s.assigneeUserId;
        const w = work.get(key) ?? { userId: key, name: key ? (names.get(key) ?? '') : '未指定', planned30d: 0, done30d: 0, overdue: 0 };
        w.planned30d += s.planned;
        w.done30d += s.done;
        w.overdue += s.overdue;
        work.set(key, w);
      }
      return {
        orgId: v.id,
        orgName: v.name,
        directors: [...work.values()],
        files: c?.files ?? 0,
        byTier: { high: c?.high ?? 0, medium: c?.medium ?? 0, low: c?.low ?? 0 },
        byCategory,
        visitsOverdue: c?.visitsOverdue ?? 0,
        visitsPlanned30d: planned,
        visitsDone30d: done,
        confirmPending: c?.confirmPending ?? 0,
        confirmOverdue: c?.confirmOverdue ?? 0,
        activeFiles: c?.activeFiles ?? 0,
        visitedThisMonth: c?.visitedThisMonth ?? 0,
      };
    });
  }
}

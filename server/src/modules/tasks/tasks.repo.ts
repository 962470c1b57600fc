import { and, asc, eq, gt, gte, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { mergeKeyPages } from '../../db/keyset';
import { tasks } from '../../db/schema';
import { unionAll } from 'drizzle-orm/mysql-core';

export type TaskRow = typeof tasks.$inferSelect;
export type TaskInsert = typeof tasks.$inferInsert;

/** Keyset position: due time and id of the last row of the previous page. */
export interface TaskCursor {
  dueAt: Date;
  id: number;
}

/** Whose tasks: one user's own, or a pool (a role at an org). */
export type TaskOwner = { userId: number } | { poolOrgId: number; poolRole: string };

const afterCursor = (c: TaskCursor | undefined): SQL | undefined =>
  c ? or(gt(tasks.dueAt, c.dueAt), and(eq(tasks.dueAt, c.dueAt), gt(tasks.id, c.id))) : undefined;

const ownerWhere = (o: TaskOwner): SQL =>
  'userId' in o
    ? eq(tasks.assigneeUserId, o.userId)
    : and(isNull(tasks.assigneeUserId), eq(tasks.poolOrgId, o.poolOrgId), eq(tasks.poolRole, o.poolRole))!;

export interface DueWindow {
  from?: Date;
  /** Exclusive upper bound. */
  before?: Date;
  /** Inclusive upper bound. */
  until?: Date;
}

const windowWhere = (w: DueWindow): SQL[] => {
  const out: SQL[] = [];
  if (w.from) out.push(gte(tasks.dueAt, w.from));
  if (w.before) out.push(lt(tasks.dueAt, w.before));
  if (w.until) out.push(lte(tasks.dueAt, w.until));
  return out;
};

/** Open tasks per bucket: overdue (before now), due today, due later this week. */
export interface BucketWindows {
  now: Date;
  endToday: Date;
  endWeek: Date;
}

const bucketSums = (w: BucketWindows) => ({
  overdue: sql<number>`COALESCE(SUM(${tasks.dueAt} < ${w.now}), 0)`.mapWith(Number),
  today: sql<number>`COALESCE(SUM(${tasks.dueAt} >= ${w.now} AND ${tasks.dueAt} <= ${w.endToday}), 0)`.mapWith(Number),
  week: sql<number>`COALESCE(SUM(${tasks.dueAt} > ${w.endToday} AND ${tasks.dueAt} <= ${w.endWeek}), 0)`.mapWith(Number),
});

type BucketCounts = { overdue: number; today: number; week: number };
const addCounts = (rows: BucketCounts[]): BucketCounts =>
  rows.reduce((a, r) => ({ overdue: a.overdue + r.overdue, today: a.today + r.today, week: a.week + r.week }), { overdue: 0, today: 0, week: 0 });

const byDue = (a: TaskRow, b: TaskRow) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id;

export const tasksRepo = {
  insert: async (db: DbOrTx, row: TaskInsert): Promise<number> => (await db.insert(tasks).values(row).$returningId())[0].id,

  byId: async (db: DbOrTx, id: number): Promise<TaskRow | undefined> => (await db.select().from(tasks).where(eq(tasks.id, id)).limit(1))[0],

  /** Row lock for a state change inside a transaction. */
  byIdForUpdate: async (db: DbOrTx, id: number): Promise<TaskRow | undefined> =>
    (await db.select().from(tasks).where(eq(tasks.id, id)).limit(1).for('update'))[0],

  byOpenKey: async (db: DbOrTx, key: string): Promise<TaskRow | undefined> =>
    (await db.select().from(tasks).where(eq(tasks.openKey, key)).limit(1).for('update'))[0],

  update: (db: DbOrTx, id: number, set: Partial<TaskInsert>) => db.update(tasks).set(set).where(eq(tasks.id, id)),

  /** Open tasks of one owner in a due window, (due_at, id) order, from a keyset cursor. */
  openFor: (db: DbOrTx, owner: TaskOwner, w: DueWindow, cursor: TaskCursor | undefined, limit: number) =>
    db
      .select()
      .from(tasks)
      .where(and(ownerWhere(owner), eq(tasks.status, 'open'), ...windowWhere(w), afterCursor(cursor)))
      .orderBy(asc(tasks.dueAt), asc(tasks.id))
      .limit(limit),

  /** openFor over several owners in one statement (each owner's index range, merged). */
  async openForOwners(db: DbOrTx, owners: TaskOwner[], w: DueWindow, cursor: TaskCursor | undefined, limit: number): Promise<TaskRow[]> {
    const one = (o: TaskOwner) => tasksRepo.openFor(db, o, w, cursor, limit);
    if (owners.length === 1) return one(owners[0]);
    const [a, b, ...rest] = owners.map(one) as unknown as Parameters<typeof unionAll>;
    return ((await unionAll(a, b, ...rest)) as unknown as TaskRow[]).sort(byDue).slice(0, limit);
  },

  /** Of these cases, those with an open task past its due time (one index range per case). */
  lateCaseIds: async (db: DbOrTx, caseIds: number[], now: Date): Promise<number[]> =>
    caseIds.length === 0
      ? []
      : (
          await db
            .selectDistinct({ caseId: tasks.caseId })
            .from(tasks)
            .where(and(inArray(tasks.caseId, caseIds), eq(tasks.status, 'open'), lt(tasks.dueAt, now)))
        ).flatMap((r) => (r.caseId === null ? [] : [r.caseId])),

  /** Each bucket's open tasks of these owners, in one statement (one index range per owner). */
  async bucketCountsFor(db: DbOrTx, owners: TaskOwner[], w: BucketWindows): Promise<BucketCounts> {
    const one = (o: TaskOwner) =>
      db
        .select(bucketSums(w))
        .from(tasks)
        .where(and(ownerWhere(o), eq(tasks.status, 'open'), lte(tasks.dueAt, w.endWeek)));
    if (owners.length === 1) return addCounts(await one(owners[0]));
    const [a, b, ...rest] = owners.map(one) as unknown as Parameters<typeof unionAll>;
    return addCounts((await unionAll(a, b, ...rest)) as unknown as BucketCounts[]);
  },

  /** Each bucket's open tasks in these orgs, in one statement. */
  bucketCountsInOrgs: async (db: DbOrTx, orgIds: number[], w: BucketWindows): Promise<BucketCounts> =>
    addCounts(
      await db
        .select(bucketSums(w))
        .from(tasks)
        .where(and(inArray(tasks.orgId, orgIds), eq(tasks.status, 'open'), lte(tasks.dueAt, w.endWeek))),
    ),

  /** Tasks of a set of orgs (a supervisor's scope) with filters, keyset-paged. */
  inOrgs: (
    db: DbOrTx,
    orgIds: number[],
    f: { status: TaskRow['status']; kind?: string; assigneeUserId?: number; window: DueWindow },
    cursor: TaskCursor | undefined,
    limit: number,
  ): Promise<TaskRow[]> => {
    // Forced for the same reason as the incoming reports: deep cursors over a large history.
    const page = (orgWhere: SQL) =>
      db
        .select()
        .from(tasks, { forceIndex: 'tasks_org_idx' })
        .where(
          and(
            orgWhere,
            eq(tasks.status, f.status),
            f.kind ? eq(tasks.kind, f.kind) : undefined,
            f.assigneeUserId ? eq(tasks.assigneeUserId, f.assigneeUserId) : undefined,
            ...windowWhere(f.window),
            afterCursor(cursor),
          ),
        )
        .orderBy(asc(tasks.dueAt), asc(tasks.id))
        .limit(limit);
    // Each village's (org, status, due_at, id) range in order, merged: no sort of the scope's history.
    return mergeKeyPages(orgIds, (id) => page(eq(tasks.orgId, id)), byDue, limit, () => page(inArray(tasks.orgId, orgIds)));
  },

  /** Per org and assignee: open overdue tasks, and visit tasks due in a window by status. */
  statsByOrg: (db: DbOrTx, orgIds: number[], kinds: readonly string[], now: Date, windowStart: Date) =>
    db
      .select({
        orgId: tasks.orgId,
        assigneeUserId: tasks.assigneeUserId,
        overdue: sql<number>`SUM(CASE WHEN ${tasks.status} = 'open' AND ${tasks.dueAt} < ${now} THEN 1 ELSE 0 END)`.mapWith(Number),
        planned: sql<number>`SUM(CASE WHEN ${tasks.status} <> 'cancelled' AND ${tasks.dueAt} >= ${windowStart} AND ${tasks.dueAt} < ${now} THEN 1 ELSE 0 END)`.mapWith(Number),
        done: sql<number>`SUM(CASE WHEN ${tasks.status} = 'done' AND ${tasks.dueAt} >= ${windowStart} AND ${tasks.dueAt} < ${now} THEN 1 ELSE 0 END)`.mapWith(Number),
      })
      .from(tasks)
      .where(and(inArray(tasks.orgId, orgIds), inArray(tasks.kind, [...kinds]), or(eq(tasks.status, 'open'), gte(tasks.dueAt, windowStart))))
      .groupBy(tasks.orgId, tasks.assigneeUserId),

  forCase: (db: DbOrTx, caseId: number) => db.select().from(tasks).where(eq(tasks.caseId, caseId)).orderBy(asc(tasks.dueAt), asc(tasks.id)),

  forChild: (db: DbOrTx, childId: number) => db.select().from(tasks).where(eq(tasks.childId, childId)).orderBy(asc(tasks.dueAt), asc(tasks.id)),

  openForChild: (db: DbOrTx, childId: number) =>
    db.select().from(tasks).where(and(eq(tasks.childId, childId), eq(tasks.status, 'open'))).orderBy(asc(tasks.dueAt), asc(tasks.id)),

  /** Open tasks past due that nobody has been told about yet. */
  overdueUnnotified: (db: DbOrTx, now: Date, limit: number) =>
    db
      .select()
      .from(tasks)
      .where(and(eq(tasks.status, 'open'), lt(tasks.dueAt, now), isNull(tasks.overdueNotifiedAt)))
      .orderBy(asc(tasks.dueAt))
      .limit(limit),

  /** Claims the overdue notice of a task; false when another worker already did. */
  markOverdueNotified: async (db: DbOrTx, id: number, at: Date): Promise<boolean> => {
    const [res] = await db
      .update(tasks)
      .set({ overdueNotifiedAt: at })
      .where(and(eq(tasks.id, id), isNull(tasks.overdueNotifiedAt)));
    return res.affectedRows === 1;
  },
};

import { and, asc, count, desc, eq, gt, inArray, isNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import { mergeKeyPages } from '../../db/keyset';
import type { DbOrTx } from '../../db/client';
import { childCategories, childGuardianIds, childHistory, children } from '../../db/schema';

export type ChildRow = typeof children.$inferSelect;
export type ChildInsert = typeof children.$inferInsert;
export type ChildHistoryRow = typeof childHistory.$inferSelect;

export interface ChildListFilter {
  orgIds: number[];
  category?: string;
  riskTier?: ChildRow['riskTier'];
  /** Blind index of an exact name. */
  nameIdx?: string;
  confirm?: 'pending' | 'overdue';
  visitOverdue?: boolean;
  now: Date;
  after?: number;
  limit: number;
}

export const childrenRepo = {
  insert: async (db: DbOrTx, row: ChildInsert): Promise<number> => (await db.insert(children).values(row).$returningId())[0].id,

  byId: async (db: DbOrTx, id: number): Promise<ChildRow | undefined> => (await db.select().from(children).where(eq(children.id, id)).limit(1))[0],

  byIdForUpdate: async (db: DbOrTx, id: number): Promise<ChildRow | undefined> =>
    (await db.select().from(children).where(eq(children.id, id)).limit(1).for('update'))[0],

  byIds: (db: DbOrTx, ids: number[]) => (ids.length ? db.select().from(children).where(inArray(children.id, ids)) : Promise.resolve([] as ChildRow[])),

  update: (db: DbOrTx, id: number, set: Partial<ChildInsert>) => db.update(children).set(set).where(eq(children.id, id)),

  byIdNumberIdx: (db: DbOrTx, idx: string) =>
    db.select({ id: children.id, orgId: children.orgId, identityEnc: children.identityEnc }).from(children).where(eq(children.idNumberIdx, idx)).limit(5),

  byNameDobIdx: (db: DbOrTx, idx: string, orgId: number) =>
    db
      .select({ id: children.id, orgId: children.orgId, identityEnc: children.identityEnc })
      .from(children)
      .where(and(eq(children.nameDobIdx, idx), eq(children.orgId, orgId)))
      .limit(20),

  setCategories: async (db: DbOrTx, childId: number, categories: string[]): Promise<void> => {
    await db.delete(childCategories).where(eq(childCategories.childId, childId));
    if (categories.length) await db.insert(childCategories).values(categories.map((category) => ({ childId, category })));
  },

  setAdultIds: async (db: DbOrTx, childId: number, idxs: string[]): Promise<void> => {
    await db.delete(childGuardianIds).where(eq(childGuardianIds.childId, childId));
    if (idxs.length) await db.insert(childGuardianIds).values(idxs.map((idNumberIdx) => ({ childId, idNumberIdx })));
  },

  categoriesOf: async (db: DbOrTx, ids: number[]): Promise<Map<number, string[]>> => {
    const out = new Map<number, string[]>(ids.map((id) => [id, []]));
    if (!ids.length) return out;
    const rows = await db.select().from(childCategories).where(inArray(childCategories.childId, ids));
    for (const r of rows) out.get(r.childId)?.push(r.category);
    return out;
  },

  /** Files written before the name index existed (backfilled in small batches). */
  withoutNameIndex: (db: DbOrTx, limit: number) => db.select({ id: children.id, identityEnc: children.identityEnc }).from(children).where(isNull(children.nameIdx)).limit(limit),

  setNameIndex: (db: DbOrTx, id: number, nameIdx: string) => db.update(children).set({ nameIdx }).where(eq(children.id, id)),

  /** A page of files in a set of orgs, by id (keyset). */
  /** Files in these villages by id, keyset-paged: each village's (org_id, id) range in order, merged. */
  list: (db: DbOrTx, f: ChildListFilter): Promise<ChildRow[]> => {
    const page = (place: SQL) =>
      db
        .select()
        .from(children, { forceIndex: 'children_org_idx' })
        .where(
          and(
            place,
            f.category
              ? sql`EXISTS (SELECT 1 FROM ${childCategories} WHERE ${childCategories.childId} = ${children.id} AND ${childCategories.category} = ${f.category})`
              : undefined,
            f.riskTier ? eq(children.riskTier, f.riskTier) : undefined,
            f.nameIdx ? eq(children.nameIdx, f.nameIdx) : undefined,
            f.confirm ? eq(children.confirmStatus, 'pending') : undefined,
            f.confirm === 'overdue' ? lt(children.confirmDueAt, f.now) : undefined,
            f.visitOverdue === true ? lt(children.nextVisitDue, f.now) : undefined,
            f.after ? gt(children.id, f.after) : undefined,
          ),
        )
        .orderBy(asc(children.id))
        .limit(f.limit);
    return mergeKeyPages(f.orgIds, (id) => page(eq(children.orgId, id)), (a, b) => a.id - b.id, f.limit, () => page(inArray(children.orgId, f.orgIds)));
  },

  /** Per org: files, by tier, late visits, pending and late confirmations. */
  countsByOrg: (db: DbOrTx, orgIds: number[], now: Date, monthStart: Date) =>
    db
      .select({
        orgId: children.orgId,
        files: count(),
        high: sql<number>`SUM(${children.riskTier} = 'high')`.mapWith(Number),
        medium: sql<number>`SUM(${children.riskTier} = 'medium')`.mapWith(Number),
        low: sql<number>`SUM(${children.riskTier} = 'low')`.mapWith(Number),
        visitsOverdue: sql<number>`SUM(${children.nextVisitDue} < ${now})`.mapWith(Number),
        confirmPending: sql<number>`SUM(${children.confirmStatus} = 'pending')`.mapWith(Number),
        confirmOverdue: sql<number>`SUM(${children.confirmStatus} = 'pending' AND ${children.confirmDueAt} < ${now})`.mapWith(Number),
        activeFiles: sql<number>`SUM(${children.status} = 'active')`.mapWith(Number),
        visitedThisMonth: sql<number>`SUM(${children.status} = 'active' AND ${children.lastVisitAt} >= ${monthStart})`.mapWith(Number),
      })
      .from(children)
      .where(inArray(children.orgId, orgIds))
      .groupBy(children.orgId),

  categoryCountsByOrg: (db: DbOrTx, orgIds: number[]) =>
    db
      .select({ orgId: children.orgId, category: childCategories.category, n: count() })
      .from(childCategories)
      .innerJoin(children, eq(children.id, childCategories.childId))
      .where(inArray(children.orgId, orgIds))
      .groupBy(children.orgId, childCategories.category),

  insertHistory: (db: DbOrTx, row: typeof childHistory.$inferInsert) => db.insert(childHistory).values(row),

  historyOf: (db: DbOrTx, childId: number, limit = 200) =>
    db.select().from(childHistory).where(eq(childHistory.childId, childId)).orderBy(desc(childHistory.id)).limit(limit),

  /** Other files sharing an ID-number index (there can be none but the file itself). */
  idNumberTakenByOther: async (db: DbOrTx, idx: string, childId: number): Promise<boolean> =>
    (await db.select({ id: children.id }).from(children).where(and(eq(children.idNumberIdx, idx), ne(children.id, childId))).limit(1)).length > 0,
};

import { and, asc, count, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { childCategories, children } from '../../db/schema';
import type { ChildRow } from './children.repo';

export interface ChildRosterFilter {
  orgIds: number[];
  /** Any of these categories. */
  categories: readonly string[];
  /** Files that existed before this instant (the roster as of the end of the period). */
  createdBefore: Date | null;
}

const where = (f: ChildRosterFilter) =>
  and(
    inArray(children.orgId, f.orgIds),
    sql`EXISTS (SELECT 1 FROM ${childCategories} WHERE ${childCategories.childId} = ${children.id} AND ${inArray(childCategories.category, [...f.categories])})`,
    f.createdBefore ? lt(children.createdAt, f.createdBefore) : undefined,
  );

/** Reads of the child files for rosters and statistics: keyset pages by (village, id), and counts. */
export const childrenLedgerRepo = {
  page: (db: DbOrTx, f: ChildRosterFilter, after: { orgId: number; id: number } | null, limit: number): Promise<ChildRow[]> =>
    db
      .select()
      .from(children)
      .where(and(where(f), after ? sql`(${children.orgId}, ${children.id}) > (${after.orgId}, ${after.id})` : undefined))
      .orderBy(asc(children.orgId), asc(children.id))
      .limit(limit),

  count: async (db: DbOrTx, f: ChildRosterFilter): Promise<number> =>
    f.orgIds.length ? Number((await db.select({ n: count() }).from(children).where(where(f)))[0]?.n ?? 0) : 0,
};

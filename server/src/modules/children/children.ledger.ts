import { and, asc, count, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { childCategories, children } from '../../db/schema';
import type { ChildRow } from './children.repo';

/** The columns a roster line needs (fewer columns to read and map per row). */
const rosterColumns = {
  id: children.id,
  orgId: children.orgId,
  identityEnc: children.identityEnc,
  profileEnc: children.profileEnc,
  sex: children.sex,
  riskTier: children.riskTier,
  guardianshipState: children.guardianshipState,
  parentsAway: children.parentsAway,
  entrustmentSigned: children.entrustmentSigned,
  schooling: children.schooling,
  lastVisitAt: children.lastVisitAt,
  nextVisitDue: children.nextVisitDue,
};
export type ChildRosterRow = Pick<ChildRow, keyof typeof rosterColumns>;

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
  /**
   * The next rows after (orgId, id), village by village: each query is `org_id = ? AND id > ?` on the
   * (org_id, id) index, so a page costs the same on the first and the hundredth page.
   */
  page: async (db: DbOrTx, f: ChildRosterFilter, after: { orgId: number; id: number } | null, limit: number): Promise<ChildRosterRow[]> => {
    const out: ChildRosterRow[] = [];
    const orgs = [...f.orgIds].sort((a, b) => a - b).filter((o) => !after || o >= after.orgId);
    for (const orgId of orgs) {
      const afterId = after && after.orgId === orgId ? after.id : 0;
      const rows = await db
        .select(rosterColumns)
        .from(children)
        .where(and(eq(children.orgId, orgId), gt(children.id, afterId), where({ ...f, orgIds: [orgId] })))
        .orderBy(asc(children.id))
        .limit(limit - out.length);
      out.push(...rows);
      if (out.length >= limit) break;
    }
    return out;
  },

  count: async (db: DbOrTx, f: ChildRosterFilter): Promise<number> =>
    f.orgIds.length ? Number((await db.select({ n: count() }).from(children).where(where(f)))[0]?.n ?? 0) : 0,
};

import { and, asc, count, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { RowDataPacket } from 'mysql2';
import { poolOf, type Db, type DbOrTx } from '../../db/client';
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
const rosterKeys = Object.keys(rosterColumns) as (keyof typeof rosterColumns)[];
export type ChildRosterRow = Pick<ChildRow, keyof typeof rosterColumns> & {
  /** The child's categories among the roster's, comma-separated in no particular order. */
  categories: string;
};

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
  page: async (db: Db, f: ChildRosterFilter, after: { orgId: number; id: number } | null, limit: number): Promise<ChildRosterRow[]> => {
    const out: ChildRosterRow[] = [];
    const orgs = [...f.orgIds].sort((a, b) => a - b).filter((o) => !after || o >= after.orgId);
    const cats = [...f.categories];
    for (const orgId of orgs) {
      const afterId = after && after.orgId === orgId ? after.id : 0;
      const q = db
        .select({
          ...rosterColumns,
          categories: sql<string>`(SELECT GROUP_CONCAT(${childCategories.category}) FROM ${childCategories} WHERE ${childCategories.childId} = ${children.id} AND ${inArray(childCategories.category, cats)})`,
        })
        .from(children)
        .where(and(eq(children.orgId, orgId), gt(children.id, afterId), where({ ...f, orgIds: [orgId] })))
        .orderBy(asc(children.id))
        .limit(limit - out.length)
        .toSQL();
      // Run on the pool directly: the driver's own row parser, without the ORM's per-field mapping and
      // type casts (a third of the roster export's CPU went there). DATETIMEs come back as UTC Dates.
      const [rows] = await poolOf(db).query<RowDataPacket[]>({ sql: q.sql, values: q.params, rowsAsArray: true });
      for (const r of rows as unknown[][]) {
        const row = {} as Record<string, unknown>;
        rosterKeys.forEach((k, i) => (row[k] = r[i]));
        row.entrustmentSigned = Boolean(row.entrustmentSigned);
        row.categories = r[rosterKeys.length] ?? '';
        out.push(row as ChildRosterRow);
      }
      if (out.length >= limit) break;
    }
    return out;
  },

  count: async (db: DbOrTx, f: ChildRosterFilter): Promise<number> =>
    f.orgIds.length ? Number((await db.select({ n: count() }).from(children).where(where(f)))[0]?.n ?? 0) : 0,
};

import { and, asc, count, gte, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { visits } from '../../db/schema';
import type { VisitRow } from './visits.repo';

export interface VisitLedgerFilter {
  orgIds: number[];
  from: Date | null;
  toExclusive: Date | null;
}

const where = (f: VisitLedgerFilter) =>
  and(inArray(visits.orgId, f.orgIds), f.from ? gte(visits.visitedAt, f.from) : undefined, f.toExclusive ? lt(visits.visitedAt, f.toExclusive) : undefined);

/** Reads of visit records for the visit ledger and statistics. */
export const visitsLedgerRepo = {
  /** Keyset by (visitedAt, id). */
  page: (db: DbOrTx, f: VisitLedgerFilter, after: { at: Date; id: number } | null, limit: number): Promise<VisitRow[]> =>
    db
      .select()
      .from(visits)
      .where(and(where(f), after ? sql`${visits.visitedAt} >= ${after.at} AND (${visits.visitedAt} > ${after.at} OR ${visits.id} > ${after.id})` : undefined))
      .orderBy(asc(visits.visitedAt), asc(visits.id))
      .limit(limit),

  count: async (db: DbOrTx, f: VisitLedgerFilter): Promise<number> =>
    f.orgIds.length ? Number((await db.select({ n: count() }).from(visits).where(where(f)))[0]?.n ?? 0) : 0,

  /** Visits per China calendar month. */
  byMonth: (db: DbOrTx, f: VisitLedgerFilter) =>
    db
      .select({ month: sql<string>`DATE_FORMAT(CONVERT_TZ(${visits.visitedAt}, '+00:00', '+08:00'), '%Y-%m')`, n: count() })
      .from(visits)
      .where(where(f))
      .groupBy(sql`1`),

  /** Distinct (child, China month) pairs with a visit: what covers a child due that month. */
  childMonths: (db: DbOrTx, f: VisitLedgerFilter) =>
    db
      .selectDistinct({ childId: visits.childId, month: sql<string>`DATE_FORMAT(CONVERT_TZ(${visits.visitedAt}, '+00:00', '+08:00'), '%Y-%m')` })
      .from(visits)
      .where(where(f)),
};

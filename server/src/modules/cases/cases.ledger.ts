import { and, asc, count, gte, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { cases, deadlineClocks, tasks } from '../../db/schema';

export interface CaseLedgerFilter {
  /** A case belongs to a node when its village or its township is in the node's subtree. */
  orgIds: number[];
  from: Date | null;
  toExclusive: Date | null;
}

const inNode = (orgIds: number[]) => or(inArray(cases.townshipId, orgIds), inArray(cases.villageId, orgIds));
const where = (f: CaseLedgerFilter) =>
  and(inNode(f.orgIds), f.from ? gte(cases.openedAt, f.from) : undefined, f.toExclusive ? lt(cases.openedAt, f.toExclusive) : undefined);

export type CaseLedgerRow = typeof cases.$inferSelect;

/** Reads of cases for the 救助保护名册 and the statistics. */
export const casesLedgerRepo = {
  /** Cases opened in the period, keyset by (openedAt, id). */
  page: (db: DbOrTx, f: CaseLedgerFilter, after: { at: Date; id: number } | null, limit: number): Promise<CaseLedgerRow[]> =>
    db
      .select()
      .from(cases)
      .where(and(where(f), after ? sql`${cases.openedAt} >= ${after.at} AND (${cases.openedAt} > ${after.at} OR ${cases.id} > ${after.id})` : undefined))
      .orderBy(asc(cases.openedAt), asc(cases.id))
      .limit(limit),

  count: async (db: DbOrTx, f: CaseLedgerFilter): Promise<number> =>
    f.orgIds.length ? Number((await db.select({ n: count() }).from(cases).where(where(f)))[0]?.n ?? 0) : 0,

  /** Cases archived in the period. */
  archivedCount: async (db: DbOrTx, f: CaseLedgerFilter): Promise<number> =>
    f.orgIds.length
      ? Number(
          (
            await db
              .select({ n: count() })
              .from(cases)
              .where(and(inNode(f.orgIds), f.from ? gte(cases.archivedAt, f.from) : undefined, f.toExclusive ? lt(cases.archivedAt, f.toExclusive) : sql`${cases.archivedAt} IS NOT NULL`))
          )[0]?.n ?? 0,
        )
      : 0,

  /** Open cases now, by risk level and status. */
  openByRiskAndStatus: (db: DbOrTx, orgIds: number[]) =>
    db
      .select({ risk: cases.riskLevel, status: cases.status, n: count() })
      .from(cases)
      .where(and(inNode(orgIds), ne(cases.status, 'archived')))
      .groupBy(cases.riskLevel, cases.status),

  /** Opened in the period: first report, opening, archive, and the first case visit done (for durations). */
  timings: (db: DbOrTx, f: CaseLedgerFilter) =>
    db
      .select({
        id: cases.id,
        firstReportedAt: cases.firstReportedAt,
        openedAt: cases.openedAt,
        archivedAt: cases.archivedAt,
        firstVisitAt: sql<Date | null>`(SELECT MIN(${tasks.completedAt}) FROM ${tasks} WHERE ${tasks.caseId} = ${cases.id} AND ${tasks.status} = 'done' AND ${tasks.kind} IN ('first_visit', 'verification'))`.mapWith(tasks.completedAt),
      })
      .from(cases)
      .where(where(f))
      .orderBy(asc(cases.id)),

  /** Clocks running late now (not met, not cancelled, past due), with their case's village. */
  overdueClocks: (db: DbOrTx, orgIds: number[], now: Date) =>
    db
      .select({ id: deadlineClocks.id, kind: deadlineClocks.kind, ownerUserId: deadlineClocks.ownerUserId, townshipId: deadlineClocks.townshipId, villageId: cases.villageId })
      .from(deadlineClocks)
      .leftJoin(cases, sql`${cases.id} = ${deadlineClocks.caseId}`)
      .where(
        and(
          or(inArray(deadlineClocks.townshipId, orgIds), inArray(cases.villageId, orgIds)),
          isNull(deadlineClocks.metAt),
          isNull(deadlineClocks.cancelledAt),
          lt(deadlineClocks.dueAt, now),
        ),
      ),
};

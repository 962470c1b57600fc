import { and, eq, gte, inArray, lt, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { tasks } from '../../db/schema';

/** Reads of the visit plan for statistics: the periodic-visit tasks due each China calendar month. */
export const tasksLedgerRepo = {
  /** Per month: children with a periodic visit due (not cancelled), and of those the ones whose visit was done. */
  planByMonth: (db: DbOrTx, orgIds: number[], from: Date, toExclusive: Date) =>
    orgIds.length
      ? db
          .select({
            month: sql<string>`DATE_FORMAT(CONVERT_TZ(${tasks.dueAt}, '+00:00', '+08:00'), '%Y-%m')`,
            due: sql<number>`COUNT(DISTINCT ${tasks.childId})`.mapWith(Number),
            covered: sql<number>`COUNT(DISTINCT CASE WHEN ${tasks.status} = 'done' THEN ${tasks.childId} END)`.mapWith(Number),
          })
          .from(tasks)
          .where(and(inArray(tasks.orgId, orgIds), eq(tasks.kind, 'periodic_visit'), ne(tasks.status, 'cancelled'), gte(tasks.dueAt, from), lt(tasks.dueAt, toExclusive)))
          .groupBy(sql`1`)
      : Promise.resolve([]),
};

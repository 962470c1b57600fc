import { and, asc, desc, eq, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { mergeKeyPages } from '../../db/keyset';
import { reportIdempotency, reportMessages, reports } from '../../db/schema';

export type ReportRow = typeof reports.$inferSelect;
export type ReportMessageRow = typeof reportMessages.$inferSelect;
export type IdempotencyRow = typeof reportIdempotency.$inferSelect;

export interface IncomingFilter {
  /** The receiving townships. */
  orgIds: number[];
  status?: ReportRow['status'];
  kind?: ReportRow['kind'];
  orgId?: number;
  after?: { receivedAt: Date; id: number };
  limit: number;
}

export const reportsRepo = {
  async insert(db: DbOrTx, row: typeof reports.$inferInsert): Promise<number> {
    const [{ id }] = await db.insert(reports).values(row).$returningId();
    return id;
  },
  byId: async (db: DbOrTx, id: number): Promise<ReportRow | undefined> => (await db.select().from(reports).where(eq(reports.id, id)).limit(1))[0],
  /** Locks the row for a status change. */
  byIdForUpdate: async (db: DbOrTx, id: number): Promise<ReportRow | undefined> =>
    (await db.select().from(reports).where(eq(reports.id, id)).limit(1).for('update'))[0],
  /** Any receipt hash of the first version (bare hex sorts below 'v2:', so this is one index probe). */
  hasLegacyReceiptHash: async (db: DbOrTx): Promise<boolean> =>
    (await db.select({ id: reports.id }).from(reports).where(lt(reports.receiptHash, 'v2:')).limit(1)).length > 0,
  idByReceiptHash: async (db: DbOrTx, hash: string): Promise<number | undefined> =>
    (await db.select({ id: reports.id }).from(reports).where(eq(reports.receiptHash, hash)).limit(1))[0]?.id,
  update: (db: DbOrTx, id: number, set: Partial<typeof reports.$inferInsert>) => db.update(reports).set(set).where(eq(reports.id, id)),

  /**
   * Newest first, keyset on (received_at, id): a page costs the same at any depth. Each township's
   * range of reports_incoming_idx / reports_status_idx is read in order and limited; several
   * townships are merged (see mergeKeyPages).
   */
  incoming(db: DbOrTx, f: IncomingFilter): Promise<ReportRow[]> {
    const page = (township: SQL) => {
      const where: (SQL | undefined)[] = [township];
      if (f.status) where.push(eq(reports.status, f.status));
      if (f.kind) where.push(eq(reports.kind, f.kind));
      if (f.orgId) where.push(eq(reports.orgId, f.orgId));
      if (f.after) {
        where.push(or(lt(reports.receivedAt, f.after.receivedAt), and(eq(reports.receivedAt, f.after.receivedAt), lt(reports.id, f.after.id))));
      }
      // Forced: on a deep cursor over one large township the optimizer otherwise weighs the whole
      // range, ignores the LIMIT and picks a full scan and a sort (measured: 2 s at 1,000,000 rows).
      return db
        .select()
        .from(reports, { forceIndex: f.status ? 'reports_status_idx' : 'reports_incoming_idx' })
        .where(and(...where))
        .orderBy(desc(reports.receivedAt), desc(reports.id))
        .limit(f.limit);
    };
    const newestFirst = (a: ReportRow, b: ReportRow) => b.receivedAt.getTime() - a.receivedAt.getTime() || b.id - a.id;
    return mergeKeyPages(f.orgIds, (id) => page(eq(reports.townshipId, id)), newestFirst, f.limit, () => page(inArray(reports.townshipId, f.orgIds)));
  },
  byReporter: (db: DbOrTx, userId: number, limit: number) =>
    db.select().from(reports).where(eq(reports.reporterUserId, userId)).orderBy(desc(reports.receivedAt), desc(reports.id)).limit(limit),

  async insertMessage(db: DbOrTx, row: typeof reportMessages.$inferInsert): Promise<number> {
    const [{ id }] = await db.insert(reportMessages).values(row).$returningId();
    return id;
  },
  setMessagePhotos: (db: DbOrTx, id: number, photoCount: number) => db.update(reportMessages).set({ photoCount }).where(eq(reportMessages.id, id)),
  messages: (db: DbOrTx, reportId: number) =>
    db.select().from(reportMessages).where(eq(reportMessages.reportId, reportId)).orderBy(asc(reportMessages.id)),
  lastMessageAt: async (db: DbOrTx, reportIds: number[]): Promise<Map<number, Date>> => {
    if (reportIds.length === 0) return new Map();
    const rows = await db
      .select({ reportId: reportMessages.reportId, at: sql<Date>`max(${reportMessages.at})`.mapWith(reportMessages.at) })
      .from(reportMessages)
      .where(inArray(reportMessages.reportId, reportIds))
      .groupBy(reportMessages.reportId);
    return new Map(rows.map((r) => [r.reportId, r.at]));
  },

  /** Reports whose clocks the sweep has not started yet, oldest first (reports_clocks_pending_idx). */
  clocksPending: (db: DbOrTx, limit: number) =>
    db
      .select({ id: reports.id, status: reports.status, townshipId: reports.townshipId, receivedAt: reports.receivedAt })
      .from(reports)
      .where(eq(reports.clocksPending, true))
      .orderBy(asc(reports.id))
      .limit(limit),
  clearClocksPending: (db: DbOrTx, ids: number[]) =>
    ids.length === 0 ? Promise.resolve() : db.update(reports).set({ clocksPending: false }).where(inArray(reports.id, ids)).then(() => undefined),
  /** Times of the station's replies on these threads (report_messages_report_idx). */
  stationMessageTimes: (db: DbOrTx, reportIds: number[]) =>
    reportIds.length === 0
      ? Promise.resolve([] as { reportId: number; at: Date }[])
      : db
          .select({ reportId: reportMessages.reportId, at: reportMessages.at })
          .from(reportMessages)
          .where(and(inArray(reportMessages.reportId, reportIds), eq(reportMessages.author, 'station'))),

  idempotency: async (db: DbOrTx, keyHash: string): Promise<IdempotencyRow | undefined> =>
    (await db.select().from(reportIdempotency).where(eq(reportIdempotency.keyHash, keyHash)).limit(1))[0],
  insertIdempotency: (db: DbOrTx, row: IdempotencyRow) => db.insert(reportIdempotency).values(row),
  /**
   * Forgets up to `limit` encrypted receipt codes whose time is up (the link to the report stays).
   * A range of the expiry index, oldest first: the cost is the batch, never the table.
   */
  async forgetExpiredReceipts(db: DbOrTx, now: Date, limit: number): Promise<number> {
    const [res] = await db
      .update(reportIdempotency)
      .set({ receiptEnc: null, receiptExpiresAt: null })
      .where(lte(reportIdempotency.receiptExpiresAt, now))
      .orderBy(asc(reportIdempotency.receiptExpiresAt))
      .limit(limit);
    return res.affectedRows;
  },
  /** Deletes up to `limit` idempotency rows created before `before`, oldest first (created_at index). */
  async deleteIdempotencyBefore(db: DbOrTx, before: Date, limit: number): Promise<number> {
    const [res] = await db.delete(reportIdempotency).where(lt(reportIdempotency.createdAt, before)).orderBy(asc(reportIdempotency.createdAt)).limit(limit);
    return res.affectedRows;
  },
};

import { and, asc, desc, eq, gt, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { consultationMessages, consultations } from '../../db/schema';

export type ConsultationRow = typeof consultations.$inferSelect;
export type ConsultationInsert = typeof consultations.$inferInsert;
export type MessageRow = typeof consultationMessages.$inferSelect;

export interface QueueFilter {
  orgIds: number[];
  status?: ConsultationRow['status'];
  /** Only waiting consultations whose reply is overdue at this instant. */
  overdueAt?: Date;
  /** Keyset position: (due_at, id) ascending for the waiting queue, (last_message_at, id) descending otherwise. */
  after?: { at: Date; id: number };
  limit: number;
}

export const consultationsRepo = {
  insert: async (db: DbOrTx, row: ConsultationInsert): Promise<number> => (await db.insert(consultations).values(row).$returningId())[0].id,

  update: (db: DbOrTx, id: number, patch: Partial<ConsultationInsert>) => db.update(consultations).set(patch).where(eq(consultations.id, id)),

  /** Guarded status change: false when the row was not in `from` any more (a concurrent change won). */
  transition: async (db: DbOrTx, id: number, from: ConsultationRow['status'][], patch: Partial<ConsultationInsert>): Promise<boolean> => {
    const [res] = await db
      .update(consultations)
      .set(patch)
      .where(and(eq(consultations.id, id), inArray(consultations.status, from)));
    return res.affectedRows === 1;
  },

  byId: async (db: DbOrTx, id: number): Promise<ConsultationRow | undefined> =>
    (await db.select().from(consultations).where(eq(consultations.id, id)).limit(1))[0],

  /** Any receipt hash of the first version (bare hex sorts below 'v2:', so this is one index probe). */
  hasLegacyReceiptHash: async (db: DbOrTx): Promise<boolean> =>
    (await db.select({ id: consultations.id }).from(consultations).where(lt(consultations.receiptHash, 'v2:')).limit(1)).length > 0,
  byReceiptHash: async (db: DbOrTx, hash: string): Promise<ConsultationRow | undefined> =>
    (await db.select().from(consultations).where(eq(consultations.receiptHash, hash)).limit(1))[0],

  /** Locks the row for the rest of the transaction (serialises replies to one thread). */
  lock: async (db: DbOrTx, id: number): Promise<ConsultationRow | undefined> =>
    (await db.select().from(consultations).where(eq(consultations.id, id)).limit(1).for('update'))[0],

  insertMessage: async (db: DbOrTx, row: typeof consultationMessages.$inferInsert): Promise<number> =>
    (await db.insert(consultationMessages).values(row).$returningId())[0].id,

  messages: (db: DbOrTx, consultationId: number) =>
    db.select().from(consultationMessages).where(eq(consultationMessages.consultationId, consultationId)).orderBy(asc(consultationMessages.id)),

  /** The first message (the question) of each consultation. */
  firstMessages: (db: DbOrTx, ids: number[]) =>
    ids.length === 0
      ? Promise.resolve([] as MessageRow[])
      : db
          .select()
          .from(consultationMessages)
          .where(
            inArray(
              consultationMessages.id,
              db
                .select({ id: sql<number>`min(${consultationMessages.id})` })
                .from(consultationMessages)
                .where(inArray(consultationMessages.consultationId, ids))
                .groupBy(consultationMessages.consultationId),
            ),
          ),

  /** A guardian's own consultations, newest first. */
  byUser: (db: DbOrTx, userId: number, beforeId: number | undefined, limit: number) =>
    db
      .select()
      .from(consultations)
      .where(and(eq(consultations.userId, userId), beforeId ? lt(consultations.id, beforeId) : undefined))
      .orderBy(desc(consultations.id))
      .limit(limit),

  queue(db: DbOrTx, f: QueueFilter) {
    if (f.orgIds.length === 0) return Promise.resolve([] as ConsultationRow[]);
    const inScope = inArray(consultations.orgId, f.orgIds);
    const waitingOrder = f.status === 'waiting' || f.overdueAt !== undefined;
    if (waitingOrder) {
      const conds: (SQL | undefined)[] = [inScope, eq(consultations.status, 'waiting')];
      if (f.overdueAt) conds.push(lt(consultations.dueAt, f.overdueAt));
      if (f.after)
        conds.push(or(gt(consultations.dueAt, f.after.at), and(eq(consultations.dueAt, f.after.at), gt(consultations.id, f.after.id))));
      return db
        .select()
        .from(consultations)
        .where(and(...conds))
        .orderBy(asc(consultations.dueAt), asc(consultations.id))
        .limit(f.limit);
    }
    const conds: (SQL | undefined)[] = [inScope, f.status ? eq(consultations.status, f.status) : undefined];
    if (f.after)
      conds.push(
        or(lt(consultations.lastMessageAt, f.after.at), and(eq(consultations.lastMessageAt, f.after.at), lt(consultations.id, f.after.id))),
      );
    return db
      .select()
      .from(consultations)
      .where(and(...conds))
      .orderBy(desc(consultations.lastMessageAt), desc(consultations.id))
      .limit(f.limit);
  },

  /** Waiting and overdue counts for the queue's badges (bounded by the open queue, not the table). */
  counts: async (db: DbOrTx, orgIds: number[], now: Date): Promise<{ waiting: number; overdue: number }> => {
    if (orgIds.length === 0) return { waiting: 0, overdue: 0 };
    const [row] = await db
      .select({
        waiting: sql<number>`count(*)`,
        overdue: sql<number>`coalesce(sum(${consultations.dueAt} < ${now}), 0)`,
      })
      .from(consultations)
      .where(and(inArray(consultations.orgId, orgIds), eq(consultations.status, 'waiting')));
    return { waiting: Number(row?.waiting ?? 0), overdue: Number(row?.overdue ?? 0) };
  },
};

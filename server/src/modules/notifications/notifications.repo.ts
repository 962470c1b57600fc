import { and, desc, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { notifications, wechatOutbox } from '../../db/schema';

export type NotificationRow = typeof notifications.$inferSelect;
export type OutboxRow = typeof wechatOutbox.$inferSelect;

export const notificationsRepo = {
  insert: async (db: DbOrTx, row: typeof notifications.$inferInsert): Promise<number> =>
    (await db.insert(notifications).values(row).$returningId())[0].id,

  insertOutbox: (db: DbOrTx, row: typeof wechatOutbox.$inferInsert) => db.insert(wechatOutbox).values(row),

  listForUser: (db: DbOrTx, userId: number, beforeId: number | undefined, limit: number) =>
    db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, userId), beforeId ? lt(notifications.id, beforeId) : undefined))
      .orderBy(desc(notifications.id))
      .limit(limit),

  unreadCount: async (db: DbOrTx, userId: number): Promise<number> =>
    Number(
      (
        await db
          .select({ n: sql<number>`count(*)` })
          .from(notifications)
          .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
      )[0].n,
    ),

  markRead: async (db: DbOrTx, userId: number, id: number, at: Date): Promise<boolean> => {
    const [res] = await db
      .update(notifications)
      .set({ readAt: at })
      .where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
    return res.affectedRows === 1;
  },

  markAllRead: (db: DbOrTx, userId: number, at: Date) =>
    db.update(notifications).set({ readAt: at }).where(and(eq(notifications.userId, userId), isNull(notifications.readAt))),

  byId: async (db: DbOrTx, id: number) => (await db.select().from(notifications).where(eq(notifications.id, id)).limit(1))[0],

  dueOutbox: (db: DbOrTx, now: Date, limit: number) =>
    db
      .select()
      .from(wechatOutbox)
      .where(
        and(
          eq(wechatOutbox.state, 'pending'),
          lte(wechatOutbox.nextAttemptAt, now),
          or(isNull(wechatOutbox.claimedUntil), lt(wechatOutbox.claimedUntil, now)),
        ),
      )
      .orderBy(wechatOutbox.nextAttemptAt, wechatOutbox.id)
      .limit(limit),

  /**
   * Claims a row for one worker; false when another worker got it first — or has just tried it
   * and set it back (a worker holding an older list must not spend a second attempt now).
   */
  claim: async (db: DbOrTx, id: number, token: string, now: Date, until: Date): Promise<boolean> => {
    const [res] = await db
      .update(wechatOutbox)
      .set({ claimToken: token, claimedUntil: until })
      .where(
        and(
          eq(wechatOutbox.id, id),
          eq(wechatOutbox.state, 'pending'),
          lte(wechatOutbox.nextAttemptAt, now),
          or(isNull(wechatOutbox.claimedUntil), lt(wechatOutbox.claimedUntil, now)),
        ),
      );
    return res.affectedRows === 1;
  },

  finish: (db: DbOrTx, id: number, token: string, patch: Partial<OutboxRow>) =>
    db
      .update(wechatOutbox)
      .set({ ...patch, claimToken: null, claimedUntil: null })
      .where(and(eq(wechatOutbox.id, id), eq(wechatOutbox.claimToken, token))),

  outboxFor: (db: DbOrTx, notificationId: number) =>
    db.select().from(wechatOutbox).where(eq(wechatOutbox.notificationId, notificationId)),
};

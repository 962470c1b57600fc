import { bigint, datetime, index, int, mysqlTable, varchar } from 'drizzle-orm/mysql-core';

/** In-app notifications; written in the same transaction as the change that causes them. */
export const notifications = mysqlTable(
  'notifications',
  {
    id: bigint('id', { mode: 'number' }).autoincrement().primaryKey(),
    userId: int('user_id').notNull(),
    kind: varchar('kind', { length: 40 }).notNull(),
    title: varchar('title', { length: 100 }).notNull(),
    body: varchar('body', { length: 500 }),
    link: varchar('link', { length: 255 }),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
    readAt: datetime('read_at', { mode: 'date', fsp: 3 }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.id)],
);

/** Outbox of WeChat subscribe messages, delivered by a worker after commit. */
export const wechatOutbox = mysqlTable(
  'wechat_outbox',
  {
    id: bigint('id', { mode: 'number' }).autoincrement().primaryKey(),
    notificationId: bigint('notification_id', { mode: 'number' }).notNull(),
    userId: int('user_id').notNull(),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
    attempts: int('attempts').notNull().default(0),
    nextAttemptAt: datetime('next_attempt_at', { mode: 'date', fsp: 3 }).notNull(),
    /** A worker's claim: another worker skips the row until this passes. */
    claimedUntil: datetime('claimed_until', { mode: 'date', fsp: 3 }),
    claimToken: varchar('claim_token', { length: 36 }),
    state: varchar('state', { length: 12, enum: ['pending', 'sent', 'dropped', 'failed'] }).notNull().default('pending'),
    lastError: varchar('last_error', { length: 200 }),
    doneAt: datetime('done_at', { mode: 'date', fsp: 3 }),
  },
  (t) => [index('wechat_outbox_due_idx').on(t.state, t.nextAttemptAt)],
);

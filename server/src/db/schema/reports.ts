import { boolean, datetime, index, int, mediumtext, mysqlEnum, mysqlTable, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';

export const REPORT_KIND_VALUES = ['harm', 'help'] as const;
export const REPORT_STATUS_VALUES = ['received', 'accepted', 'in_progress', 'closed'] as const;
export const REPORT_METHOD_VALUES = ['phone', 'in_person', 'mailbox', 'email', 'wechat', 'other'] as const;

/**
 * Incoming 强制报告 / 求助. Everything that describes people or events is sealed in contentEnc /
 * reporterEnc (AES-256-GCM). An anonymous report has no user, IP, user agent or device anywhere:
 * reporterUserId is only set for a signed-in reporter who chose to report by name.
 */
export const reports = mysqlTable(
  'reports',
  {
    id: int('id').autoincrement().primaryKey(),
    kind: mysqlEnum('kind', REPORT_KIND_VALUES).notNull(),
    status: mysqlEnum('status', REPORT_STATUS_VALUES).notNull(),
    /** The village/community (or township) the reporter picked, and the township that receives it. */
    orgId: int('org_id').notNull(),
    townshipId: int('township_id').notNull(),
    anonymous: boolean('anonymous').notNull(),
    method: mysqlEnum('method', REPORT_METHOD_VALUES).notNull(),
    reporterUserId: int('reporter_user_id'),
    /** Staff member who typed in a call or visit (not the reporter). */
    enteredByUserId: int('entered_by_user_id'),
    /** JSON {name, phone, identity, identityNote, methodNote}, encrypted. */
    reporterEnc: text('reporter_enc'),
    /** JSON of the form's content (child, guardian, place, time, account, perpetrator, state), encrypted. */
    contentEnc: mediumtext('content_enc').notNull(),
    /** Keyed blind index of the child's phone, for exact look-ups by the case flow. */
    childPhoneIndex: varchar('child_phone_index', { length: 64 }),
    /** scrypt(receipt code, salt = HMAC(indexKey)): slow, keyed, and unique, so look-up is one index probe. */
    receiptHash: varchar('receipt_hash', { length: 64 }),
    photoCount: int('photo_count').notNull().default(0),
    reportedAt: datetime('reported_at', { mode: 'date', fsp: 3 }).notNull(),
    receivedAt: datetime('received_at', { mode: 'date', fsp: 3 }).notNull(),
    statusChangedAt: datetime('status_changed_at', { mode: 'date', fsp: 3 }).notNull(),
    lastReporterMessageAt: datetime('last_reporter_message_at', { mode: 'date', fsp: 3 }),
    /** Arrived, and the deadline sweep has not yet started its clocks: the sweep reads only these. */
    clocksPending: boolean('clocks_pending').notNull().default(false),
  },
  (t) => [
    uniqueIndex('reports_receipt_uq').on(t.receiptHash),
    index('reports_incoming_idx').on(t.townshipId, t.receivedAt, t.id),
    // The intake queue's default view (status = 'received') in the same order.
    index('reports_status_idx').on(t.townshipId, t.status, t.receivedAt, t.id),
    index('reports_reporter_idx').on(t.reporterUserId, t.receivedAt),
    index('reports_child_phone_idx').on(t.childPhoneIndex),
    index('reports_clocks_pending_idx').on(t.clocksPending, t.id),
  ],
);

/** The thread between the reporter and the station; system rows record status changes. */
export const reportMessages = mysqlTable(
  'report_messages',
  {
    id: int('id').autoincrement().primaryKey(),
    reportId: int('report_id').notNull(),
    at: datetime('at', { mode: 'date', fsp: 3 }).notNull(),
    author: mysqlEnum('author', ['reporter', 'station', 'system']).notNull(),
    /** Station replies only: the staff member who wrote it (never shown to the reporter). */
    staffUserId: int('staff_user_id'),
    bodyEnc: text('body_enc').notNull(),
    photoCount: int('photo_count').notNull().default(0),
  },
  (t) => [index('report_messages_report_idx').on(t.reportId, t.id)],
);

/**
 * Idempotency-Key of POST /api/reports, as a keyed hash. For a report that got a receipt code,
 * the code is kept encrypted for a short window so a retry after a lost answer gets the same code;
 * after that window only the link to the report stays (a late retry still creates nothing).
 */
export const reportIdempotency = mysqlTable(
  'report_idempotency',
  {
    keyHash: varchar('key_hash', { length: 64 }).primaryKey(),
    bodyHash: varchar('body_hash', { length: 64 }).notNull(),
    reportId: int('report_id').notNull(),
    receiptEnc: varchar('receipt_enc', { length: 255 }),
    /**
     * When receiptEnc is to be forgotten; NULL once it is (or when there never was one). Only live
     * receipts are in its index, so the expiry job reads exactly the rows it clears.
     */
    receiptExpiresAt: datetime('receipt_expires_at', { mode: 'date', fsp: 3 }),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [index('report_idempotency_created_idx').on(t.createdAt), index('report_idempotency_receipt_expiry_idx').on(t.receiptExpiresAt)],
);

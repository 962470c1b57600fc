import { bigint, boolean, datetime, index, int, mysqlEnum, mysqlTable, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';

/** 政策咨询: a guardian's question to the station of their township, answered on a thread. */
export const consultations = mysqlTable(
  'consultations',
  {
    id: int('id').autoincrement().primaryKey(),
    /** The guardian (a public user signed in with WeChat or a phone); null for an anonymous question. */
    userId: int('user_id'),
    /**
     * Anonymous questions: the receipt code's keyed slow hash (receipts module), the asker's only way
     * back to the answer. Nothing else links the question to a person.
     */
    receiptHash: varchar('receipt_hash', { length: 64 }),
    /** The township whose station answers (data scope). */
    orgId: int('org_id').notNull(),
    /** The village or community the guardian picked, if any. */
    villageOrgId: int('village_org_id'),
    topic: varchar('topic', { length: 20 }).notNull(),
    policyId: int('policy_id'),
    status: mysqlEnum('status', ['waiting', 'answered', 'closed', 'converted']).notNull(),
    /** Encrypted JSON of the optional child details. */
    childEnc: text('child_enc'),
    contactPhoneEnc: varchar('contact_phone_enc', { length: 255 }),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
    lastMessageAt: datetime('last_message_at', { mode: 'date', fsp: 3 }).notNull(),
    /** When the station's reply to the guardian's unanswered message is due; null when nothing waits. */
    dueAt: datetime('due_at', { mode: 'date', fsp: 3 }),
    firstAnsweredAt: datetime('first_answered_at', { mode: 'date', fsp: 3 }),
    /** A staff reply the guardian has not opened yet. */
    guardianUnread: boolean('guardian_unread').notNull().default(false),
    convertedTo: varchar('converted_to', { length: 20 }),
    convertedRef: varchar('converted_ref', { length: 64 }),
    convertedLabel: varchar('converted_label', { length: 100 }),
    convertedAt: datetime('converted_at', { mode: 'date', fsp: 3 }),
    closedAt: datetime('closed_at', { mode: 'date', fsp: 3 }),
  },
  (t) => [
    index('consultations_user_idx').on(t.userId, t.id),
    uniqueIndex('consultations_receipt_uq').on(t.receiptHash),
    index('consultations_queue_idx').on(t.orgId, t.status, t.dueAt, t.id),
    index('consultations_org_last_idx').on(t.orgId, t.lastMessageAt, t.id),
  ],
);

export const consultationMessages = mysqlTable(
  'consultation_messages',
  {
    id: bigint('id', { mode: 'number' }).autoincrement().primaryKey(),
    consultationId: int('consultation_id').notNull(),
    author: mysqlEnum('author', ['guardian', 'staff']).notNull(),
    /** Null for the anonymous asker. */
    authorUserId: int('author_user_id'),
    /** Message text, encrypted at rest. */
    bodyEnc: text('body_enc').notNull(),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [index('consultation_messages_thread_idx').on(t.consultationId, t.id)],
);

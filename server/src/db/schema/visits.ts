import { boolean, datetime, index, int, mediumtext, mysqlTable, primaryKey, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';

/** Home-visit records. What was seen and said is encrypted; the harm flag stays plain for follow-up. */
export const visits = mysqlTable(
  'visits',
  {
    id: int('id').autoincrement().primaryKey(),
    childId: int('child_id').notNull(),
    orgId: int('org_id').notNull(),
    taskId: int('task_id'),
    visitorUserId: int('visitor_user_id').notNull(),
    visitedAt: datetime('visited_at', { mode: 'date', fsp: 3 }).notNull(),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
    harmSigns: boolean('harm_signs').notNull(),
    /** Encrypted JSON: metWith, metNote, living, guardianship, schooling, health, findings, nextSteps. */
    bodyEnc: mediumtext('body_enc').notNull(),
    reportId: int('report_id'),
    /** Offline submissions: the client's key, and a hash of what it sent, so a retry is answered once. */
    idempotencyKey: varchar('idempotency_key', { length: 64 }),
    requestHash: varchar('request_hash', { length: 64 }),
  },
  (t) => [
    index('visits_child_idx').on(t.childId, t.visitedAt),
    index('visits_org_idx').on(t.orgId, t.visitedAt),
    index('visits_visitor_idx').on(t.visitorUserId, t.visitedAt),
    uniqueIndex('visits_idem_uq').on(t.visitorUserId, t.idempotencyKey),
  ],
);

export const visitPhotos = mysqlTable(
  'visit_photos',
  {
    visitId: int('visit_id').notNull(),
    fileId: varchar('file_id', { length: 36 }).notNull(),
    position: int('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.visitId, t.fileId] })],
);

import { bigint, datetime, index, int, mysqlEnum, mysqlTable, text, varchar } from 'drizzle-orm/mysql-core';

const STATUS = ['submitted', 'need_more', 'referred', 'done'] as const;

/** 协助申办: a guardian asks the station to help apply for a named policy. */
export const applications = mysqlTable(
  'applications',
  {
    id: int('id').autoincrement().primaryKey(),
    userId: int('user_id').notNull(),
    /** The township whose station handles it (data scope). */
    orgId: int('org_id').notNull(),
    villageOrgId: int('village_org_id'),
    policyId: int('policy_id').notNull(),
    /** Title and checklist as they were when the guardian applied (articles may change later). */
    policyTitle: varchar('policy_title', { length: 60 }).notNull(),
    materials: text('materials').notNull(),
    status: mysqlEnum('status', STATUS).notNull(),
    /** Encrypted JSON: the child (name, sex, age) and the applicant (name, phone, relation). */
    childEnc: text('child_enc').notNull(),
    applicantEnc: text('applicant_enc').notNull(),
    noteEnc: text('note_enc'),
    /** The latest status note (what to add / result), encrypted; the department is not personal. */
    latestNoteEnc: text('latest_note_enc'),
    department: varchar('department', { length: 100 }),
    consultationId: int('consultation_id'),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
    updatedAt: datetime('updated_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [index('applications_user_idx').on(t.userId, t.id), index('applications_queue_idx').on(t.orgId, t.status, t.updatedAt, t.id)],
);

/** The status history the guardian follows. */
export const applicationEvents = mysqlTable(
  'application_events',
  {
    id: bigint('id', { mode: 'number' }).autoincrement().primaryKey(),
    applicationId: int('application_id').notNull(),
    status: mysqlEnum('status', STATUS).notNull(),
    noteEnc: text('note_enc'),
    department: varchar('department', { length: 100 }),
    by: mysqlEnum('by', ['guardian', 'staff']).notNull(),
    actorUserId: int('actor_user_id').notNull(),
    at: datetime('at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [index('application_events_app_idx').on(t.applicationId, t.id)],
);

/** Photos of documents, one row per photo; the image itself lives in the files module (encrypted). */
export const applicationPhotos = mysqlTable(
  'application_photos',
  {
    id: bigint('id', { mode: 'number' }).autoincrement().primaryKey(),
    applicationId: int('application_id').notNull(),
    /** Index into the application's materials checklist. */
    itemIndex: int('item_index').notNull(),
    fileId: varchar('file_id', { length: 64 }).notNull(),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [index('application_photos_app_idx').on(t.applicationId, t.itemIndex)],
);

import { bigint, boolean, datetime, index, int, mediumtext, mysqlEnum, mysqlTable, primaryKey, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';

/**
 * One file per child (一人一档). Identity, contact and profile details live in encrypted blobs;
 * only the dimensions needed for scope, plans and statistics are plain columns.
 */
export const children = mysqlTable(
  'children',
  {
    id: int('id').autoincrement().primaryKey(),
    /** Village / community the child belongs to. */
    orgId: int('org_id').notNull(),
    /** Encrypted JSON: name, dob, idNumber, householdReg, address, phone. */
    identityEnc: text('identity_enc').notNull(),
    /** Encrypted JSON: guardians, parentsAwayWhere, schoolName, grade, health, disability, benefits, servicesNote, riskReason. */
    profileEnc: mediumtext('profile_enc').notNull(),
    /** Keyed blind index of the ID number: unique per child. */
    idNumberIdx: varchar('id_number_idx', { length: 64 }),
    /** Keyed blind index of name + date of birth, for duplicate checks within a village. */
    nameDobIdx: varchar('name_dob_idx', { length: 64 }).notNull(),
    /** Keyed blind index of the name alone (spaces removed): exact-name search in the lists. Null until backfilled. */
    nameIdx: varchar('name_idx', { length: 64 }),
    sex: mysqlEnum('sex', ['male', 'female']).notNull(),
    riskTier: mysqlEnum('risk_tier', ['high', 'medium', 'low']).notNull(),
    guardianshipState: varchar('guardianship_state', { length: 40 }).notNull(),
    parentsAway: varchar('parents_away', { length: 10 }).notNull(),
    entrustmentSigned: boolean('entrustment_signed').notNull(),
    schooling: varchar('schooling', { length: 20 }).notNull(),
    /** The visit plan: interval in force, last visit, next due (end of that day, China time). */
    visitIntervalDays: int('visit_interval_days').notNull(),
    lastVisitAt: datetime('last_visit_at', { mode: 'date', fsp: 3 }),
    nextVisitDue: datetime('next_visit_due', { mode: 'date', fsp: 3 }),
    /** Supervisor confirmation of a director's entry or change (seed 002 §4.1.1). */
    confirmStatus: mysqlEnum('confirm_status', ['pending', 'confirmed']).notNull(),
    confirmDueAt: datetime('confirm_due_at', { mode: 'date', fsp: 3 }),
    confirmedAt: datetime('confirmed_at', { mode: 'date', fsp: 3 }),
    confirmedBy: int('confirmed_by'),
    /** A closed file (销档: aged out, moved away, out of difficulty) keeps its history but has no plan. */
    status: mysqlEnum('status', ['active', 'closed']).notNull().default('active'),
    closedAt: datetime('closed_at', { mode: 'date', fsp: 3 }),
    closeReason: varchar('close_reason', { length: 20 }),
    /** Entry into the national children's welfare information system: due 5 working days after the file (seed 002 §4.1.1). */
    nationalEntryDueAt: datetime('national_entry_due_at', { mode: 'date', fsp: 3 }),
    nationalEnteredAt: datetime('national_entered_at', { mode: 'date', fsp: 3 }),
    /** Last monthly/quarterly update in the national system (seed 001 §三.2, seed 003 #23). */
    nationalUpdatedAt: datetime('national_updated_at', { mode: 'date', fsp: 3 }),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
    createdBy: int('created_by').notNull(),
    updatedAt: datetime('updated_at', { mode: 'date', fsp: 3 }).notNull(),
    updatedBy: int('updated_by').notNull(),
  },
  (t) => [
    uniqueIndex('children_id_number_uq').on(t.idNumberIdx),
    index('children_name_dob_idx').on(t.nameDobIdx, t.orgId),
    index('children_org_idx').on(t.orgId, t.id),
    index('children_name_idx').on(t.nameIdx, t.orgId, t.id),
    index('children_org_visit_idx').on(t.orgId, t.nextVisitDue),
    index('children_confirm_idx').on(t.confirmStatus, t.confirmDueAt),
  ],
);

/** Categories of a child (several may apply). */
export const childCategories = mysqlTable(
  'child_categories',
  {
    childId: int('child_id').notNull(),
    category: varchar('category', { length: 30 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.childId, t.category] }), index('child_categories_cat_idx').on(t.category, t.childId)],
);

/** Every change of a file: who, when, which fields; old → new values only encrypted. */
export const childHistory = mysqlTable(
  'child_history',
  {
    id: bigint('id', { mode: 'number' }).autoincrement().primaryKey(),
    childId: int('child_id').notNull(),
    at: datetime('at', { mode: 'date', fsp: 3 }).notNull(),
    actorUserId: int('actor_user_id'),
    action: varchar('action', { length: 20 }).notNull(),
    /** Names of the changed fields (not their values). */
    fields: varchar('fields', { length: 500 }).notNull(),
    /** Encrypted JSON [{field, old, new}] and note. */
    changesEnc: mediumtext('changes_enc').notNull(),
  },
  (t) => [index('child_history_child_idx').on(t.childId, t.id)],
);

/** Keyed blind indexes of the guardians' and the entrusted carer's ID numbers (the numbers themselves are in the encrypted profile). */
export const childGuardianIds = mysqlTable(
  'child_guardian_ids',
  {
    childId: int('child_id').notNull(),
    idNumberIdx: varchar('id_number_idx', { length: 64 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.childId, t.idNumberIdx] }), index('child_guardian_ids_idx').on(t.idNumberIdx)],
);

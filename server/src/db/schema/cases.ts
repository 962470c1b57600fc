import { sql } from 'drizzle-orm';
import { boolean, datetime, index, int, mysqlEnum, mysqlTable, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';

export const CASE_STATUS_VALUES = ['assessing', 'intervention', 'support', 'referral', 'follow_up', 'archived'] as const;
export const RISK_VALUES = ['low', 'medium', 'high'] as const;

/**
 * One case of the township station (seed 002 附件4). The child's identity and every free text are
 * sealed (AES-256-GCM); plain columns are what lists, scope and clocks need.
 */
export const cases = mysqlTable(
  'cases',
  {
    id: int('id').autoincrement().primaryKey(),
    /** Human case number, e.g. "2026-000123". */
    code: varchar('code', { length: 20 }).notNull(),
    kind: mysqlEnum('kind', ['help', 'harm']).notNull(),
    status: mysqlEnum('status', CASE_STATUS_VALUES).notNull(),
    /** The receiving township (scope) and the child's village (where tasks go), when known. */
    townshipId: int('township_id').notNull(),
    villageId: int('village_id'),
    /** The child's file (一人一档), when linked. */
    childId: int('child_id'),
    /** JSON {name, sex, age, address}, encrypted. */
    childEnc: text('child_enc'),
    /** Keyed blind index of the child's name (the same key as a child file's name_idx): exact-name search. */
    childNameIdx: varchar('child_name_idx', { length: 64 }),
    ownerUserId: int('owner_user_id').notNull(),
    socialWorkerUserId: int('social_worker_user_id'),
    harmSuspected: boolean('harm_suspected'),
    riskLevel: mysqlEnum('risk_level', RISK_VALUES),
    /** 严重家庭暴力或不法侵害 (seed 002 §5.2). */
    serious: boolean('serious').notNull().default(false),
    /**
     * First report of the suspected harm to the police (a 110 call or a report to 公安机关) and to
     * civil affairs, as recorded by case steps: archiving a suspected-harm case checks the first.
     */
    policeReportedAt: datetime('police_reported_at', { mode: 'date', fsp: 3 }),
    civilAffairsReportedAt: datetime('civil_affairs_reported_at', { mode: 'date', fsp: 3 }),
    followUpIntervalDays: int('follow_up_interval_days'),
    followUpFinished: boolean('follow_up_finished').notNull().default(false),
    /** The earliest report time of the linked reports: anchor of the 24-hour first-visit clock. */
    firstReportedAt: datetime('first_reported_at', { mode: 'date', fsp: 3 }).notNull(),
    /** The consultation (issue 7) the case came from, if any. */
    sourceConsultationId: int('source_consultation_id'),
    openedAt: datetime('opened_at', { mode: 'date', fsp: 3 }).notNull(),
    openedBy: int('opened_by').notNull(),
    updatedAt: datetime('updated_at', { mode: 'date', fsp: 3 }).notNull(),
    archivedAt: datetime('archived_at', { mode: 'date', fsp: 3 }),
    archivedBy: int('archived_by'),
    /** The status it was archived from: a reopened case returns there. */
    archivedFrom: mysqlEnum('archived_from', CASE_STATUS_VALUES),
    summaryEnc: text('summary_enc'),
    reopenCount: int('reopen_count').notNull().default(0),
    /** Kept by the database from status: lists split active from archived cases on one index key. */
    archived: boolean('archived').generatedAlwaysAs(sql`(\`status\` = 'archived')`, { mode: 'stored' }),
  },
  (t) => [
    uniqueIndex('cases_code_uq').on(t.code),
    index('cases_township_idx').on(t.townshipId, t.status, t.id),
    // The case list, newest first: (township | village, active/archived, id) ranges read in order.
    index('cases_township_list_idx').on(t.townshipId, t.archived, t.id),
    index('cases_village_list_idx').on(t.villageId, t.archived, t.id),
    index('cases_village_idx').on(t.villageId, t.status),
    index('cases_owner_idx').on(t.ownerUserId, t.status),
    index('cases_worker_idx').on(t.socialWorkerUserId, t.status),
    index('cases_child_idx').on(t.childId),
    index('cases_child_name_idx').on(t.childNameIdx, t.townshipId),
    index('cases_township_risk_idx').on(t.townshipId, t.riskLevel, t.id),
    index('cases_consultation_idx').on(t.sourceConsultationId),
  ],
);

/** 2 分类: the triage of an incoming report, and the case it went to (several reports, one case). */
export const reportTriage = mysqlTable(
  'report_triage',
  {
    reportId: int('report_id').primaryKey(),
    townshipId: int('township_id').notNull(),
    category: mysqlEnum('category', ['consultation', 'help', 'harm']).notNull(),
    consultationType: mysqlEnum('consultation_type', ['policy', 'application', 'incident']),
    caseId: int('case_id'),
    triagedAt: datetime('triaged_at', { mode: 'date', fsp: 3 }).notNull(),
    triagedBy: int('triaged_by').notNull(),
    noteEnc: text('note_enc'),
  },
  (t) => [index('report_triage_case_idx').on(t.caseId), index('report_triage_township_idx').on(t.townshipId, t.triagedAt)],
);

/** The chronology: every step, who took it and when, with the fields it changed (sealed). */
export const caseEvents = mysqlTable(
  'case_events',
  {
    id: int('id').autoincrement().primaryKey(),
    caseId: int('case_id').notNull(),
    at: datetime('at', { mode: 'date', fsp: 3 }).notNull(),
    step: varchar('step', { length: 30 }).notNull(),
    actorUserId: int('actor_user_id'),
    actorRole: varchar('actor_role', { length: 20 }),
    actorName: varchar('actor_name', { length: 60 }),
    fromStatus: mysqlEnum('from_status', CASE_STATUS_VALUES),
    toStatus: mysqlEnum('to_status', CASE_STATUS_VALUES),
    /** Names of the fields the step changed (plain, for filtering). */
    fields: varchar('fields', { length: 500 }),
    /** JSON {changes: [{field, from, to}], input}, encrypted. */
    dataEnc: text('data_enc'),
    /** Related row: a referral, task or report id. */
    refType: varchar('ref_type', { length: 20 }),
    refId: int('ref_id'),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.id)],
);

/** 6 跟踪转介: 附件7 转介记录表, sent → accepted / rejected → done. */
export const caseReferrals = mysqlTable(
  'case_referrals',
  {
    id: int('id').autoincrement().primaryKey(),
    caseId: int('case_id').notNull(),
    townshipId: int('township_id').notNull(),
    status: mysqlEnum('status', ['sent', 'accepted', 'rejected', 'done']).notNull(),
    unitType: varchar('unit_type', { length: 20 }).notNull(),
    unit: varchar('unit', { length: 100 }).notNull(),
    unitAddress: varchar('unit_address', { length: 200 }).notNull(),
    contactName: varchar('contact_name', { length: 40 }).notNull(),
    contactPhoneEnc: varchar('contact_phone_enc', { length: 255 }).notNull(),
    /** 转介理由 (the events, in the form's words) and the station's follow-up plan, encrypted. */
    reasonEnc: text('reason_enc').notNull(),
    followUpPlanEnc: text('follow_up_plan_enc').notNull(),
    /** Rejection reason / service outcome, encrypted. */
    resultEnc: text('result_enc'),
    /** A police referral: what the police did (立案侦查 / 批评教育 / 出具告诫书 / …), a PoliceOutcome code. */
    policeOutcome: varchar('police_outcome', { length: 20 }),
    sentAt: datetime('sent_at', { mode: 'date', fsp: 3 }).notNull(),
    sentBy: int('sent_by').notNull(),
    /** The last movement (sent, answer, progress note): the 14-day stale clock runs from here. */
    lastMovedAt: datetime('last_moved_at', { mode: 'date', fsp: 3 }).notNull(),
    closedAt: datetime('closed_at', { mode: 'date', fsp: 3 }),
  },
  (t) => [index('case_referrals_case_idx').on(t.caseId, t.id), index('case_referrals_open_idx').on(t.status, t.lastMovedAt)],
);

/**
 * The SLA clocks (DESIGN §3): one row per clock run. A clock is met, cancelled, or breached once;
 * the breach and its notifications commit together, so the sweep escalates each breach exactly once.
 */
export const deadlineClocks = mysqlTable(
  'deadline_clocks',
  {
    id: int('id').autoincrement().primaryKey(),
    kind: varchar('kind', { length: 20 }).notNull(),
    /** What the clock is about: a report, a case or a referral. */
    subjectType: varchar('subject_type', { length: 12 }).notNull(),
    subjectId: int('subject_id').notNull(),
    /** Which run of the clock (a referral's stale clock restarts on every movement). */
    run: int('run').notNull().default(1),
    caseId: int('case_id'),
    townshipId: int('township_id').notNull(),
    /** The person who must act; null = the township's supervisors. */
    ownerUserId: int('owner_user_id'),
    startedAt: datetime('started_at', { mode: 'date', fsp: 3 }).notNull(),
    dueAt: datetime('due_at', { mode: 'date', fsp: 3 }).notNull(),
    metAt: datetime('met_at', { mode: 'date', fsp: 3 }),
    cancelledAt: datetime('cancelled_at', { mode: 'date', fsp: 3 }),
    breachedAt: datetime('breached_at', { mode: 'date', fsp: 3 }),
    /** Who was notified of the breach (user ids, comma-separated). */
    notified: varchar('notified', { length: 500 }),
  },
  (t) => [
    uniqueIndex('deadline_clocks_subject_uq').on(t.kind, t.subjectType, t.subjectId, t.run),
    index('deadline_clocks_due_idx').on(t.metAt, t.cancelledAt, t.breachedAt, t.dueAt),
    // Open clocks by due time (the deadlines list, the case list's clocks): read in order, no sort.
    index('deadline_clocks_open_due_idx').on(t.metAt, t.cancelledAt, t.dueAt),
    // The open clocks of one kind (the sweep's syncs), without the kind's met history.
    index('deadline_clocks_kind_open_idx').on(t.kind, t.metAt, t.cancelledAt, t.dueAt),
    index('deadline_clocks_township_idx').on(t.townshipId, t.metAt, t.cancelledAt, t.dueAt),
    index('deadline_clocks_owner_idx').on(t.ownerUserId, t.metAt, t.cancelledAt, t.dueAt),
    index('deadline_clocks_case_idx').on(t.caseId),
  ],
);

import { datetime, index, int, mysqlEnum, mysqlTable, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';

/**
 * Work with a due time: visits dispatched from cases, the periodic visits of a child's plan and
 * supervisor confirmations of files. A task is for one user, or for a pool (a role at an org)
 * when nobody is named.
 */
export const tasks = mysqlTable(
  'tasks',
  {
    id: int('id').autoincrement().primaryKey(),
    kind: varchar('kind', { length: 20 }).notNull(),
    source: varchar('source', { length: 10 }).notNull(),
    status: mysqlEnum('status', ['open', 'done', 'cancelled']).notNull(),
    /** The org the work is about (the child's village). */
    orgId: int('org_id').notNull(),
    assigneeUserId: int('assignee_user_id'),
    poolOrgId: int('pool_org_id'),
    poolRole: varchar('pool_role', { length: 20 }),
    childId: int('child_id'),
    caseId: int('case_id'),
    /** Generic title, never personal data (e.g. "定期走访"). */
    title: varchar('title', { length: 100 }).notNull(),
    reasonEnc: text('reason_enc').notNull(),
    dueAt: datetime('due_at', { mode: 'date', fsp: 3 }).notNull(),
    /** Set while a plan task is open ("plan:<childId>", "confirm:<childId>"): one open task per key. */
    openKey: varchar('open_key', { length: 40 }),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
    createdBy: int('created_by'),
    completedAt: datetime('completed_at', { mode: 'date', fsp: 3 }),
    completedBy: int('completed_by'),
    visitId: int('visit_id'),
    cancelledAt: datetime('cancelled_at', { mode: 'date', fsp: 3 }),
    cancelReason: varchar('cancel_reason', { length: 200 }),
    /** When the assignee and their supervisors were told the task ran late. */
    overdueNotifiedAt: datetime('overdue_notified_at', { mode: 'date', fsp: 3 }),
  },
  (t) => [
    index('tasks_assignee_idx').on(t.assigneeUserId, t.status, t.dueAt, t.id),
    index('tasks_pool_idx').on(t.poolOrgId, t.poolRole, t.status, t.dueAt, t.id),
    index('tasks_org_idx').on(t.orgId, t.status, t.dueAt, t.id),
    index('tasks_status_due_idx').on(t.status, t.dueAt),
    index('tasks_case_idx').on(t.caseId),
    index('tasks_child_idx').on(t.childId, t.status),
    uniqueIndex('tasks_open_key_uq').on(t.openKey),
  ],
);

import { bigint, char, datetime, index, int, json, mysqlTable, varchar } from 'drizzle-orm/mysql-core';

/** Append-only (a trigger refuses UPDATE and DELETE). Never holds identities of anonymous reporters. */
export const auditLog = mysqlTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).autoincrement().primaryKey(),
    at: datetime('at', { mode: 'date', fsp: 3 }).notNull(),
    actorUserId: int('actor_user_id'),
    actorRole: varchar('actor_role', { length: 20 }),
    action: varchar('action', { length: 60 }).notNull(),
    targetType: varchar('target_type', { length: 40 }),
    targetId: varchar('target_id', { length: 64 }),
    result: varchar('result', { length: 20 }).notNull(),
    orgId: int('org_id'),
    detail: json('detail').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('audit_target_idx').on(t.targetType, t.targetId),
    index('audit_actor_idx').on(t.actorUserId, t.at),
    // The audit viewer pages a node's rows newest first.
    index('audit_org_idx').on(t.orgId, t.id),
  ],
);

/**
 * The audit log's hash chain, written by the sealer in audit_log id order (insert-only: a trigger
 * refuses UPDATE and DELETE, and the app user holds only SELECT and INSERT). One entry per audit
 * row, or one per run of ids that never committed (gapFrom..auditId); each hash is an HMAC over the
 * previous entry's hash and the row's content.
 */
export const auditChain = mysqlTable('audit_chain', {
  auditId: bigint('audit_id', { mode: 'number' }).primaryKey(),
  /** Set on a gap entry: ids gapFrom..auditId hold no audit row. */
  gapFrom: bigint('gap_from', { mode: 'number' }),
  hash: char('hash', { length: 64 }).notNull(),
  sealedAt: datetime('sealed_at', { mode: 'date', fsp: 3 }).notNull(),
});

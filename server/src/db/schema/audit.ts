import { bigint, datetime, index, int, json, mysqlTable, varchar } from 'drizzle-orm/mysql-core';

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
  (t) => [index('audit_target_idx').on(t.targetType, t.targetId), index('audit_actor_idx').on(t.actorUserId, t.at)],
);

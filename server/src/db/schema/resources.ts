import { datetime, index, int, mysqlEnum, mysqlTable, varchar } from 'drizzle-orm/mysql-core';

/**
 * The resource directory (资源名录) of a township or county: the units a station refers children to
 * (派出所, 卫生院, schools, 司法所, 妇联, 残联, 县未保中心 …). Public office details, not personal data:
 * stored in clear. Archived entries stay for referrals that named them.
 */
export const resourceUnits = mysqlTable(
  'resource_units',
  {
    id: int('id').autoincrement().primaryKey(),
    /** Township (or county) whose directory lists the unit. */
    orgId: int('org_id').notNull(),
    kind: varchar('kind', { length: 20 }).notNull(),
    name: varchar('name', { length: 60 }).notNull(),
    address: varchar('address', { length: 120 }).notNull(),
    contactName: varchar('contact_name', { length: 30 }).notNull(),
    contactPhone: varchar('contact_phone', { length: 20 }).notNull(),
    services: varchar('services', { length: 300 }),
    status: mysqlEnum('status', ['active', 'archived']).notNull().default('active'),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
    createdBy: int('created_by'),
    updatedAt: datetime('updated_at', { mode: 'date', fsp: 3 }).notNull(),
    updatedBy: int('updated_by'),
  },
  (t) => [index('resource_units_org_idx').on(t.orgId, t.status, t.kind, t.id)],
);

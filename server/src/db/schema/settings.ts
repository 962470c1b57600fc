import { datetime, int, json, mysqlTable } from 'drizzle-orm/mysql-core';
import type { SlaOverride } from '@wbt/shared';

/** Per-county settings; the SLA clocks override DEFAULT_SLA field by field. */
export const countySettings = mysqlTable('county_settings', {
  orgId: int('org_id').primaryKey(),
  sla: json('sla').$type<SlaOverride>().notNull(),
  updatedAt: datetime('updated_at', { mode: 'date', fsp: 3 }).notNull(),
  updatedBy: int('updated_by').notNull(),
});

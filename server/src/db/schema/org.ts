import { datetime, index, int, mysqlEnum, mysqlTable, varchar } from 'drizzle-orm/mysql-core';

export const orgs = mysqlTable(
  'orgs',
  {
    id: int('id').autoincrement().primaryKey(),
    parentId: int('parent_id'),
    level: mysqlEnum('level', ['county', 'township', 'village']).notNull(),
    name: varchar('name', { length: 100 }).notNull(),
    /** Materialised path of ids, e.g. "/1/2/5/": a node's subtree is every path with this prefix. */
    path: varchar('path', { length: 255 }).notNull(),
    phone: varchar('phone', { length: 40 }),
    /** A retired node keeps its history but takes no new staff, children or reports. */
    retiredAt: datetime('retired_at', { mode: 'date', fsp: 3 }),
  },
  (t) => [index('orgs_path_idx').on(t.path), index('orgs_parent_idx').on(t.parentId)],
);

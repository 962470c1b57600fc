import { datetime, index, int, mysqlTable, varchar } from 'drizzle-orm/mysql-core';

/**
 * Images after sanitising (re-encoded, no metadata), sealed with the data key on disk under
 * config.uploadDir. A row with ownerType "pending" is an upload not yet claimed by a report or
 * message; only the holder of its ticket (stored as a keyed hash) can claim it.
 */
export const files = mysqlTable(
  'files',
  {
    id: varchar('id', { length: 36 }).primaryKey(),
    ownerType: varchar('owner_type', { length: 30 }).notNull(),
    ownerId: varchar('owner_id', { length: 64 }),
    claimHash: varchar('claim_hash', { length: 64 }),
    mime: varchar('mime', { length: 30 }).notNull(),
    width: int('width').notNull(),
    height: int('height').notNull(),
    bytes: int('bytes').notNull(),
    storageKey: varchar('storage_key', { length: 80 }).notNull(),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [index('files_owner_idx').on(t.ownerType, t.ownerId), index('files_pending_idx').on(t.ownerType, t.createdAt)],
);

import { and, eq, inArray, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { files } from '../../db/schema';

export type FileRow = typeof files.$inferSelect;

export const filesRepo = {
  insert: (db: DbOrTx, row: typeof files.$inferInsert) => db.insert(files).values(row),
  byId: async (db: DbOrTx, id: string): Promise<FileRow | undefined> => (await db.select().from(files).where(eq(files.id, id)).limit(1))[0],
  byIds: (db: DbOrTx, ids: string[]) => (ids.length ? db.select().from(files).where(inArray(files.id, ids)) : Promise.resolve([] as FileRow[])),
  byOwner: (db: DbOrTx, ownerType: string, ownerId: string) =>
    db.select().from(files).where(and(eq(files.ownerType, ownerType), eq(files.ownerId, ownerId))).orderBy(files.createdAt),
  byOwners: (db: DbOrTx, ownerType: string, ownerIds: string[]) =>
    ownerIds.length
      ? db.select().from(files).where(and(eq(files.ownerType, ownerType), inArray(files.ownerId, ownerIds))).orderBy(files.createdAt)
      : Promise.resolve([] as FileRow[]),
  /** Moves a pending upload to its owner; true when exactly this pending row was claimed. */
  async claim(db: DbOrTx, id: string, claimHash: string, owner: { ownerType: string; ownerId: string }): Promise<boolean> {
    const [res] = await db
      .update(files)
      .set({ ownerType: owner.ownerType, ownerId: owner.ownerId, claimHash: null })
      .where(and(eq(files.id, id), eq(files.ownerType, 'pending'), eq(files.claimHash, claimHash)));
    return res.affectedRows === 1;
  },
  stalePending: (db: DbOrTx, before: Date) =>
    db.select().from(files).where(and(eq(files.ownerType, 'pending'), lt(files.createdAt, before))).limit(500),
  delete: (db: DbOrTx, id: string) => db.delete(files).where(eq(files.id, id)),
  storageKeys: async (db: DbOrTx, keys: string[]): Promise<Set<string>> =>
    new Set(keys.length ? (await db.select({ k: files.storageKey }).from(files).where(inArray(files.storageKey, keys))).map((r) => r.k) : []),
};

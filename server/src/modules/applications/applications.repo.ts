import { and, asc, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { applicationEvents, applicationPhotos, applications } from '../../db/schema';

export type ApplicationRow = typeof applications.$inferSelect;
export type ApplicationInsert = typeof applications.$inferInsert;
export type ApplicationEventRow = typeof applicationEvents.$inferSelect;
export type ApplicationPhotoRow = typeof applicationPhotos.$inferSelect;

export const applicationsRepo = {
  insert: async (db: DbOrTx, row: ApplicationInsert): Promise<number> => (await db.insert(applications).values(row).$returningId())[0].id,

  update: (db: DbOrTx, id: number, patch: Partial<ApplicationInsert>) => db.update(applications).set(patch).where(eq(applications.id, id)),

  byId: async (db: DbOrTx, id: number): Promise<ApplicationRow | undefined> =>
    (await db.select().from(applications).where(eq(applications.id, id)).limit(1))[0],

  lock: async (db: DbOrTx, id: number): Promise<ApplicationRow | undefined> =>
    (await db.select().from(applications).where(eq(applications.id, id)).limit(1).for('update'))[0],

  insertEvent: (db: DbOrTx, row: typeof applicationEvents.$inferInsert) => db.insert(applicationEvents).values(row),

  events: (db: DbOrTx, applicationId: number) =>
    db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, applicationId)).orderBy(asc(applicationEvents.id)),

  insertPhotos: (db: DbOrTx, rows: (typeof applicationPhotos.$inferInsert)[]) =>
    rows.length ? db.insert(applicationPhotos).values(rows) : Promise.resolve(),

  photos: (db: DbOrTx, applicationId: number) =>
    db.select().from(applicationPhotos).where(eq(applicationPhotos.applicationId, applicationId)).orderBy(asc(applicationPhotos.id)),

  photoByFile: async (db: DbOrTx, applicationId: number, fileId: string): Promise<ApplicationPhotoRow | undefined> =>
    (
      await db
        .select()
        .from(applicationPhotos)
        .where(and(eq(applicationPhotos.applicationId, applicationId), eq(applicationPhotos.fileId, fileId)))
        .limit(1)
    )[0],

  byUser: (db: DbOrTx, userId: number, beforeId: number | undefined, limit: number) =>
    db
      .select()
      .from(applications)
      .where(and(eq(applications.userId, userId), beforeId ? lt(applications.id, beforeId) : undefined))
      .orderBy(desc(applications.id))
      .limit(limit),

  /** Keyset page, most recently changed first. */
  queue: (db: DbOrTx, f: { orgIds: number[]; status?: ApplicationRow['status']; after?: { at: Date; id: number }; limit: number }) => {
    if (f.orgIds.length === 0) return Promise.resolve([] as ApplicationRow[]);
    const conds: (SQL | undefined)[] = [inArray(applications.orgId, f.orgIds), f.status ? eq(applications.status, f.status) : undefined];
    if (f.after)
      conds.push(or(lt(applications.updatedAt, f.after.at), and(eq(applications.updatedAt, f.after.at), lt(applications.id, f.after.id))));
    return db
      .select()
      .from(applications)
      .where(and(...conds))
      .orderBy(desc(applications.updatedAt), desc(applications.id))
      .limit(f.limit);
  },
};

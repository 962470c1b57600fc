import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { visitPhotos, visits } from '../../db/schema';

export type VisitRow = typeof visits.$inferSelect;

export const visitsRepo = {
  insert: async (db: DbOrTx, row: typeof visits.$inferInsert): Promise<number> => (await db.insert(visits).values(row).$returningId())[0].id,

  byId: async (db: DbOrTx, id: number): Promise<VisitRow | undefined> => (await db.select().from(visits).where(eq(visits.id, id)).limit(1))[0],

  byIdempotencyKey: async (db: DbOrTx, visitorUserId: number, key: string): Promise<VisitRow | undefined> =>
    (await db.select().from(visits).where(and(eq(visits.visitorUserId, visitorUserId), eq(visits.idempotencyKey, key))).limit(1))[0],

  forChild: (db: DbOrTx, childId: number, limit: number) =>
    db.select().from(visits).where(eq(visits.childId, childId)).orderBy(desc(visits.visitedAt), desc(visits.id)).limit(limit),

  update: (db: DbOrTx, id: number, set: Partial<typeof visits.$inferInsert>) => db.update(visits).set(set).where(eq(visits.id, id)),

  insertPhotos: async (db: DbOrTx, visitId: number, fileIds: string[]): Promise<void> => {
    if (fileIds.length) await db.insert(visitPhotos).values(fileIds.map((fileId, position) => ({ visitId, fileId, position })));
  },

  photosOf: async (db: DbOrTx, visitIds: number[]): Promise<Map<number, string[]>> => {
    const out = new Map<number, string[]>(visitIds.map((id) => [id, []]));
    if (!visitIds.length) return out;
    const rows = await db.select().from(visitPhotos).where(inArray(visitPhotos.visitId, visitIds)).orderBy(asc(visitPhotos.visitId), asc(visitPhotos.position));
    for (const r of rows) out.get(r.visitId)?.push(r.fileId);
    return out;
  },
};

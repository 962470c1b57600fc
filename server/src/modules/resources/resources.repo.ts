import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { resourceUnits } from '../../db/schema';

export type ResourceRow = typeof resourceUnits.$inferSelect;
export type ResourceInsert = typeof resourceUnits.$inferInsert;

export const resourcesRepo = {
  insert: async (db: DbOrTx, row: ResourceInsert): Promise<number> => (await db.insert(resourceUnits).values(row).$returningId())[0].id,

  byId: async (db: DbOrTx, id: number): Promise<ResourceRow | undefined> => (await db.select().from(resourceUnits).where(eq(resourceUnits.id, id)).limit(1))[0],

  update: (db: DbOrTx, id: number, set: Partial<ResourceInsert>) => db.update(resourceUnits).set(set).where(eq(resourceUnits.id, id)),

  /** The directory of a few org nodes (a township and its county): small, so one bounded read. */
  list: (db: DbOrTx, f: { orgIds: number[]; kind?: string; archived: boolean }) =>
    f.orgIds.length
      ? db
          .select()
          .from(resourceUnits)
          .where(and(inArray(resourceUnits.orgId, f.orgIds), eq(resourceUnits.status, f.archived ? 'archived' : 'active'), f.kind ? eq(resourceUnits.kind, f.kind) : undefined))
          .orderBy(asc(resourceUnits.orgId), asc(resourceUnits.kind), asc(resourceUnits.id))
          .limit(500)
      : Promise.resolve([] as ResourceRow[]),
};

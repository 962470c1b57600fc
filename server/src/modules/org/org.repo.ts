import { and, asc, eq, like } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { orgs } from '../../db/schema';

export type OrgRow = typeof orgs.$inferSelect;

export const orgRepo = {
  byId: async (db: DbOrTx, id: number): Promise<OrgRow | undefined> => (await db.select().from(orgs).where(eq(orgs.id, id)).limit(1))[0],
  subtree: (db: DbOrTx, path: string) => db.select().from(orgs).where(like(orgs.path, `${path}%`)).orderBy(asc(orgs.path)),
  children: (db: DbOrTx, parentId: number) => db.select().from(orgs).where(eq(orgs.parentId, parentId)).orderBy(asc(orgs.id)),
  first: async (db: DbOrTx): Promise<OrgRow | undefined> => (await db.select().from(orgs).limit(1))[0],
  all: (db: DbOrTx) => db.select().from(orgs).orderBy(asc(orgs.path)),
  update: (db: DbOrTx, id: number, set: { name?: string; phone?: string | null; retiredAt?: Date | null }) => db.update(orgs).set(set).where(eq(orgs.id, id)),
  siblingNamed: async (db: DbOrTx, parentId: number, name: string): Promise<OrgRow | undefined> =>
    (await db.select().from(orgs).where(and(eq(orgs.parentId, parentId), eq(orgs.name, name))).limit(1))[0],
  async create(db: DbOrTx, input: { parentId: number | null; level: OrgRow['level']; name: string; phone?: string }): Promise<OrgRow> {
    const parent = input.parentId === null ? undefined : await orgRepo.byId(db, input.parentId);
    const [{ id }] = await db.insert(orgs).values({ ...input, path: 'pending' }).$returningId();
    const path = `${parent?.path ?? '/'}${id}/`;
    await db.update(orgs).set({ path }).where(eq(orgs.id, id));
    return { id, parentId: input.parentId, level: input.level, name: input.name, path, phone: input.phone ?? null, retiredAt: null };
  },
};

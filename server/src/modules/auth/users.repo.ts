import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { users } from '../../db/schema';

/** Read-only look-ups of staff accounts for other modules (assignment, display names). */
export const usersRepo = {
  activeByOrgRole: (db: DbOrTx, orgId: number, role: (typeof users.$inferSelect)['role']) =>
    db
      .select({ id: users.id, name: users.name, orgId: users.orgId, role: users.role })
      .from(users)
      .where(and(eq(users.orgId, orgId), eq(users.role, role), eq(users.active, true)))
      .orderBy(asc(users.id)),

  activeByOrgRoles: (db: DbOrTx, orgId: number, roles: (typeof users.$inferSelect)['role'][]) =>
    db
      .select({ id: users.id, name: users.name, orgId: users.orgId, role: users.role })
      .from(users)
      .where(and(eq(users.orgId, orgId), inArray(users.role, roles), eq(users.active, true)))
      .orderBy(asc(users.id)),

  activeByOrgsRole: (db: DbOrTx, orgIds: number[], role: (typeof users.$inferSelect)['role']) =>
    orgIds.length === 0
      ? Promise.resolve([])
      : db
          .select({ id: users.id, name: users.name, orgId: users.orgId, role: users.role })
          .from(users)
          .where(and(inArray(users.orgId, orgIds), eq(users.role, role), eq(users.active, true)))
          .orderBy(asc(users.id)),

  /** Active staff accounts at these nodes (stops a node with people in it from being retired). */
  activeCountInOrgs: async (db: DbOrTx, orgIds: number[]): Promise<number> =>
    orgIds.length === 0
      ? 0
      : Number((await db.select({ n: count() }).from(users).where(and(inArray(users.orgId, orgIds), eq(users.active, true))))[0]?.n ?? 0),

  /** Every account (active or not) at these nodes: whose actions an audit viewer of the nodes may see. */
  idsInOrgs: async (db: DbOrTx, orgIds: number[]): Promise<number[]> =>
    orgIds.length === 0 ? [] : (await db.select({ id: users.id }).from(users).where(inArray(users.orgId, orgIds))).map((r) => r.id),

  byIds: (db: DbOrTx, ids: number[]) =>
    ids.length === 0
      ? Promise.resolve([])
      : db.select({ id: users.id, name: users.name, orgId: users.orgId, role: users.role, active: users.active }).from(users).where(inArray(users.id, ids)),
};

import { and, asc, count, eq, gt, inArray, max, ne, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { orgs, staffTrainings, users } from '../../db/schema';
import type { UserRow } from './auth.repo';

export interface StaffFilter {
  orgIds: number[];
  role?: UserRow['role'];
  active?: boolean;
  after?: number;
  limit: number;
}

const staffColumns = {
  id: users.id,
  username: users.username,
  name: users.name,
  role: users.role,
  orgId: users.orgId,
  orgName: orgs.name,
  orgPath: orgs.path,
  active: users.active,
  mustChangePassword: users.mustChangePassword,
  phoneEnc: users.phoneEnc,
  appointedOn: users.appointedOn,
};
export interface StaffRow {
  id: number;
  username: string | null;
  name: string;
  role: UserRow['role'];
  orgId: number | null;
  orgName: string | null;
  orgPath: string | null;
  active: boolean;
  mustChangePassword: boolean;
  phoneEnc: string | null;
  appointedOn: string | null;
}

/** Staff accounts as the administration screens need them (the users table belongs to this module). */
export const staffRepo = {
  /** One page of staff at these nodes, by id (keyset). */
  list: (db: DbOrTx, f: StaffFilter): Promise<StaffRow[]> => {
    if (f.orgIds.length === 0) return Promise.resolve([]);
    const where: (SQL | undefined)[] = [inArray(users.orgId, f.orgIds), ne(users.role, 'public')];
    if (f.role) where.push(eq(users.role, f.role));
    if (f.active !== undefined) where.push(eq(users.active, f.active));
    if (f.after) where.push(gt(users.id, f.after));
    return db.select(staffColumns).from(users).leftJoin(orgs, eq(orgs.id, users.orgId)).where(and(...where)).orderBy(asc(users.id)).limit(f.limit);
  },

  byId: async (db: DbOrTx, id: number): Promise<StaffRow | undefined> =>
    (await db.select(staffColumns).from(users).leftJoin(orgs, eq(orgs.id, users.orgId)).where(and(eq(users.id, id), ne(users.role, 'public'))).limit(1))[0],

  update: (db: DbOrTx, id: number, set: Partial<Pick<UserRow, 'name' | 'phoneEnc' | 'appointedOn' | 'active' | 'disabledAt' | 'orgId'>>) =>
    db.update(users).set(set).where(eq(users.id, id)),

  insertTraining: async (db: DbOrTx, row: typeof staffTrainings.$inferInsert): Promise<number> => (await db.insert(staffTrainings).values(row).$returningId())[0].id,

  trainingsOf: (db: DbOrTx, userId: number) =>
    db.select().from(staffTrainings).where(eq(staffTrainings.userId, userId)).orderBy(asc(staffTrainings.trainedOn), asc(staffTrainings.id)),

  /** Latest training day and number of trainings per user, in one grouped query. */
  trainingSummary: async (db: DbOrTx, userIds: number[]): Promise<Map<number, { last: string | null; count: number }>> => {
    if (userIds.length === 0) return new Map();
    const rows = await db
      .select({ userId: staffTrainings.userId, last: max(staffTrainings.trainedOn), n: count() })
      .from(staffTrainings)
      .where(inArray(staffTrainings.userId, userIds))
      .groupBy(staffTrainings.userId);
    return new Map(rows.map((r) => [r.userId, { last: r.last ?? null, count: Number(r.n) }]));
  },
};

import { and, eq, isNull, ne } from 'drizzle-orm';
import { loginGuardsRepo, userGuardKey } from './loginGuards.repo';
import type { DbOrTx } from '../../db/client';
import { authSessions, orgs, refreshTokens, users } from '../../db/schema';

export type UserRow = typeof users.$inferSelect;

export const authRepo = {
  userByUsername: async (db: DbOrTx, username: string): Promise<UserRow | undefined> =>
    (await db.select().from(users).where(eq(users.username, username)).limit(1))[0],

  userById: async (db: DbOrTx, id: number): Promise<UserRow | undefined> =>
    (await db.select().from(users).where(eq(users.id, id)).limit(1))[0],

  userByOpenidIndex: async (db: DbOrTx, openidIndex: string): Promise<UserRow | undefined> =>
    (await db.select().from(users).where(eq(users.openidIndex, openidIndex)).limit(1))[0],

  setOpenid: (db: DbOrTx, userId: number, openidIndex: string, openidEnc: string) =>
    db.update(users).set({ openidIndex, openidEnc }).where(eq(users.id, userId)),

  insertUser: async (db: DbOrTx, row: typeof users.$inferInsert): Promise<number> =>
    (await db.insert(users).values(row).$returningId())[0].id,

  insertSession: (db: DbOrTx, row: typeof authSessions.$inferInsert) => db.insert(authSessions).values(row),

  /** Session with its user and org, for authenticating a request. */
  sessionWithUser: async (db: DbOrTx, sessionId: string) =>
    (
      await db
        .select({ session: authSessions, user: users, orgPath: orgs.path, orgLevel: orgs.level, orgName: orgs.name })
        .from(authSessions)
        .innerJoin(users, eq(users.id, authSessions.userId))
        .leftJoin(orgs, eq(orgs.id, users.orgId))
        .where(eq(authSessions.id, sessionId))
        .limit(1)
    )[0],

  touchSession: (db: DbOrTx, sessionId: string, at: Date) =>
    db.update(authSessions).set({ lastSeenAt: at }).where(eq(authSessions.id, sessionId)),

  revokeSession: (db: DbOrTx, sessionId: string, at: Date, reason: string) =>
    db
      .update(authSessions)
      .set({ revokedAt: at, revokedReason: reason })
      .where(and(eq(authSessions.id, sessionId), isNull(authSessions.revokedAt))),

  /** Ends every live session of a user at once (disable, password reset): their tokens stop working on the next request. */
  revokeAllSessions: (db: DbOrTx, userId: number, at: Date, reason: string, exceptSessionId?: string) =>
    db
      .update(authSessions)
      .set({ revokedAt: at, revokedReason: reason })
      .where(and(eq(authSessions.userId, userId), isNull(authSessions.revokedAt), exceptSessionId ? ne(authSessions.id, exceptSessionId) : undefined)),

  /** A new password also lifts the account's sign-in lock (its login guard). */
  setPassword: async (db: DbOrTx, userId: number, passwordHash: string, mustChange: boolean, at: Date): Promise<void> => {
    await db.update(users).set({ passwordHash, mustChangePassword: mustChange, passwordChangedAt: at }).where(eq(users.id, userId));
    await loginGuardsRepo.clear(db, userGuardKey(userId));
  },

  insertRefresh: (db: DbOrTx, row: typeof refreshTokens.$inferInsert) => db.insert(refreshTokens).values(row),

  refreshByHash: async (db: DbOrTx, tokenHash: string) =>
    (await db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash)).limit(1))[0],

  /** Marks a refresh token spent; returns false when it was already spent (a concurrent reuse). */
  spendRefresh: async (db: DbOrTx, id: number, at: Date): Promise<boolean> => {
    const [res] = await db
      .update(refreshTokens)
      .set({ usedAt: at })
      .where(and(eq(refreshTokens.id, id), isNull(refreshTokens.usedAt)));
    return res.affectedRows === 1;
  },
};

import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { loginGuards } from '../../db/schema';

export type LoginGuardRow = typeof loginGuards.$inferSelect;

/** The guard of a known account (unknown names are guarded by a blind index of the name). */
export const userGuardKey = (userId: number): string => `u:${userId}`;

const affected = (res: unknown): number => (res as [{ affectedRows: number }])[0].affectedRows;

/**
 * Each statement is one atomic row update, so concurrent sign-ins for the same name serialise on
 * the row: the count can never be read by two requests and written back once.
 */
export const loginGuardsRepo = {
  /**
   * Counts one guess before its password is checked. Returns false (nothing counted) while the
   * guard is locked or `max` guesses are already counted in the window that started after `windowFloor`.
   */
  reserve: async (db: DbOrTx, key: string, now: Date, windowFloor: Date, max: number): Promise<boolean> => {
    await db.insert(loginGuards).ignore().values({ guardKey: key, failures: 0, windowStartedAt: now });
    // failures is assigned first: MariaDB applies SET left to right, so its IF still sees the old window start.
    const res = await db.execute(sql`
      UPDATE login_guards
         SET failures = IF(window_started_at <= ${windowFloor}, 1, failures + 1),
             window_started_at = IF(window_started_at <= ${windowFloor}, ${now}, window_started_at)
       WHERE guard_key = ${key}
         AND (locked_until IS NULL OR locked_until <= ${now})
         AND (window_started_at <= ${windowFloor} OR failures < ${max})`);
    return affected(res) === 1;
  },

  /** Locks the guard once `max` guesses of the window have failed; true for the one request that locked it. */
  lockIfExhausted: async (db: DbOrTx, key: string, now: Date, windowFloor: Date, max: number, until: Date): Promise<boolean> => {
    const res = await db.execute(sql`
      UPDATE login_guards
         SET locked_until = ${until}, failures = 0, window_started_at = ${now}
       WHERE guard_key = ${key}
         AND failures >= ${max}
         AND window_started_at > ${windowFloor}
         AND (locked_until IS NULL OR locked_until <= ${now})`);
    return affected(res) === 1;
  },

  /** A correct password clears the count. */
  clear: (db: DbOrTx, key: string) => db.update(loginGuards).set({ failures: 0, lockedUntil: null }).where(eq(loginGuards.guardKey, key)),

  /** Deletes guards with nothing left to remember (window over, no lock running); returns how many. */
  sweep: async (db: DbOrTx, now: Date, windowFloor: Date): Promise<number> => {
    const res = await db.execute(sql`
      DELETE FROM login_guards
       WHERE window_started_at <= ${windowFloor} AND (locked_until IS NULL OR locked_until <= ${now})
       LIMIT 5000`);
    return affected(res);
  },

  get: async (db: DbOrTx, key: string): Promise<LoginGuardRow | undefined> =>
    (await db.select().from(loginGuards).where(eq(loginGuards.guardKey, key)).limit(1))[0],
};

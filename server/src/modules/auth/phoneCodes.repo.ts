import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { phoneCodes, users } from '../../db/schema';

export type PhoneCodeRow = typeof phoneCodes.$inferSelect;

/** The only code that touches phone_codes (and finds public users by their phone's blind index). */
export const phoneCodesRepo = {
  insert: async (db: DbOrTx, row: typeof phoneCodes.$inferInsert): Promise<number> => (await db.insert(phoneCodes).values(row).$returningId())[0].id,

  /** The newest code sent to a number (older ones are void once a new one is sent). */
  latest: async (db: DbOrTx, phoneIndex: string): Promise<PhoneCodeRow | undefined> =>
    (await db.select().from(phoneCodes).where(eq(phoneCodes.phoneIndex, phoneIndex)).orderBy(desc(phoneCodes.id)).limit(1))[0],

  /** Spends every unspent code of a number (a new code replaces them). */
  voidAll: (db: DbOrTx, phoneIndex: string, at: Date) =>
    db.update(phoneCodes).set({ usedAt: at }).where(and(eq(phoneCodes.phoneIndex, phoneIndex), isNull(phoneCodes.usedAt))),

  /** Counts a wrong try; false when the code was already spent (a concurrent use). */
  countAttempt: async (db: DbOrTx, id: number): Promise<boolean> => {
    const [res] = await db
      .update(phoneCodes)
      .set({ attempts: sql`${phoneCodes.attempts} + 1` })
      .where(and(eq(phoneCodes.id, id), isNull(phoneCodes.usedAt)));
    return res.affectedRows === 1;
  },

  /** Spends the code once: false when another request spent it first (single use under races). */
  spend: async (db: DbOrTx, id: number, at: Date): Promise<boolean> => {
    const [res] = await db
      .update(phoneCodes)
      .set({ usedAt: at })
      .where(and(eq(phoneCodes.id, id), isNull(phoneCodes.usedAt)));
    return res.affectedRows === 1;
  },

  /** Forgets codes long expired (bounded per call, so the table stays small without a scan). */
  purgeExpired: (db: DbOrTx, before: Date) => db.delete(phoneCodes).where(lt(phoneCodes.expiresAt, before)).limit(200),

  userByPhoneIndex: async (db: DbOrTx, phoneIndex: string) => (await db.select().from(users).where(eq(users.phoneIndex, phoneIndex)).limit(1))[0],
};

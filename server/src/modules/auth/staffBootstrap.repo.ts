import { and, count, eq, inArray, isNotNull, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { users } from '../../db/schema';

export const staffBootstrapRepo = {
  staffCount: async (db: DbOrTx): Promise<number> => Number((await db.select({ n: count() }).from(users).where(ne(users.role, 'public')))[0]?.n ?? 0),

  activeWithPassword: (db: DbOrTx, usernames: string[]) =>
    db
      .select({ username: users.username, passwordHash: users.passwordHash })
      .from(users)
      .where(and(inArray(users.username, usernames), eq(users.active, true), isNotNull(users.passwordHash))),
};

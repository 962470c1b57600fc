import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { caseReferrals } from '../../db/schema';

export type ReferralRow = typeof caseReferrals.$inferSelect;

/** The only code that touches case_referrals. */
export const referralsRepo = {
  async insert(db: DbOrTx, row: typeof caseReferrals.$inferInsert): Promise<number> {
    return (await db.insert(caseReferrals).values(row).$returningId())[0].id;
  },
  byId: async (db: DbOrTx, id: number): Promise<ReferralRow | undefined> => (await db.select().from(caseReferrals).where(eq(caseReferrals.id, id)).limit(1))[0],
  lockById: async (db: DbOrTx, id: number): Promise<ReferralRow | undefined> =>
    (await db.select().from(caseReferrals).where(eq(caseReferrals.id, id)).limit(1).for('update'))[0],
  byIds: (db: DbOrTx, ids: number[]) => (ids.length === 0 ? Promise.resolve([] as ReferralRow[]) : db.select().from(caseReferrals).where(inArray(caseReferrals.id, ids))),
  forCase: (db: DbOrTx, caseId: number) => db.select().from(caseReferrals).where(eq(caseReferrals.caseId, caseId)).orderBy(asc(caseReferrals.id)),
  update: (db: DbOrTx, id: number, set: Partial<typeof caseReferrals.$inferInsert>) => db.update(caseReferrals).set(set).where(eq(caseReferrals.id, id)),
  openCount: async (db: DbOrTx, caseId: number): Promise<number> =>
    Number(
      (
        await db
          .select({ n: sql<number>`count(*)` })
          .from(caseReferrals)
          .where(and(eq(caseReferrals.caseId, caseId), inArray(caseReferrals.status, ['sent', 'accepted'])))
      )[0]?.n ?? 0,
    ),
};

import { and, asc, count, gte, inArray, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { caseReferrals, cases } from '../../db/schema';

export interface ReferralLedgerFilter {
  orgIds: number[];
  from: Date | null;
  toExclusive: Date | null;
}

const where = (f: ReferralLedgerFilter) =>
  and(
    or(inArray(caseReferrals.townshipId, f.orgIds), inArray(cases.villageId, f.orgIds)),
    f.from ? gte(caseReferrals.sentAt, f.from) : undefined,
    f.toExclusive ? lt(caseReferrals.sentAt, f.toExclusive) : undefined,
  );

/** Reads of referrals (附件7) with their case number, for the referral ledger and statistics. */
export const referralsLedgerRepo = {
  page: (db: DbOrTx, f: ReferralLedgerFilter, after: { at: Date; id: number } | null, limit: number) =>
    db
      .select({ r: caseReferrals, caseCode: cases.code, villageId: cases.villageId })
      .from(caseReferrals)
      .innerJoin(cases, sql`${cases.id} = ${caseReferrals.caseId}`)
      .where(and(where(f), after ? sql`${caseReferrals.sentAt} >= ${after.at} AND (${caseReferrals.sentAt} > ${after.at} OR ${caseReferrals.id} > ${after.id})` : undefined))
      .orderBy(asc(caseReferrals.sentAt), asc(caseReferrals.id))
      .limit(limit),

  count: async (db: DbOrTx, f: ReferralLedgerFilter): Promise<number> =>
    f.orgIds.length
      ? Number((await db.select({ n: count() }).from(caseReferrals).innerJoin(cases, sql`${cases.id} = ${caseReferrals.caseId}`).where(where(f)))[0]?.n ?? 0)
      : 0,
};

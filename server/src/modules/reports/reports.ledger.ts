import { and, asc, count, gte, inArray, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { cases, reports, reportTriage } from '../../db/schema';

export interface ReportLedgerFilter {
  /** A report belongs to a node when its village or its receiving township is in the node's subtree. */
  orgIds: number[];
  from: Date | null;
  toExclusive: Date | null;
}

const where = (f: ReportLedgerFilter) =>
  and(
    or(inArray(reports.orgId, f.orgIds), inArray(reports.townshipId, f.orgIds)),
    f.from ? gte(reports.receivedAt, f.from) : undefined,
    f.toExclusive ? lt(reports.receivedAt, f.toExclusive) : undefined,
  );

const columns = {
  id: reports.id,
  kind: reports.kind,
  status: reports.status,
  orgId: reports.orgId,
  townshipId: reports.townshipId,
  anonymous: reports.anonymous,
  method: reports.method,
  enteredByUserId: reports.enteredByUserId,
  contentEnc: reports.contentEnc,
  reportedAt: reports.reportedAt,
  receivedAt: reports.receivedAt,
  category: reportTriage.category,
  consultationType: reportTriage.consultationType,
  caseId: reportTriage.caseId,
  triagedAt: reportTriage.triagedAt,
  triagedBy: reportTriage.triagedBy,
  caseCode: cases.code,
};
export type ReportLedgerRow = Awaited<ReturnType<typeof reportsLedgerRepo.page>>[number];

/** Reads of incoming reports with their triage, for the reception ledger and statistics. */
export const reportsLedgerRepo = {
  /** Keyset by (receivedAt, id). */
  page: (db: DbOrTx, f: ReportLedgerFilter, after: { at: Date; id: number } | null, limit: number) =>
    db
      .select(columns)
      .from(reports)
      .leftJoin(reportTriage, sql`${reportTriage.reportId} = ${reports.id}`)
      .leftJoin(cases, sql`${cases.id} = ${reportTriage.caseId}`)
      .where(and(where(f), after ? sql`${reports.receivedAt} >= ${after.at} AND (${reports.receivedAt} > ${after.at} OR ${reports.id} > ${after.id})` : undefined))
      .orderBy(asc(reports.receivedAt), asc(reports.id))
      .limit(limit),

  count: async (db: DbOrTx, f: ReportLedgerFilter): Promise<number> =>
    f.orgIds.length ? Number((await db.select({ n: count() }).from(reports).where(where(f)))[0]?.n ?? 0) : 0,
};

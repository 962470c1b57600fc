import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { mergeKeyPages } from '../../db/keyset';
import { caseEvents, cases, reportTriage } from '../../db/schema';

export type CaseRow = typeof cases.$inferSelect;
export type CaseInsert = typeof cases.$inferInsert;
export type CaseEventRow = typeof caseEvents.$inferSelect;
export type TriageRow = typeof reportTriage.$inferSelect;

/** The only code that touches cases, case_events and report_triage. */
export const casesRepo = {
  async insert(db: DbOrTx, row: CaseInsert): Promise<number> {
    return (await db.insert(cases).values(row).$returningId())[0].id;
  },

  byId: async (db: DbOrTx, id: number): Promise<CaseRow | undefined> => (await db.select().from(cases).where(eq(cases.id, id)).limit(1))[0],

  /** Locks the case row for the rest of the transaction: steps on one case run one at a time. */
  lockById: async (db: DbOrTx, id: number): Promise<CaseRow | undefined> => (await db.select().from(cases).where(eq(cases.id, id)).limit(1).for('update'))[0],

  codes: (db: DbOrTx, ids: number[]) =>
    ids.length === 0 ? Promise.resolve([] as { id: number; code: string }[]) : db.select({ id: cases.id, code: cases.code }).from(cases).where(inArray(cases.id, ids)),

  byIds: (db: DbOrTx, ids: number[]) => (ids.length === 0 ? Promise.resolve([] as CaseRow[]) : db.select().from(cases).where(inArray(cases.id, ids))),

  update: (db: DbOrTx, id: number, set: Partial<CaseInsert>) => db.update(cases).set(set).where(eq(cases.id, id)),

  byConsultation: async (db: DbOrTx, consultationId: number): Promise<CaseRow | undefined> =>
    (await db.select().from(cases).where(eq(cases.sourceConsultationId, consultationId)).limit(1))[0],

  /**
   * Keyset page of cases in some townships (or one village), newest first. Each township's
   * (township_id, archived, id) range is read in order and limited; several are merged.
   */
  list: (
    db: DbOrTx,
    q: {
      townshipIds: number[];
      villageId?: number;
      status: 'active' | 'archived' | 'all';
      userId?: number;
      ids?: number[];
      riskLevel?: CaseRow['riskLevel'];
      childNameIdx?: string;
      before?: number;
      limit: number;
    },
  ): Promise<CaseRow[]> => {
    const page = (place: SQL) =>
      db
        .select()
        .from(cases)
        .where(
          and(
            place,
            q.status === 'all' ? undefined : eq(cases.archived, q.status === 'archived'),
            q.userId !== undefined ? or(eq(cases.ownerUserId, q.userId), eq(cases.socialWorkerUserId, q.userId)) : undefined,
            q.ids !== undefined ? inArray(cases.id, q.ids.length ? q.ids : [-1]) : undefined,
            q.riskLevel ? eq(cases.riskLevel, q.riskLevel) : undefined,
            q.childNameIdx ? eq(cases.childNameIdx, q.childNameIdx) : undefined,
            q.before !== undefined ? lt(cases.id, q.before) : undefined,
          ),
        )
        .orderBy(desc(cases.id))
        .limit(q.limit);
    if (q.villageId !== undefined) return page(eq(cases.villageId, q.villageId));
    const newestFirst = (a: CaseRow, b: CaseRow) => b.id - a.id;
    return mergeKeyPages(q.townshipIds, (id) => page(eq(cases.townshipId, id)), newestFirst, q.limit, () => page(inArray(cases.townshipId, q.townshipIds)));
  },

  /** Cases written before the child-name index existed (backfilled in small batches). */
  withoutNameIndex: (db: DbOrTx, limit: number) =>
    db.select({ id: cases.id, childEnc: cases.childEnc }).from(cases).where(and(isNull(cases.childNameIdx), isNotNull(cases.childEnc))).limit(limit),

  setNameIndex: (db: DbOrTx, id: number, childNameIdx: string) => db.update(cases).set({ childNameIdx }).where(eq(cases.id, id)),

  /** Open cases about the same child file, or (without a file) the same village, for linking. */
  activeInTownship: (db: DbOrTx, townshipId: number, limit: number) =>
    db
      .select()
      .from(cases)
      .where(and(eq(cases.townshipId, townshipId), eq(cases.archived, false)))
      .orderBy(desc(cases.id))
      .limit(limit),

  // ---------- chronology ----------

  insertEvent: (db: DbOrTx, row: typeof caseEvents.$inferInsert) => db.insert(caseEvents).values(row),

  events: (db: DbOrTx, caseId: number) => db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.id)),

  // ---------- triage ----------

  insertTriage: (db: DbOrTx, row: typeof reportTriage.$inferInsert) => db.insert(reportTriage).values(row),

  linkTriage: (db: DbOrTx, reportId: number, caseId: number) => db.update(reportTriage).set({ caseId }).where(eq(reportTriage.reportId, reportId)),

  triageOf: async (db: DbOrTx, reportId: number): Promise<TriageRow | undefined> =>
    (await db.select().from(reportTriage).where(eq(reportTriage.reportId, reportId)).limit(1))[0],

  triageOfReports: (db: DbOrTx, reportIds: number[]) =>
    reportIds.length === 0 ? Promise.resolve([] as TriageRow[]) : db.select().from(reportTriage).where(inArray(reportTriage.reportId, reportIds)),

  reportsOfCase: (db: DbOrTx, caseId: number) => db.select().from(reportTriage).where(eq(reportTriage.caseId, caseId)).orderBy(asc(reportTriage.triagedAt)),

  reportsOfCases: (db: DbOrTx, caseIds: number[]) =>
    caseIds.length === 0 ? Promise.resolve([] as TriageRow[]) : db.select().from(reportTriage).where(inArray(reportTriage.caseId, caseIds)),

  linkedCounts: async (db: DbOrTx, caseIds: number[]): Promise<Map<number, number>> => {
    if (caseIds.length === 0) return new Map();
    const rows = await db
      .select({ caseId: reportTriage.caseId, n: sql<number>`count(*)` })
      .from(reportTriage)
      .where(inArray(reportTriage.caseId, caseIds))
      .groupBy(reportTriage.caseId);
    return new Map(rows.map((r) => [r.caseId as number, Number(r.n)]));
  },
};

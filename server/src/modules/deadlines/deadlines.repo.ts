import { and, asc, eq, inArray, isNull, lte, max, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { deadlineClocks } from '../../db/schema';

export type ClockRow = typeof deadlineClocks.$inferSelect;
export type ClockInsert = typeof deadlineClocks.$inferInsert;

const open = and(isNull(deadlineClocks.metAt), isNull(deadlineClocks.cancelledAt));

/** The only code that touches deadline_clocks. */
export const deadlinesRepo = {
  async insert(db: DbOrTx, row: ClockInsert): Promise<number> {
    return (await db.insert(deadlineClocks).values(row).$returningId())[0].id;
  },

  /** Inserts unless a run of that clock already exists (concurrent syncs start a clock once). */
  async insertIgnore(db: DbOrTx, row: ClockInsert): Promise<boolean> {
    const [res] = await db
      .insert(deadlineClocks)
      .values(row)
      .onDuplicateKeyUpdate({ set: { id: sql`id` } });
    return res.affectedRows === 1;
  },

  /** Many clocks in one statement; rows whose clock already ran are left as they are. */
  async insertIgnoreMany(db: DbOrTx, rows: ClockInsert[]): Promise<void> {
    if (rows.length === 0) return;
    await db
      .insert(deadlineClocks)
      .values(rows)
      .onDuplicateKeyUpdate({ set: { id: sql`id` } });
  },

  byId: async (db: DbOrTx, id: number): Promise<ClockRow | undefined> => (await db.select().from(deadlineClocks).where(eq(deadlineClocks.id, id)).limit(1))[0],

  /** The open run of a clock, if any. */
  openFor: async (db: DbOrTx, kind: string, subjectType: string, subjectId: number): Promise<ClockRow | undefined> =>
    (
      await db
        .select()
        .from(deadlineClocks)
        .where(and(eq(deadlineClocks.kind, kind), eq(deadlineClocks.subjectType, subjectType), eq(deadlineClocks.subjectId, subjectId), open))
        .limit(1)
    )[0],

  lastRun: async (db: DbOrTx, kind: string, subjectType: string, subjectId: number): Promise<number> =>
    (
      await db
        .select({ run: max(deadlineClocks.run) })
        .from(deadlineClocks)
        .where(and(eq(deadlineClocks.kind, kind), eq(deadlineClocks.subjectType, subjectType), eq(deadlineClocks.subjectId, subjectId)))
    )[0]?.run ?? 0,

  /** Subjects that already have some run of this clock (to start clocks only once). */
  async subjectsWithClock(db: DbOrTx, kind: string, subjectType: string, subjectIds: number[]): Promise<Set<number>> {
    if (subjectIds.length === 0) return new Set();
    const rows = await db
      .selectDistinct({ id: deadlineClocks.subjectId })
      .from(deadlineClocks)
      .where(and(eq(deadlineClocks.kind, kind), eq(deadlineClocks.subjectType, subjectType), inArray(deadlineClocks.subjectId, subjectIds)));
    return new Set(rows.map((r) => r.id));
  },

  async meet(db: DbOrTx, id: number, at: Date): Promise<boolean> {
    const [res] = await db
      .update(deadlineClocks)
      .set({ metAt: at })
      .where(and(eq(deadlineClocks.id, id), open));
    return res.affectedRows === 1;
  },

  async cancel(db: DbOrTx, id: number, at: Date): Promise<boolean> {
    const [res] = await db
      .update(deadlineClocks)
      .set({ cancelledAt: at })
      .where(and(eq(deadlineClocks.id, id), open));
    return res.affectedRows === 1;
  },

  setOwner: (db: DbOrTx, id: number, ownerUserId: number | null) => db.update(deadlineClocks).set({ ownerUserId }).where(eq(deadlineClocks.id, id)),

  /** Open clocks of a case (or of its referrals). */
  openForCase: (db: DbOrTx, caseId: number) =>
    db.select().from(deadlineClocks).where(and(eq(deadlineClocks.caseId, caseId), open)).orderBy(asc(deadlineClocks.dueAt)),

  allForCase: (db: DbOrTx, caseId: number) =>
    db.select().from(deadlineClocks).where(eq(deadlineClocks.caseId, caseId)).orderBy(asc(deadlineClocks.startedAt), asc(deadlineClocks.id)),

  openForSubjects: (db: DbOrTx, subjectType: string, subjectIds: number[]) =>
    subjectIds.length === 0
      ? Promise.resolve([] as ClockRow[])
      : db
          .select()
          .from(deadlineClocks)
          .where(and(eq(deadlineClocks.subjectType, subjectType), inArray(deadlineClocks.subjectId, subjectIds), open)),

  /** Every open clock of one kind (for syncing with the modules that can meet them). */
  openOfKind: (db: DbOrTx, kind: string, limit: number) =>
    db.select().from(deadlineClocks).where(and(eq(deadlineClocks.kind, kind), open)).orderBy(asc(deadlineClocks.dueAt)).limit(limit),

  /** Open clocks that ran out and have not been escalated yet. */
  dueForBreach: (db: DbOrTx, now: Date, limit: number) =>
    db
      .select()
      .from(deadlineClocks)
      .where(and(open, isNull(deadlineClocks.breachedAt), lte(deadlineClocks.dueAt, now)))
      .orderBy(asc(deadlineClocks.dueAt), asc(deadlineClocks.id))
      .limit(limit),

  /** Marks a breach once: false when another sweep (or a meet) got there first. */
  async markBreached(db: DbOrTx, id: number, at: Date, notified: string): Promise<boolean> {
    const [res] = await db
      .update(deadlineClocks)
      .set({ breachedAt: at, notified })
      .where(and(eq(deadlineClocks.id, id), open, isNull(deadlineClocks.breachedAt)));
    return res.affectedRows === 1;
  },

  /** Open clocks visible to a person: in these townships, or owned by them; due before `until`. */
  openVisible: (db: DbOrTx, q: { townshipIds: number[]; ownerUserId: number; until?: Date; limit: number }) =>
    db
      .select()
      .from(deadlineClocks)
      .where(
        and(
          open,
          q.townshipIds.length > 0 ? or(inArray(deadlineClocks.townshipId, q.townshipIds), eq(deadlineClocks.ownerUserId, q.ownerUserId)) : eq(deadlineClocks.ownerUserId, q.ownerUserId),
          q.until ? lte(deadlineClocks.dueAt, q.until) : undefined,
        ),
      )
      .orderBy(asc(deadlineClocks.dueAt), asc(deadlineClocks.id))
      .limit(q.limit),
};

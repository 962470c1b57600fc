import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { deadlineClocks } from '../../db/schema';

export interface RunningClockRef {
  id: number;
  kind: string;
  caseId: number | null;
  dueAt: Date;
  breached: boolean;
}

const running = (userId: number) => and(eq(deadlineClocks.ownerUserId, userId), isNull(deadlineClocks.metAt), isNull(deadlineClocks.cancelledAt));

/** The running clocks a person must act on, and handing them to a successor. */
export class DeadlinesHandover {
  constructor(private readonly db: Db) {}

  async openFor(userId: number, db: DbOrTx = this.db): Promise<RunningClockRef[]> {
    const rows = await db
      .select({ id: deadlineClocks.id, kind: deadlineClocks.kind, caseId: deadlineClocks.caseId, dueAt: deadlineClocks.dueAt, breachedAt: deadlineClocks.breachedAt })
      .from(deadlineClocks)
      .where(running(userId))
      .orderBy(asc(deadlineClocks.dueAt), asc(deadlineClocks.id));
    return rows.map((r) => ({ id: r.id, kind: r.kind, caseId: r.caseId, dueAt: r.dueAt, breached: r.breachedAt !== null }));
  }

  async reassign(from: number, to: number, tx: DbOrTx): Promise<number[]> {
    const open = await this.openFor(from, tx);
    if (open.length > 0) await tx.update(deadlineClocks).set({ ownerUserId: to }).where(running(from));
    return open.map((c) => c.id);
  }
}

import { and, asc, eq, ne, or } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { cases } from '../../db/schema';

export interface OpenCaseRef {
  id: number;
  code: string;
  status: string;
  townshipId: number;
  /** How the person is on the case: its owner, its social worker, or both. */
  as: 'owner' | 'social_worker' | 'both';
}

/** A person's open (not archived) cases, and handing them to a successor. */
export class CasesHandover {
  constructor(private readonly db: Db) {}

  async openFor(userId: number, db: DbOrTx = this.db): Promise<OpenCaseRef[]> {
    const rows = await db
      .select({ id: cases.id, code: cases.code, status: cases.status, townshipId: cases.townshipId, owner: cases.ownerUserId, worker: cases.socialWorkerUserId })
      .from(cases)
      .where(and(or(eq(cases.ownerUserId, userId), eq(cases.socialWorkerUserId, userId)), ne(cases.status, 'archived')))
      .orderBy(asc(cases.id));
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      status: r.status,
      townshipId: r.townshipId,
      as: r.owner === userId && r.worker === userId ? 'both' : r.owner === userId ? 'owner' : 'social_worker',
    }));
  }

  /** Moves ownership and the social-worker seat of every open case of `from` to `to`; returns the case ids. */
  async reassign(from: number, to: number, at: Date, tx: DbOrTx): Promise<number[]> {
    const open = await this.openFor(from, tx);
    if (open.length === 0) return [];
    await tx.update(cases).set({ ownerUserId: to, updatedAt: at }).where(and(eq(cases.ownerUserId, from), ne(cases.status, 'archived')));
    await tx.update(cases).set({ socialWorkerUserId: to, updatedAt: at }).where(and(eq(cases.socialWorkerUserId, from), ne(cases.status, 'archived')));
    return open.map((c) => c.id);
  }
}

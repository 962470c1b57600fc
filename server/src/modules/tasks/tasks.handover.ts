import { and, asc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { tasks } from '../../db/schema';

export interface OpenTaskRef {
  id: number;
  title: string;
  orgId: number;
  dueAt: Date;
}

/** A person's open tasks, and handing them all to a successor (staff disabled or moved). */
export class TasksHandover {
  constructor(private readonly db: Db) {}

  openFor(userId: number, db: DbOrTx = this.db): Promise<OpenTaskRef[]> {
    return db
      .select({ id: tasks.id, title: tasks.title, orgId: tasks.orgId, dueAt: tasks.dueAt })
      .from(tasks)
      .where(and(eq(tasks.assigneeUserId, userId), eq(tasks.status, 'open')))
      .orderBy(asc(tasks.dueAt), asc(tasks.id));
  }

  /** Moves every open task of `from` to `to`; returns the ids moved. */
  async reassign(from: number, to: number, tx: DbOrTx): Promise<number[]> {
    const open = await this.openFor(from, tx);
    if (open.length > 0) await tx.update(tasks).set({ assigneeUserId: to }).where(and(eq(tasks.assigneeUserId, from), eq(tasks.status, 'open')));
    return open.map((t) => t.id);
  }
}

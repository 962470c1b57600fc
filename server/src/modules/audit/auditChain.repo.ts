import { and, asc, count, desc, gt, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { auditChain, auditLog } from '../../db/schema';

export type AuditLogRow = typeof auditLog.$inferSelect;
export type ChainEntry = typeof auditChain.$inferSelect;

export const auditChainRepo = {
  head: async (db: DbOrTx): Promise<ChainEntry | undefined> => (await db.select().from(auditChain).orderBy(desc(auditChain.auditId)).limit(1))[0],

  entriesAfter: (db: DbOrTx, afterId: number, limit: number) =>
    db.select().from(auditChain).where(gt(auditChain.auditId, afterId)).orderBy(asc(auditChain.auditId)).limit(limit),

  rowsAfter: (db: DbOrTx, afterId: number, limit: number) => db.select().from(auditLog).where(gt(auditLog.id, afterId)).orderBy(asc(auditLog.id)).limit(limit),

  rowsBetween: (db: DbOrTx, afterId: number, upToId: number) =>
    db.select().from(auditLog).where(and(gt(auditLog.id, afterId), lte(auditLog.id, upToId))).orderBy(asc(auditLog.id)),

  countAfter: async (db: DbOrTx, afterId: number): Promise<number> => Number((await db.select({ n: count() }).from(auditLog).where(gt(auditLog.id, afterId)))[0]?.n ?? 0),

  insert: (db: DbOrTx, entries: ChainEntry[]) => db.insert(auditChain).values(entries),
};

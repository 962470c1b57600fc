import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { auditLog } from '../../db/schema';

export type AuditRow = typeof auditLog.$inferInsert;

export const auditRepo = {
  insert: (db: DbOrTx, row: AuditRow) => db.insert(auditLog).values(row),
  forTarget: (db: DbOrTx, targetType: string, targetId: string) =>
    db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetType, targetType), eq(auditLog.targetId, targetId)))
      .orderBy(desc(auditLog.id))
      .limit(200),
};

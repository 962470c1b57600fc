import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../http/actor';
import type { Clock } from '../../lib/clock';
import { auditRepo } from './audit.repo';

export interface AuditEntry {
  /** null for anonymous actors: nothing that identifies them is ever recorded. */
  actor: Pick<Actor, 'userId' | 'role'> | null;
  action: string;
  targetType?: string;
  targetId?: string | number;
  result: 'ok' | 'failed' | 'denied' | 'locked';
  orgId?: number | null;
  detail?: Record<string, unknown>;
}

/** Append-only audit trail. Pass the transaction so a change and its audit row commit together. */
export class AuditService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async record(entry: AuditEntry, tx: DbOrTx = this.db): Promise<void> {
    await auditRepo.insert(tx, {
      at: this.clock.now(),
      actorUserId: entry.actor?.userId ?? null,
      actorRole: entry.actor?.role ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId === undefined ? null : String(entry.targetId),
      result: entry.result,
      orgId: entry.orgId ?? null,
      detail: entry.detail ?? null,
    });
  }

  forTarget(targetType: string, targetId: string | number) {
    return auditRepo.forTarget(this.db, targetType, String(targetId));
  }
}

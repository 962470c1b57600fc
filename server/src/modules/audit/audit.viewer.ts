import { and, desc, eq, gte, inArray, lt, lte, or, type SQL } from 'drizzle-orm';
import type { AuditQuery } from '@wbt/shared';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client';
import { auditLog } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import type { UsersService } from '../auth/users.service';
import type { OrgService } from '../org/org.service';
import type { AuditService } from './audit.service';

interface AuditFilter {
  orgIds: number[];
  /** People of those nodes: their own actions count even when the row names no node (sign-in, refusals). */
  userIds: number[];
  actorUserId?: number;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  before?: number;
  limit: number;
}

const viewerRepo = {
  /** Newest first, keyset on id; the org filter uses audit_org_idx (org_id, id), a person's rows audit_actor_idx. */
  page: (db: DbOrTx, f: AuditFilter) => {
    const where: (SQL | undefined)[] = [f.userIds.length ? or(inArray(auditLog.orgId, f.orgIds), inArray(auditLog.actorUserId, f.userIds)) : inArray(auditLog.orgId, f.orgIds)];
    if (f.actorUserId) where.push(eq(auditLog.actorUserId, f.actorUserId));
    if (f.action) where.push(eq(auditLog.action, f.action));
    if (f.targetType) where.push(eq(auditLog.targetType, f.targetType));
    if (f.targetId) where.push(eq(auditLog.targetId, f.targetId));
    if (f.from) where.push(gte(auditLog.at, f.from));
    if (f.to) where.push(lte(auditLog.at, f.to));
    if (f.before) where.push(lt(auditLog.id, f.before));
    return db.select().from(auditLog).where(and(...where)).orderBy(desc(auditLog.id)).limit(f.limit);
  },
};

/**
 * The audit viewer of the station head (own township) and the county admin (the county): the rows
 * about nodes in their reach and the actions of the people there, filtered by person, action, record and time. Looking is itself audited.
 */
export class AuditViewer {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly org: OrgService,
    private readonly users: UsersService,
  ) {}

  async list(actor: Actor, q: z.output<typeof AuditQuery>) {
    const from = q.from ? new Date(q.from) : undefined;
    const to = q.to ? new Date(q.to) : undefined;
    if (from && to && from > to) throw AppError.validation('from', '开始时间不能晚于结束时间');
    if (q.targetId && !q.targetType) throw AppError.validation('targetType', '按记录编号查询时请同时选择记录类型');
    const orgIds = await this.org.scopeIds(actor);
    const userIds = await this.users.idsInOrgs(orgIds);
    const rows = orgIds.length === 0 ? [] : await viewerRepo.page(this.db, { ...q, orgIds, userIds, from, to, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    const names = await this.users.names(page.flatMap((r) => (r.actorUserId === null ? [] : [r.actorUserId])));
    await this.audit.record({
      actor,
      action: 'audit.view',
      targetType: 'audit_log',
      orgId: actor.orgId,
      result: 'ok',
      detail: { filter: { actorUserId: q.actorUserId, action: q.action, targetType: q.targetType, targetId: q.targetId, from: q.from, to: q.to, before: q.before }, rows: page.length },
    });
    return {
      items: page.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        actorUserId: r.actorUserId,
        actorName: r.actorUserId === null ? null : (names.get(r.actorUserId) ?? null),
        actorRole: r.actorRole,
        action: r.action,
        targetType: r.targetType,
        targetId: r.targetId,
        result: r.result,
        orgId: r.orgId,
      })),
      nextBefore: rows.length > q.limit ? page[page.length - 1].id : null,
    };
  }
}

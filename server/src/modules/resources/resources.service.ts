import {
  RESOURCE_EDITOR_ROLES,
  RESOURCE_REFERRAL_TYPE,
  ResourceKind,
  type ResourceCreate,
  type ResourceView,
  type StaffRole,
} from '@wbt/shared';
import type { z } from 'zod';
import type { ResourceUpdate } from '@wbt/shared';
import type { Db } from '../../db/client';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import type { Clock } from '../../lib/clock';
import type { AuditService } from '../audit/audit.service';
import type { OrgService } from '../org/org.service';
import { resourcesRepo, type ResourceRow } from './resources.repo';

type CreateInput = Omit<ResourceCreate, 'contactPhone' | 'services'> & { contactPhone: string; services: string | null };
type UpdateInput = z.output<typeof ResourceUpdate>;

/**
 * The resource directory: every staff member reads the directory of their own township and county
 * (a director too, to fill a referral or find the police station); township staff keep their
 * township's, the county admin the county's and every township's.
 */
export class ResourcesService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly org: OrgService,
    private readonly audit: AuditService,
  ) {}

  /** Org ids whose directory the actor reads: the nodes above and including their own, and (county, township) the townships below. */
  private async readableOrgIds(actor: Actor): Promise<number[]> {
    if (!actor.orgPath) return [];
    const above = actor.orgPath.split('/').filter(Boolean).map(Number);
    const below = (await this.org.tree(actor)).filter((o) => o.level === 'township' || o.level === 'county').map((o) => o.id);
    return [...new Set([...above, ...below])];
  }

  private async readable(actor: Actor, id: number): Promise<ResourceRow> {
    const row = await resourcesRepo.byId(this.db, id);
    if (!row || !(await this.readableOrgIds(actor)).includes(row.orgId)) {
      await this.audit.record({ actor, action: 'scope.denied', targetType: 'resource', targetId: id, result: 'denied' });
      throw AppError.notFound('资源单位');
    }
    return row;
  }

  async list(actor: Actor, q: { kind?: string; archived?: boolean }): Promise<ResourceView[]> {
    const rows = await resourcesRepo.list(this.db, { orgIds: await this.readableOrgIds(actor), kind: q.kind, archived: q.archived === true });
    return this.views(rows);
  }

  async get(actor: Actor, id: number): Promise<ResourceView> {
    return (await this.views([await this.readable(actor, id)]))[0];
  }

  async create(actor: Actor, input: CreateInput): Promise<ResourceView> {
    this.requireEditor(actor);
    const orgId = input.orgId ?? actor.orgId;
    if (orgId === null || orgId === undefined) throw AppError.validation('orgId', '请选择所属乡镇');
    await this.org.assertInScope(actor, orgId, { type: 'org', id: orgId, what: '乡镇' });
    const org = await this.org.get(orgId);
    if (org?.level !== 'township' && org?.level !== 'county') throw AppError.validation('orgId', '资源名录只能建在乡镇（街道）或县（区）一级');
    const now = this.clock.now();
    let id = 0;
    await this.db.transaction(async (tx) => {
      id = await resourcesRepo.insert(tx, {
        orgId,
        kind: input.kind,
        name: input.name,
        address: input.address,
        contactName: input.contactName,
        contactPhone: input.contactPhone,
        services: input.services,
        status: 'active',
        createdAt: now,
        createdBy: actor.userId,
        updatedAt: now,
        updatedBy: actor.userId,
      });
      await this.audit.record({ actor, action: 'resource.create', targetType: 'resource', targetId: id, result: 'ok', orgId }, tx);
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: number, patch: UpdateInput): Promise<ResourceView> {
    this.requireEditor(actor);
    const before = await this.readable(actor, id);
    // A township's staff read the county's entries but do not change them.
    if (!(await this.org.isInScope(actor, before.orgId))) throw AppError.forbidden('县级资源单位由县级管理员维护');
    const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    await this.db.transaction(async (tx) => {
      await resourcesRepo.update(tx, id, { ...set, updatedAt: this.clock.now(), updatedBy: actor.userId });
      await this.audit.record({ actor, action: 'resource.update', targetType: 'resource', targetId: id, result: 'ok', orgId: before.orgId, detail: { fields: Object.keys(set) } }, tx);
    });
    return this.get(actor, id);
  }

  private requireEditor(actor: Actor): void {
    if (!(RESOURCE_EDITOR_ROLES as readonly StaffRole[]).includes(actor.role as StaffRole)) throw AppError.forbidden('只有乡镇工作站和县级管理员可以维护资源名录');
  }

  private async views(rows: ResourceRow[]): Promise<ResourceView[]> {
    const names = await this.org.names([...new Set(rows.map((r) => r.orgId))]);
    return rows.map((r) => {
      const kind = r.kind as ResourceView['kind'];
      return {
        id: r.id,
        orgId: r.orgId,
        orgName: names.get(r.orgId) ?? '',
        kind,
        kindLabel: ResourceKind.label(kind),
        referralUnitType: RESOURCE_REFERRAL_TYPE[kind],
        name: r.name,
        address: r.address,
        contactName: r.contactName,
        contactPhone: r.contactPhone,
        services: r.services,
        status: r.status,
        updatedAt: r.updatedAt.toISOString(),
      };
    });
  }
}

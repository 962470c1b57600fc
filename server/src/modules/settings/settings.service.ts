import { mergeSla, type SlaOverride, type SlaSettings } from '@wbt/shared';
import type { Db } from '../../db/client';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import type { Clock } from '../../lib/clock';
import type { AuditService } from '../audit/audit.service';
import type { OrgService } from '../org/org.service';
import { settingsRepo } from './settings.repo';

/** The county an org path belongs to is the first id of its path ("/county/township/village/"). */
const countyIdOfPath = (path: string): number => Number(path.split('/')[1]);

export class SettingsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly org: OrgService,
    private readonly audit: AuditService,
  ) {}

  /** SLA clocks in force for any org (county settings over the seed defaults). */
  async sla(orgId: number): Promise<SlaSettings> {
    const org = await this.org.get(orgId);
    if (!org) return mergeSla(null);
    const row = await settingsRepo.get(this.db, countyIdOfPath(org.path));
    return mergeSla(row?.sla);
  }

  /** The SLA in force for each of these orgs, read in one statement (lists of many villages). */
  async slaMany(orgIds: number[]): Promise<Map<number, SlaSettings>> {
    const countyOf = new Map<number, number>();
    for (const id of new Set(orgIds)) {
      const org = await this.org.get(id);
      if (org) countyOf.set(id, countyIdOfPath(org.path));
    }
    const rows = new Map((await settingsRepo.many(this.db, [...new Set(countyOf.values())])).map((r) => [r.orgId, r.sla]));
    const out = new Map<number, SlaSettings>();
    for (const id of new Set(orgIds)) {
      const county = countyOf.get(id);
      out.set(id, mergeSla(county === undefined ? null : rows.get(county)));
    }
    return out;
  }

  async slaFor(actor: Actor): Promise<SlaSettings> {
    if (actor.orgId === null) throw AppError.notFound('设置');
    return this.sla(actor.orgId);
  }

  async updateSla(actor: Actor, override: SlaOverride): Promise<SlaSettings> {
    if (actor.role !== 'county_admin' || !actor.orgPath) throw AppError.forbidden('只有县级管理员可以修改时限设置');
    const countyId = countyIdOfPath(actor.orgPath);
    await this.db.transaction(async (tx) => {
      await settingsRepo.upsert(tx, { orgId: countyId, sla: override, updatedAt: this.clock.now(), updatedBy: actor.userId });
      await this.audit.record({ actor, action: 'settings.sla.update', targetType: 'org', targetId: countyId, result: 'ok', orgId: countyId, detail: { override } }, tx);
    });
    return mergeSla(override);
  }
}

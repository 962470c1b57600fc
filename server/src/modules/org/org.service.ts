import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import type { AuditService } from '../audit/audit.service';
import { orgRepo, type OrgRow } from './org.repo';

export const pathCovers = (actorPath: string | null, targetPath: string): boolean =>
  actorPath !== null && targetPath.startsWith(actorPath);

/** The organisation tree and the one rule of data scope: your node and the nodes below it. */
export class OrgService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async isEmpty(): Promise<boolean> {
    return (await orgRepo.first(this.db)) === undefined;
  }

  get(id: number, db: DbOrTx = this.db): Promise<OrgRow | undefined> {
    return orgRepo.byId(db, id);
  }

  /** The names of these orgs by id (each looked up once); unknown ids are left out. */
  async names(ids: number[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    for (const id of new Set(ids)) {
      const org = await this.get(id);
      if (org) out.set(id, org.name);
    }
    return out;
  }

  /** Every org id the actor may see (own node and below); empty for public users. */
  async scopeIds(actor: Actor): Promise<number[]> {
    if (!actor.orgPath) return [];
    return (await orgRepo.subtree(this.db, actor.orgPath)).map((o) => o.id);
  }

  async isInScope(actor: Actor, orgId: number | null): Promise<boolean> {
    if (orgId === null || !actor.orgPath) return false;
    const org = await orgRepo.byId(this.db, orgId);
    return !!org && pathCovers(actor.orgPath, org.path);
  }

  /**
   * Throws 404 (exactly as for a missing record) when the org is outside the actor's reach,
   * and writes the refusal to the audit log.
   */
  async assertInScope(actor: Actor, orgId: number | null, target: { type: string; id: string | number; what?: string }): Promise<void> {
    if (await this.isInScope(actor, orgId)) return;
    await this.audit.record({ actor, action: 'scope.denied', targetType: target.type, targetId: target.id, result: 'denied' });
    throw AppError.notFound(target.what);
  }

  /** Every org node, for public pickers (names and phones only are shown). */
  async all(): Promise<OrgRow[]> {
    return (await orgRepo.all(this.db)).filter((o) => !o.retiredAt);
  }

  async tree(actor: Actor): Promise<OrgRow[]> {
    if (!actor.orgPath) return [];
    return orgRepo.subtree(this.db, actor.orgPath);
  }

  /** The township an org belongs to (itself if it is one). */
  async townshipOf(orgId: number): Promise<OrgRow | undefined> {
    const org = await orgRepo.byId(this.db, orgId);
    if (!org) return undefined;
    if (org.level === 'township') return org;
    if (org.level === 'village' && org.parentId !== null) return orgRepo.byId(this.db, org.parentId);
    return undefined;
  }

  create(input: Parameters<typeof orgRepo.create>[1], db: DbOrTx = this.db): Promise<OrgRow> {
    return orgRepo.create(db, input);
  }

  children(parentId: number): Promise<OrgRow[]> {
    return orgRepo.children(this.db, parentId);
  }
}

import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import type { AuditService } from '../audit/audit.service';
import { orgRepo, type OrgRow } from './org.repo';

export const pathCovers = (actorPath: string | null, targetPath: string): boolean =>
  actorPath !== null && targetPath.startsWith(actorPath);

/** How long a process trusts its copy of the tree before reading it again (other processes may have added nodes). */
const TREE_TTL_MS = 30_000;
/** A look-up of an unknown id reads the tree again at most this often (unknown ids come from requests). */
const MISS_RELOAD_MS = 1_000;

interface TreeSnapshot {
  /** Every node, in path order (a subtree is a contiguous run). */
  rows: OrgRow[];
  byId: Map<number, OrgRow>;
  byParent: Map<number, OrgRow[]>;
  loadedAt: number;
}

/**
 * The organisation tree and the one rule of data scope: your node and the nodes below it.
 *
 * Every list request needs the actor's subtree and the names of the orgs on its page, so the tree
 * is kept in memory (a province is ~10^4 nodes, well under a megabyte) and read again when this
 * process changes a node (`changed()`), after TREE_TTL_MS, or when an id is not in it (a node another
 * process added). Nodes are never deleted: a rename or retirement made by another process shows here
 * within TREE_TTL_MS.
 */
export class OrgService {
  private snapshot: Promise<TreeSnapshot> | null = null;
  private lastMissReload = 0;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  private async tree0(): Promise<TreeSnapshot> {
    const current = this.snapshot;
    if (current) {
      const snap = await current;
      if (Date.now() - snap.loadedAt < TREE_TTL_MS) return snap;
      if (this.snapshot !== current) return this.tree0();
    }
    return this.reload();
  }

  /** Drops the cached tree after this process added, renamed or retired a node. */
  changed(): void {
    this.snapshot = null;
  }

  private reload(): Promise<TreeSnapshot> {
    const loading = orgRepo.all(this.db).then((rows): TreeSnapshot => {
      const byId = new Map(rows.map((r) => [r.id, r]));
      const byParent = new Map<number, OrgRow[]>();
      for (const r of rows) if (r.parentId !== null) byParent.set(r.parentId, [...(byParent.get(r.parentId) ?? []), r]);
      for (const list of byParent.values()) list.sort((a, b) => a.id - b.id);
      return { rows, byId, byParent, loadedAt: Date.now() };
    });
    this.snapshot = loading;
    // A failed read is not kept: the next call tries again.
    loading.catch(() => {
      if (this.snapshot === loading) this.snapshot = null;
    });
    return loading;
  }

  private async byId(id: number, db?: DbOrTx): Promise<OrgRow | undefined> {
    const hit = (await this.tree0()).byId.get(id);
    if (hit) return hit;
    // Inside a transaction: the node may be this transaction's own, which only it can see.
    if (db && db !== this.db) return orgRepo.byId(db, id);
    if (Date.now() - this.lastMissReload < MISS_RELOAD_MS) return undefined;
    this.lastMissReload = Date.now();
    return (await this.reload()).byId.get(id);
  }

  private async subtree(path: string): Promise<OrgRow[]> {
    return (await this.tree0()).rows.filter((o) => o.path.startsWith(path));
  }

  async isEmpty(): Promise<boolean> {
    return (await orgRepo.first(this.db)) === undefined;
  }

  get(id: number, db?: DbOrTx): Promise<OrgRow | undefined> {
    return this.byId(id, db);
  }

  /** The names of these orgs by id; unknown ids are left out. */
  async names(ids: number[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    for (const id of new Set(ids)) {
      const org = await this.byId(id);
      if (org) out.set(id, org.name);
    }
    return out;
  }

  /** Every org id the actor may see (own node and below); empty for public users. */
  async scopeIds(actor: Actor): Promise<number[]> {
    if (!actor.orgPath) return [];
    return (await this.subtree(actor.orgPath)).map((o) => o.id);
  }

  async isInScope(actor: Actor, orgId: number | null): Promise<boolean> {
    if (orgId === null || !actor.orgPath) return false;
    const org = await this.byId(orgId);
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

  /** Every org node still in use, in path order, for public pickers (names and phones only are shown). */
  async all(): Promise<OrgRow[]> {
    return (await this.tree0()).rows.filter((o) => !o.retiredAt);
  }

  async tree(actor: Actor): Promise<OrgRow[]> {
    if (!actor.orgPath) return [];
    return this.subtree(actor.orgPath);
  }

  /** The township an org belongs to (itself if it is one). */
  async townshipOf(orgId: number): Promise<OrgRow | undefined> {
    const org = await this.byId(orgId);
    if (!org) return undefined;
    if (org.level === 'township') return org;
    if (org.level === 'village' && org.parentId !== null) return this.byId(org.parentId);
    return undefined;
  }

  async create(input: Parameters<typeof orgRepo.create>[1], db: DbOrTx = this.db): Promise<OrgRow> {
    const row = await orgRepo.create(db, input);
    // Read again on next use (in a transaction, the node appears once it commits).
    this.snapshot = null;
    this.lastMissReload = 0;
    return row;
  }

  async children(parentId: number): Promise<OrgRow[]> {
    return ((await this.tree0()).byParent.get(parentId) ?? []).slice();
  }
}

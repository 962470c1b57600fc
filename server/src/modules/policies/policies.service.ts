import {
  POLICY_EDITOR_ROLES,
  type PolicyArticle,
  type PolicyArticleInput,
  type PolicyArticleUpdate,
  type PolicyListItem,
  type PolicyListQuery,
  type PolicySearchHit,
  type PolicySearchQuery,
  type PolicyStatus,
} from '@wbt/shared';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import type { Clock } from '../../lib/clock';
import type { AuditService } from '../audit/audit.service';
import { policiesRepo, type PolicyRow } from './policies.repo';
import { PolicySearchIndex, type SearchDoc } from './search';
import type { OrgService } from '../org/org.service';
import { LOCAL_PACKS } from './localArticles';
import { STARTER_ARTICLES, type StarterArticle } from './starterArticles';

export const isPolicyEditor = (actor: Actor | null): actor is Actor =>
  !!actor && (POLICY_EDITOR_ROLES as readonly string[]).includes(actor.role);

const splitMaterials = (text: string): string[] =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

export function toArticle(r: PolicyRow): PolicyArticle {
  return {
    id: r.id,
    slug: r.slug,
    topic: r.topic,
    title: r.title,
    summary: r.summary,
    eligibility: r.eligibility,
    materials: splitMaterials(r.materials),
    whereToApply: r.whereToApply,
    body: r.body,
    source: r.source,
    canApply: r.canApply,
    status: r.status,
    updatedAt: r.updatedAt.toISOString(),
    publishedAt: r.publishedAt?.toISOString() ?? null,
  };
}

const toListItem = (r: Pick<PolicyRow, 'id' | 'slug' | 'topic' | 'title' | 'summary' | 'canApply' | 'status' | 'updatedAt'>): PolicyListItem => ({
  id: r.id,
  slug: r.slug,
  topic: r.topic,
  title: r.title,
  summary: r.summary,
  canApply: r.canApply,
  status: r.status,
  updatedAt: r.updatedAt.toISOString(),
});

const toSearchDoc = (r: PolicyRow): SearchDoc => ({
  id: r.id,
  status: r.status,
  topic: r.topic,
  title: r.title,
  summary: r.summary,
  eligibility: r.eligibility,
  materials: splitMaterials(r.materials),
  whereToApply: r.whereToApply,
  body: r.body,
  source: r.source,
});

/** What another module (协助申办) needs to know about a policy. */
export interface PolicyForApplication {
  id: number;
  title: string;
  materials: string[];
  canApply: boolean;
}

interface LoadedIndex {
  index: PolicySearchIndex;
  items: Map<number, PolicyListItem>;
  revision: number;
}

/** The policy library: articles, their publication, and search over them. */
export class PoliciesService {
  private loaded: LoadedIndex | null = null;
  private loading: Promise<LoadedIndex> | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly org: OrgService,
  ) {}

  // ---- reading -------------------------------------------------------------------------------

  async get(actor: Actor | null, id: number): Promise<PolicyArticle> {
    const row = await policiesRepo.byId(this.db, id);
    if (!row || (row.status !== 'published' && !isPolicyEditor(actor))) throw AppError.notFound('政策文章');
    return toArticle(row);
  }

  async list(actor: Actor | null, q: PolicyListQuery): Promise<{ items: PolicyListItem[]; nextAfter: number | null }> {
    let statuses: PolicyStatus[] = ['published'];
    if (q.status) {
      if (q.status !== 'published' && !isPolicyEditor(actor)) throw AppError.forbidden('只有未保站工作人员和县级管理员可以查看草稿');
      statuses = [q.status];
    }
    const rows = await policiesRepo.page(this.db, { statuses, topic: q.topic, after: q.after, limit: q.limit });
    return { items: rows.map(toListItem), nextAfter: rows.length === q.limit ? rows[rows.length - 1].id : null };
  }

  async search(actor: Actor | null, q: PolicySearchQuery): Promise<{ items: PolicySearchHit[]; took: number }> {
    const started = performance.now();
    if (q.all && !isPolicyEditor(actor)) throw AppError.forbidden('只有未保站工作人员和县级管理员可以搜索草稿');
    const { index, items } = await this.freshIndex();
    const hits = index.search(q.q, { limit: q.limit, topic: q.topic, includeAll: q.all === true });
    return {
      items: hits.map((h) => ({ ...items.get(h.id)!, score: h.score, snippet: h.snippet })),
      took: Math.round((performance.now() - started) * 100) / 100,
    };
  }

  /** A published policy a guardian may apply for with the station's help. */
  async forApplication(id: number, db: DbOrTx = this.db): Promise<PolicyForApplication | undefined> {
    const row = await policiesRepo.byId(db, id);
    if (!row || row.status !== 'published') return undefined;
    return { id: row.id, title: row.title, materials: splitMaterials(row.materials), canApply: row.canApply };
  }

  async titleOf(id: number): Promise<string | null> {
    return (await policiesRepo.byId(this.db, id))?.title ?? null;
  }

  // ---- writing (station staff and county admin) ------------------------------------------------

  private assertEditor(actor: Actor): void {
    if (!isPolicyEditor(actor)) throw AppError.forbidden('只有未保站工作人员和县级管理员可以编辑政策');
  }

  async create(actor: Actor, input: PolicyArticleInput): Promise<PolicyArticle> {
    this.assertEditor(actor);
    const now = this.clock.now();
    const { id, rev } = await this.db.transaction(async (tx) => {
      const id = await policiesRepo.insert(tx, {
        ...input,
        materials: input.materials.join('\n'),
        status: 'draft',
        orgId: actor.orgId,
        createdBy: actor.userId,
        updatedBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      const rev = await policiesRepo.recordChange(tx, id, now);
      await this.audit.record({ actor, action: 'policy.create', targetType: 'policy', targetId: id, result: 'ok', orgId: actor.orgId, detail: { title: input.title } }, tx);
      return { id, rev };
    });
    return this.afterWrite(id, rev);
  }

  async update(actor: Actor, id: number, patch: PolicyArticleUpdate): Promise<PolicyArticle> {
    this.assertEditor(actor);
    const fields = Object.keys(patch).filter((k) => patch[k as keyof PolicyArticleUpdate] !== undefined);
    if (fields.length === 0) throw AppError.validation('body', '没有需要修改的内容');
    const now = this.clock.now();
    const rev = await this.db.transaction(async (tx) => {
      if (!(await policiesRepo.byId(tx, id))) throw AppError.notFound('政策文章');
      const { materials, ...rest } = patch;
      await policiesRepo.update(tx, id, { ...rest, ...(materials ? { materials: materials.join('\n') } : {}), updatedBy: actor.userId, updatedAt: now });
      const rev = await policiesRepo.recordChange(tx, id, now);
      await this.audit.record({ actor, action: 'policy.update', targetType: 'policy', targetId: id, result: 'ok', orgId: actor.orgId, detail: { fields } }, tx);
      return rev;
    });
    return this.afterWrite(id, rev);
  }

  async setStatus(actor: Actor, id: number, status: 'published' | 'archived'): Promise<PolicyArticle> {
    this.assertEditor(actor);
    const now = this.clock.now();
    const rev = await this.db.transaction(async (tx) => {
      const row = await policiesRepo.byId(tx, id);
      if (!row) throw AppError.notFound('政策文章');
      if (row.status === status) throw new AppError('INVALID_TRANSITION', status === 'published' ? '这篇文章已经发布' : '这篇文章已经下线');
      await policiesRepo.update(tx, id, {
        status,
        updatedBy: actor.userId,
        updatedAt: now,
        ...(status === 'published' ? { publishedAt: now } : {}),
      });
      const rev = await policiesRepo.recordChange(tx, id, now);
      await this.audit.record(
        { actor, action: status === 'published' ? 'policy.publish' : 'policy.unpublish', targetType: 'policy', targetId: id, result: 'ok', orgId: actor.orgId, detail: { from: row.status } },
        tx,
      );
      return rev;
    });
    return this.afterWrite(id, rev);
  }

  /** Inserts the starter articles that are not there yet (by slug), published. Returns how many. */
  /** Production's first run: the starter library only into an empty policy table (never re-adds a removed one). */
  async seedStarterLibraryIfEmpty(): Promise<number> {
    if ((await policiesRepo.slugs(this.db)).size > 0) return 0;
    return this.seedStarterArticles();
  }

  /**
   * The national articles, and the local pack of the county this deployment serves (by the name of
   * the root of the org tree), recorded as written by that county.
   */
  async seedStarterArticles(): Promise<number> {
    const existing = await policiesRepo.slugs(this.db);
    const counties = (await this.org.all()).filter((o) => o.level === 'county');
    const local: (StarterArticle & { orgId: number })[] = [];
    for (const county of counties) {
      for (const a of LOCAL_PACKS.find((p) => p.county === county.name)?.articles ?? []) local.push({ ...a, orgId: county.id });
    }
    const missing: (StarterArticle & { orgId?: number })[] = [...STARTER_ARTICLES, ...local].filter((a) => !existing.has(a.slug));
    if (missing.length === 0) return 0;
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      for (const a of missing) {
        const id = await policiesRepo.insert(tx, {
          ...a,
          materials: a.materials.join('\n'),
          status: 'published',
          createdAt: now,
          updatedAt: now,
          publishedAt: now,
        });
        await policiesRepo.recordChange(tx, id, now);
      }
      await this.audit.record({ actor: null, action: 'policy.seed', targetType: 'policy', result: 'ok', detail: { slugs: missing.map((a) => a.slug) } }, tx);
    });
    this.loaded = null;
    return missing.length;
  }

  // ---- search index ------------------------------------------------------------------------------

  /**
   * The in-memory index, reloaded when the library's revision moved (an edit by any process).
   * One cheap MAX(id) per search; concurrent reloads share one load.
   */
  private async freshIndex(): Promise<LoadedIndex> {
    const revision = await policiesRepo.revision(this.db);
    if (this.loaded && this.loaded.revision === revision) return this.loaded;
    if (!this.loading) {
      this.loading = (async () => {
        const rev = await policiesRepo.revision(this.db);
        const rows = await policiesRepo.all(this.db);
        const loaded: LoadedIndex = {
          // Sliced: a library of thousands of articles never holds the event loop for long.
          index: await PolicySearchIndex.buildSliced(rows.map(toSearchDoc)),
          items: new Map(rows.map((r) => [r.id, toListItem(r)])),
          revision: rev,
        };
        this.loaded = loaded;
        return loaded;
      })().finally(() => {
        this.loading = null;
      });
    }
    return this.loading;
  }

  /**
   * After this process's own committed write: update the loaded index in place when the write was
   * the only change since it was loaded (revision + 1), otherwise leave it to reload.
   */
  private async afterWrite(id: number, rev: number): Promise<PolicyArticle> {
    const row = (await policiesRepo.byId(this.db, id))!;
    const loaded = this.loaded;
    if (loaded && !this.loading && loaded.revision === rev - 1) {
      loaded.index.upsert(toSearchDoc(row));
      loaded.items.set(row.id, toListItem(row));
      loaded.revision = rev;
    }
    return toArticle(row);
  }

  /**
   * Background job, run at start and then periodically: (re)builds the index when the library
   * changed in another process, so a guardian's search rarely waits for a build. Cheap (one
   * MAX(id)) when nothing changed.
   */
  async warmIndex(): Promise<number> {
    return (await this.freshIndex()).index.size;
  }

  /** For the benchmark: drop the loaded index so the next search rebuilds it. */
  resetIndex(): void {
    this.loaded = null;
  }
}

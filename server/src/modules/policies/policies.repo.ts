import { and, asc, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { policyArticles, policyChanges } from '../../db/schema';

export type PolicyRow = typeof policyArticles.$inferSelect;
export type PolicyInsert = typeof policyArticles.$inferInsert;

export const policiesRepo = {
  insert: async (db: DbOrTx, row: PolicyInsert): Promise<number> => (await db.insert(policyArticles).values(row).$returningId())[0].id,

  update: (db: DbOrTx, id: number, patch: Partial<PolicyInsert>) => db.update(policyArticles).set(patch).where(eq(policyArticles.id, id)),

  byId: async (db: DbOrTx, id: number): Promise<PolicyRow | undefined> =>
    (await db.select().from(policyArticles).where(eq(policyArticles.id, id)).limit(1))[0],

  byIds: (db: DbOrTx, ids: number[]) => (ids.length ? db.select().from(policyArticles).where(inArray(policyArticles.id, ids)) : Promise.resolve([])),

  slugs: async (db: DbOrTx): Promise<Set<string>> =>
    new Set(
      (await db.select({ slug: policyArticles.slug }).from(policyArticles).where(isNotNull(policyArticles.slug))).map((r) => r.slug!),
    ),

  /** Keyset page by id, optionally filtered by status and topic. */
  page: (db: DbOrTx, f: { statuses: PolicyRow['status'][]; topic?: PolicyRow['topic']; after?: number; limit: number }) =>
    db
      .select({
        id: policyArticles.id,
        slug: policyArticles.slug,
        topic: policyArticles.topic,
        title: policyArticles.title,
        summary: policyArticles.summary,
        canApply: policyArticles.canApply,
        status: policyArticles.status,
        updatedAt: policyArticles.updatedAt,
      })
      .from(policyArticles)
      .where(
        and(
          inArray(policyArticles.status, f.statuses),
          f.topic ? eq(policyArticles.topic, f.topic) : undefined,
          f.after ? gt(policyArticles.id, f.after) : undefined,
        ),
      )
      .orderBy(asc(policyArticles.id))
      .limit(f.limit),

  /** Every article, for building the search index. */
  all: (db: DbOrTx) => db.select().from(policyArticles).orderBy(asc(policyArticles.id)),

  recordChange: async (db: DbOrTx, articleId: number, at: Date): Promise<number> =>
    (await db.insert(policyChanges).values({ articleId, at }).$returningId())[0].id,

  /** The library's revision (0 when nothing was ever written). */
  revision: async (db: DbOrTx): Promise<number> =>
    Number((await db.select({ rev: sql<number | null>`max(${policyChanges.id})` }).from(policyChanges))[0]?.rev ?? 0),
};

import { bigint, boolean, datetime, index, int, mysqlEnum, mysqlTable, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';

/**
 * Policy articles (政策库). Not encrypted: public content. One deployment is one county, so the
 * library is shared by its stations; `org_id` records who wrote an article.
 */
export const policyArticles = mysqlTable(
  'policy_articles',
  {
    id: int('id').autoincrement().primaryKey(),
    /** Stable key of a starter article (null for articles written in the app). */
    slug: varchar('slug', { length: 60 }),
    topic: mysqlEnum('topic', ['living', 'medical', 'education', 'guardianship', 'legal', 'psych', 'disability', 'reporting']).notNull(),
    status: mysqlEnum('status', ['draft', 'published', 'archived']).notNull(),
    title: varchar('title', { length: 60 }).notNull(),
    summary: varchar('summary', { length: 300 }).notNull(),
    eligibility: text('eligibility').notNull(),
    /** Materials checklist, one item per line. */
    materials: text('materials').notNull(),
    whereToApply: text('where_to_apply').notNull(),
    body: text('body').notNull(),
    source: varchar('source', { length: 300 }).notNull(),
    canApply: boolean('can_apply').notNull().default(false),
    orgId: int('org_id'),
    createdBy: int('created_by'),
    updatedBy: int('updated_by'),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
    updatedAt: datetime('updated_at', { mode: 'date', fsp: 3 }).notNull(),
    publishedAt: datetime('published_at', { mode: 'date', fsp: 3 }),
  },
  (t) => [
    uniqueIndex('policy_articles_slug_uq').on(t.slug),
    index('policy_articles_status_topic_idx').on(t.status, t.topic, t.id),
    index('policy_articles_updated_idx').on(t.updatedAt),
  ],
);

/**
 * One row per change to the library (create, edit, publish, unpublish), written in the change's
 * transaction. MAX(id) is the library's revision: every server process compares it with the
 * revision its in-memory search index was built from, so edits made by another process show up.
 */
export const policyChanges = mysqlTable('policy_changes', {
  id: bigint('id', { mode: 'number' }).autoincrement().primaryKey(),
  articleId: int('article_id').notNull(),
  at: datetime('at', { mode: 'date', fsp: 3 }).notNull(),
});

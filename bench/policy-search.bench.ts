/**
 * Policy search at 1,000 articles, on a real MariaDB database.
 *
 * Seeds the starter library plus generated articles up to 1,000 (each a variant of a starter
 * article with five other articles mixed into its body, ~2,000 characters), then times:
 *   - cold index build (load every article from the database and index it),
 *   - service search (the per-search revision check against the database + ranking),
 *   - HTTP GET /api/policies/search end to end (auth, validation, JSON),
 * for a fixed query set, and prints p50/p95 and each query's top results.
 * Usage: npm run bench -- policy   (or: npx tsx bench/policy-search.bench.ts [articles] [rounds])
 */
import { policyArticles, policyChanges } from '../server/src/db/schema';
import { STARTER_ARTICLES } from '../server/src/modules/policies/starterArticles';
import { withBenchRuntime } from './lib/benchRuntime';
import { median, ms, runBench, spread, timed } from './lib/measure';

const TARGET = Number(process.argv[2] ?? 1000);
const ROUNDS = Number(process.argv[3] ?? 40);
const QUERIES = [
  '低保',
  '上学',
  '上学 补助',
  '孩子上学有什么补助',
  '看病',
  '孤儿',
  '事实无人扶养',
  '爸妈坐牢了孩子谁管',
  '残疾 康复',
  '急用钱',
  '户口',
  '律师',
  '家暴',
  '心理',
];
const PLACES = ['九龙坡区', '铜罐驿镇', '某县', '某市', '西部某县', '山区某乡'];

function generated(i: number) {
  const base = STARTER_ARTICLES[i % STARTER_ARTICLES.length];
  const others = [1, 3, 5, 7, 11].map((k) => STARTER_ARTICLES[(i + k) % STARTER_ARTICLES.length]);
  const place = PLACES[i % PLACES.length];
  const body = [base.body, ...others.map((o) => `【相关政策：${o.title}】\n${o.summary}\n${o.body}`)].join('\n\n');
  return {
    topic: base.topic,
    status: i % 10 === 0 ? ('draft' as const) : ('published' as const),
    title: `${base.title.slice(0, 40)}（${place}办事指南${i}）`.slice(0, 60),
    summary: base.summary,
    eligibility: base.eligibility,
    materials: base.materials.join('\n'),
    whereToApply: base.whereToApply,
    body: body.slice(0, 4000),
    source: base.source,
    canApply: base.canApply,
  };
}

async function main(): Promise<void> {
  // A bare database (no seed): the bench puts in its own articles.
  await withBenchRuntime('wbt_bench_policy', { seed: false }, async (runtime) => {
    const { policies } = runtime.services;
    const db = runtime.deps.db;
    await policies.seedStarterArticles();
    const now = new Date();
    const rows = Array.from({ length: TARGET - STARTER_ARTICLES.length }, (_, i) => ({ ...generated(i), createdAt: now, updatedAt: now, publishedAt: now }));
    for (let i = 0; i < rows.length; i += 200) {
      await db.transaction(async (tx) => {
        const chunk = rows.slice(i, i + 200);
        await tx.insert(policyArticles).values(chunk);
        await tx.insert(policyChanges).values({ articleId: 0, at: now });
      });
    }
    const [[count]] = (await runtime.database.pool.query('SELECT COUNT(*) AS n, AVG(CHAR_LENGTH(body)) AS body FROM policy_articles')) as unknown as [[{ n: number; body: number }]];
    console.log(`articles: ${count.n} (avg body ${Math.round(Number(count.body))} chars; every 10th generated one a draft)`);

    // Cold build: load + index, measured a few times.
    const builds: number[] = [];
    for (let i = 0; i < 5; i++) {
      policies.resetIndex();
      builds.push((await timed(() => policies.search(null, { q: '低保', limit: 20 }))).ms);
    }
    console.log(`cold index build (load ${count.n} rows + index + first query): median ${ms(median(builds))}, max ${ms(Math.max(...builds))}`);

    // Warm service-level search.
    const service: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      for (const q of QUERIES) {
        const { ms: took } = await timed(() => policies.search(null, { q, limit: 20 }));
        if (r > 0) service.push(took);
      }
    }

    // HTTP end to end.
    const url = await runtime.listen(0, '127.0.0.1');
    const http: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      for (const q of QUERIES) {
        const { ms: took } = await timed(async () => (await fetch(`${url}/api/policies/search?q=${encodeURIComponent(q)}`)).json());
        if (r > 0) http.push(took);
      }
    }
    console.log(`service search (${service.length} queries): ${spread(service)}`);
    console.log(`HTTP GET /api/policies/search (${http.length} requests): ${spread(http)}`);

    console.log('\ntop 3 per query at this size:');
    for (const q of QUERIES) {
      const { items } = await policies.search(null, { q, limit: 3 });
      console.log(`  ${q.padEnd(10, '　')} ${items.map((i) => i.title).join(' | ') || '(none)'}`);
    }
  });
}

runBench(main);

/**
 * Flat cost as history grows: the same measurements on a database with a small and a large history.
 *
 * Usage: npx tsx bench/flat-cost.bench.ts [--rows 10000,1000000] [--places one|fifty] [--seconds 8]
 *   (npm run bench -- flat-cost runs it with the defaults)
 *
 * For each size: a fresh demo database (the app's own start-up), a few real reports and a case,
 * then bench/history.ts copies them into `rows` finished rows per growing table, in one township
 * (the worst case) or spread over fifty. Then, in one process:
 *   - every list endpoint, first page and a deep page: median of 15 sequential requests, and the
 *     SQL statements each request sent;
 *   - POST /api/reports at 10 and 50 connections, interleaved with the floor: a raw mysql2 loop
 *     issuing the same six statements and the same crypto (blind indexes, scrypt receipt hash,
 *     AES-GCM) with the same pool size;
 *   - one pass of the deadline sweep;
 *   - the process RSS.
 * Prints one JSON line per size ("RESULT {...}") and a table.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import mysql from 'mysql2/promise';
import { dropDatabase } from '../server/src/db/client';
import { FieldCrypto } from '../server/src/lib/fieldCrypto';
import { ReceiptCodes } from '../server/src/modules/receipts/receiptCodes';
import type { Runtime } from '../server/src/runtime';
import { countStatements } from '../tests/server/sqlCounter';
import { fillHistory } from './history';
import { benchConfig, disposeBench, startBenchRuntime } from './lib/benchRuntime';
import { closedLoop, median, runBench } from './lib/measure';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const SIZES = arg('rows', '10000,1000000').split(',').map(Number);
const PLACES = arg('places', 'one');
const SECONDS = Number(arg('seconds', '8'));
const POOL = 10;

const REPORT = (orgId: number) => ({ kind: 'harm', anonymous: true, orgId, account: '邻居家的孩子经常被打，晚上哭得很厉害' });

interface Ctx {
  rt: Runtime;
  base: string;
  tokens: Record<string, string>;
  root: mysql.Pool;
  township: number;
  village: number;
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Demo@2026' }) });
  const body = (await res.json()) as { accessToken: string };
  return body.accessToken;
}

let client = 0;
const post = (base: string, orgId: number) => {
  client += 1;
  return fetch(`${base}/api/reports`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': randomBytes(16).toString('hex'),
      'x-forwarded-for': `10.${(client >> 16) & 255}.${(client >> 8) & 255}.${client & 255}`,
    },
    body: JSON.stringify(REPORT(orgId)),
  });
};
let failedPosts = 0;

async function setUp(size: number): Promise<Ctx & { fillSeconds: number }> {
  // Each simulated reporter comes from its own address, as in the field (rate limits are per client).
  const config = benchConfig(`wbt_bench_flat_${size}_${PLACES}`, { TRUST_PROXY: '1' }, 'wbt-flat-');
  const databaseUrl = config.databaseUrl;
  await dropDatabase(databaseUrl);
  const rt = await startBenchRuntime(config);
  const base = await rt.listen(0, '127.0.0.1');
  const tokens: Record<string, string> = {};
  for (const u of ['dudao', 'zhuren01', 'admin']) tokens[u] = await login(base, u);
  const orgs = (await (await fetch(`${base}/api/public/orgs`)).json()) as { townships: { id: number; villages: { id: number }[] }[] };
  const township = orgs.townships[0].id;
  const village = orgs.townships[0].villages[0].id;
  // Real rows to copy: reports, one triaged into a case (its clocks and tasks).
  const ids: number[] = [];
  for (let i = 0; i < 3; i++) ids.push(((await (await post(base, village)).json()) as { id: number }).id);
  await fetch(`${base}/api/intake/${ids[0]}/triage`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.dudao}` }, body: JSON.stringify({ category: 'harm', note: '基准测试' }) });
  const places = [{ townshipId: township, villageId: village }];
  if (PLACES === 'fifty') {
    const county = (await rt.services.org.get(township))!.parentId!;
    for (let i = 1; i < 50; i++) {
      const t = await rt.services.org.create({ parentId: county, level: 'township', name: `基准镇${i}` });
      const v = await rt.services.org.create({ parentId: t.id, level: 'village', name: `基准村${i}` });
      places.push({ townshipId: t.id, villageId: v.id });
    }
  }
  const root = mysql.createPool({ uri: databaseUrl, connectionLimit: 2, timezone: 'Z' });
  const started = performance.now();
  let last = 0;
  await fillHistory(root, {
    rows: size,
    places,
    onProgress: (table, done) => {
      if (performance.now() - last > 15_000) {
        last = performance.now();
        console.log(`  fill ${table}: ${done}/${size} (${Math.round((performance.now() - started) / 1000)} s)`);
      }
    },
  });
  const fillSeconds = Math.round((performance.now() - started) / 1000);
  return { rt, base, tokens, root, township, village, fillSeconds };
}

async function deepCursors(c: Ctx, size: number): Promise<Record<string, string>> {
  const mid = Math.floor(size / 2);
  // The demo township's own share of the history (all of it, or a fiftieth).
  const midTownship = Math.floor(size / (PLACES === 'fifty' ? 50 : 1) / 2);
  const one = async (q: string, params: unknown[]) => ((await c.root.query(q, params)) as unknown as [Record<string, unknown>[]])[0][0];
  const r = await one('SELECT received_at AS at, id FROM reports WHERE township_id = ? ORDER BY received_at DESC, id DESC LIMIT 1 OFFSET ?', [c.township, midTownship]);
  const reportCursor = Buffer.from(JSON.stringify([(r.at as Date).getTime(), r.id])).toString('base64url');
  const cs = await one('SELECT id FROM cases WHERE township_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?', [c.township, midTownship]);
  const t = await one("SELECT due_at AS at, id FROM tasks WHERE status = 'done' ORDER BY due_at, id LIMIT 1 OFFSET ?", [Math.floor(mid * 0.9)]);
  const ch = await one('SELECT id FROM children ORDER BY id LIMIT 1 OFFSET ?', [mid]);
  return { report: reportCursor, case: String(cs.id), task: `${(t.at as Date).getTime()}_${t.id}`, child: String(ch.id) };
}

async function timeList(c: Ctx, who: string, url: string): Promise<{ ms: number; statements: number; items: number }> {
  const get = () => fetch(`${c.base}${url}`, { headers: { authorization: `Bearer ${c.tokens[who]}` } });
  for (let i = 0; i < 2; i++) await (await get()).text();
  const counter = countStatements(c.rt.database.pool);
  const first = await get();
  const body = (await first.json()) as { items?: unknown[] };
  if (first.status !== 200) throw new Error(`${url}: ${first.status}`);
  const statements = counter.statements.length;
  counter.restore();
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    await (await get()).text();
    times.push(performance.now() - t0);
  }
  return { ms: Math.round(median(times) * 100) / 100, statements, items: body.items?.length ?? 0 };
}

/** Requests per second of `one` at `concurrency` for SECONDS. */
async function rate(concurrency: number, one: () => Promise<void>): Promise<number> {
  const { calls, seconds } = await closedLoop(concurrency, SECONDS, one);
  return Math.round((calls / seconds) * 10) / 10;
}

/**
 * The floor: the statements of one report submission (idempotency look-up, report, idempotency row,
 * audit row, the intake alerts), with the same crypto, on a raw mysql2 pool.
 */
function floorClient(c: Ctx): { one: () => Promise<void>; close: () => Promise<void> } {
  const config = c.rt.deps.config;
  const crypto = new FieldCrypto(config.dataKeys, config.indexKey);
  const receipts = new ReceiptCodes(config.indexKey, config.jwtSecret, c.rt.deps.clock);
  const pool = mysql.createPool({ uri: config.databaseUrl, connectionLimit: POOL, timezone: 'Z' });
  const body = REPORT(c.village);
  const one = async () => {
    const keyHash = crypto.blindIndex('report-idempotency', `anon|${randomBytes(16).toString('hex')}`);
    const bodyHash = crypto.blindIndex('report-idempotency-body', JSON.stringify(body));
    await pool.query('SELECT `key_hash`, `body_hash`, `report_id`, `receipt_enc`, `receipt_expires_at`, `created_at` FROM `report_idempotency` WHERE `key_hash` = ? LIMIT ?', [keyHash, 1]);
    const code = receipts.generate();
    const receiptHash = await receipts.hash(code);
    const now = new Date();
    const contentEnc = crypto.encrypt(JSON.stringify({ situations: [], account: body.account, child: {}, childState: {} }));
    const conn = await pool.getConnection();
    try {
      await conn.query('begin');
      const [res] = await conn.query(
        'INSERT INTO `reports` (`kind`, `status`, `org_id`, `township_id`, `anonymous`, `method`, `reporter_user_id`, `entered_by_user_id`, `reporter_enc`, `content_enc`, `child_phone_index`, `receipt_hash`, `photo_count`, `reported_at`, `received_at`, `status_changed_at`, `clocks_pending`) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, NULL, ?, 0, ?, ?, ?, 1)',
        ['harm', 'received', c.village, c.township, true, 'wechat', contentEnc, receiptHash, now, now, now],
      );
      const id = (res as { insertId: number }).insertId;
      await conn.query('INSERT INTO `report_idempotency` (`key_hash`, `body_hash`, `report_id`, `receipt_enc`, `receipt_expires_at`, `created_at`) VALUES (?, ?, ?, ?, ?, ?)', [
        keyHash,
        bodyHash,
        id,
        crypto.encrypt(code),
        new Date(now.getTime() + 72 * 3600_000),
        now,
      ]);
      await conn.query(
        'INSERT INTO `audit_log` (`at`, `actor_user_id`, `actor_role`, `action`, `target_type`, `target_id`, `result`, `org_id`, `detail`) VALUES (?, NULL, NULL, ?, ?, ?, ?, ?, ?)',
        [now, 'report.create', 'report', String(id), 'ok', c.township, JSON.stringify({ kind: 'harm', anonymous: true, method: 'wechat', photos: 0 })],
      );
      // The intake alert: the township's supervisors and station head, each an inbox row and a WeChat outbox row.
      const [staff] = await conn.query(
        "SELECT `id`, `name`, `org_id`, `role` FROM `users` WHERE (`org_id` = ? AND `role` IN ('supervisor', 'station_head') AND `active` = true) ORDER BY `id`",
        [c.township],
      );
      for (const u of staff as { id: number }[]) {
        const [n] = await conn.query('INSERT INTO `notifications` (`user_id`, `kind`, `title`, `body`, `link`, `created_at`, `read_at`) VALUES (?, ?, ?, ?, ?, ?, NULL)', [
          u.id,
          'report.new',
          '收到新的侵害报告，请尽快受理',
          `报告 #${id}`,
          `/staff/pages/intake/triage?id=${id}`,
          now,
        ]);
        await conn.query(
          'INSERT INTO `wechat_outbox` (`notification_id`, `user_id`, `created_at`, `attempts`, `next_attempt_at`, `state`) VALUES (?, ?, ?, 0, ?, ?)',
          [(n as { insertId: number }).insertId, u.id, now, now, 'pending'],
        );
      }
      await conn.query('commit');
    } finally {
      conn.release();
    }
  };
  return { one, close: () => pool.end() };
}

async function measure(size: number) {
  console.log(`\n--- ${size} rows per table, ${PLACES === 'fifty' ? 'across 50 townships' : 'in one township'} ---`);
  const c = await setUp(size);
  console.log(`  history filled in ${c.fillSeconds} s`);
  const rssBefore = process.memoryUsage().rss;
  const deep = await deepCursors(c, size);
  const lists: Record<string, { ms: number; statements: number; items: number }> = {};
  const LISTS: [string, string, string][] = [
    ['intake queue', 'dudao', '/api/intake'],
    ['intake queue, untriaged', 'dudao', '/api/intake?status=untriaged'],
    ['intake queue, deep', 'dudao', `/api/intake?cursor=${deep.report}`],
    ['incoming reports', 'dudao', '/api/reports'],
    ['incoming reports, deep', 'dudao', `/api/reports?cursor=${deep.report}`],
    ['incoming reports, county', 'admin', '/api/reports'],
    ['case list', 'dudao', '/api/cases?status=all'],
    ['case list, deep', 'dudao', `/api/cases?status=all&before=${deep.case}`],
    ["director's tasks", 'zhuren01', '/api/tasks/mine'],
    ['township tasks', 'dudao', '/api/tasks'],
    ['township tasks, done, deep', 'dudao', `/api/tasks?status=done&after=${deep.task}`],
    ['child files', 'dudao', '/api/children'],
    ['child files, deep', 'dudao', `/api/children?after=${deep.child}`],
  ];
  for (const [name, who, url] of LISTS) lists[name] = await timeList(c, who, url);
  const floor = floorClient(c);
  const posts: Record<string, number> = {};
  // Interleaved: app and floor take turns, twice, at each concurrency.
  for (const conc of [10, 50]) {
    const app: number[] = [];
    const raw: number[] = [];
    for (let round = 0; round < 2; round++) {
      app.push(
        await rate(conc, async () => {
          const res = await post(c.base, c.village);
          await res.text();
          if (res.status !== 201) failedPosts += 1;
        }),
      );
      raw.push(await rate(conc, floor.one));
    }
    posts[`app@${conc}`] = median(app);
    posts[`floor@${conc}`] = median(raw);
  }
  await floor.close();
  const sweepCounter = countStatements(c.rt.database.pool);
  const s0 = performance.now();
  await c.rt.services.deadlines.sweep();
  const sweepFirst = performance.now() - s0;
  const s1 = performance.now();
  await c.rt.services.deadlines.sweep();
  const sweepIdle = performance.now() - s1;
  const sweepStatements = sweepCounter.statements.length;
  sweepCounter.restore();
  const e0 = performance.now();
  await c.rt.services.reports.expireIdempotency();
  const expiry = performance.now() - e0;
  const rssAfter = process.memoryUsage().rss;
  const result = {
    size,
    places: PLACES,
    fillSeconds: c.fillSeconds,
    lists,
    posts,
    failedPosts,
    sweepMs: { afterPosts: Math.round(sweepFirst), idle: Math.round(sweepIdle), statementsBoth: sweepStatements },
    expiryMs: Math.round(expiry),
    rssMB: { before: Math.round(rssBefore / 2 ** 20), after: Math.round(rssAfter / 2 ** 20) },
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
  await c.root.end();
  await c.rt.close();
  await disposeBench(c.rt.deps.config, { keepDatabase: !!process.env.KEEP_DB });
  return result;
}

async function main(): Promise<void> {
  const results = [];
  for (const size of SIZES) results.push(await measure(size));
  console.log(`\n${os.cpus().length} cores, ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  const names = Object.keys(results[0].lists);
  console.log(['list', ...results.map((r) => `${r.size} ms (stmts)`)].join(' | '));
  for (const n of names) console.log([n, ...results.map((r) => `${r.lists[n].ms} (${r.lists[n].statements})`)].join(' | '));
  for (const k of Object.keys(results[0].posts)) console.log([`POST ${k} req/s`, ...results.map((r) => r.posts[k])].join(' | '));
  console.log(['sweep ms (after posts / idle)', ...results.map((r) => `${r.sweepMs.afterPosts} / ${r.sweepMs.idle}`)].join(' | '));
  console.log(['RSS MB (before / after)', ...results.map((r) => `${r.rssMB.before} / ${r.rssMB.after}`)].join(' | '));
  process.exit(0);
}

runBench(main);

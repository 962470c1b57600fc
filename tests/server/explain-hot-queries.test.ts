import mysql from 'mysql2/promise';
import { fillHistory } from '../../bench/history';
import type { ManualClock } from '../../server/src/lib/clock';
import { IDEMPOTENCY_WINDOW_MS } from '../../server/src/modules/reports/reports.service';
import { startTestServer, type TestServer } from './harness';
import { harmReport, openCase, tokens, villageIds, type Tokens } from './casesFixtures';
import { countStatements, type SqlCounter } from './sqlCounter';

/**
 * The plans of the hot queries, over a database with a history (a few thousand finished rows per
 * table, so the optimizer sees real cardinalities): no full scan and no filesort on a table that
 * grows with history. The statements are the ones the app really sends, captured per request.
 */
// The tables the filler grows (bench/history.ts). report_triage, report_messages and case_events
// are read by primary key or (report | case, id) only; with a handful of rows any plan is a scan.
const HISTORY_TABLES = new Set(['reports', 'report_idempotency', 'tasks', 'cases', 'deadline_clocks', 'children', 'audit_log']);

let t: TestServer;
let tok: Tokens;
let root: mysql.Pool;
let sql: SqlCounter;

beforeAll(async () => {
  t = await startTestServer();
  tok = await tokens(t);
  const { township, villages } = await villageIds(t);
  for (let i = 0; i < 4; i++) {
    const r = await harmReport(t, villages['建设村']);
    if (i % 2 === 0) await openCase(t, tok.dudao, r.id);
  }
  root = mysql.createPool({ uri: t.adminUrl, connectionLimit: 2, timezone: 'Z' });
  await fillHistory(root, { rows: 4000, places: Object.values(villages).map((v) => ({ townshipId: township, villageId: v })) });
  sql = countStatements(t.runtime.database.pool);
});
afterAll(async () => {
  sql?.restore();
  await root?.end();
  await t.close();
});

interface PlanRow {
  table: string | null;
  type: string | null;
  key: string | null;
  possible_keys: string | null;
  rows: number | null;
  Extra: string | null;
}

async function badPlans(): Promise<string[]> {
  const bad: string[] = [];
  for (const call of sql.calls) {
    if (!/^\s*\(*\s*(select|update|delete)\b/i.test(call.sql)) continue;
    const [rows] = await root.query(`EXPLAIN ${call.sql}`, call.values);
    for (const r of rows as PlanRow[]) {
      if (!r.table || !HISTORY_TABLES.has(r.table)) continue;
      const extra = r.Extra ?? '';
      if (r.type === 'ALL' || /filesort/i.test(extra)) bad.push(`${r.table}: type=${r.type} key=${r.key} possible=${r.possible_keys} rows=${r.rows} extra=${extra}\n  ${call.sql.replace(/select .*? from/i, 'select … from')} ${JSON.stringify(call.values)}`);
    }
  }
  return bad;
}

const READS: [string, keyof Tokens, string][] = [
  ['intake queue', 'dudao', '/api/intake'],
  ['intake queue, untriaged', 'dudao', '/api/intake?status=untriaged'],
  ['incoming reports', 'dudao', '/api/reports'],
  ['incoming reports, received', 'dudao', '/api/reports?status=received'],
  ['incoming reports, county', 'admin', '/api/reports'],
  ['case list', 'dudao', '/api/cases'],
  ['case list, archived', 'dudao', '/api/cases?status=archived'],
  ['case list, all', 'dudao', '/api/cases?status=all'],
  ["director's tasks", 'zhuren02', '/api/tasks/mine'],
  ['township tasks', 'dudao', '/api/tasks'],
  ['child files', 'dudao', '/api/children'],
];

describe('plans of the hot queries', () => {
  it.each(READS)('%s: no full scan, no filesort', async (_name, who, path) => {
    sql.reset();
    const res = await t.request('GET', path, { token: tok[who] });
    expect(res.status).toBe(200);
    expect(sql.calls.length).toBeGreaterThan(0);
    expect(await badPlans()).toEqual([]);
  });

  it('a deep page of the incoming reports and of the case list', async () => {
    let cursor: string | null = null;
    for (let i = 0; i < 3; i++) {
      const page: { body: { nextCursor: string | null } } = await t.request('GET', `/api/reports?limit=50${cursor ? `&cursor=${cursor}` : ''}`, { token: tok.dudao });
      cursor = page.body.nextCursor;
    }
    expect(cursor).not.toBeNull();
    sql.reset();
    expect((await t.request('GET', `/api/reports?limit=50&cursor=${cursor}`, { token: tok.dudao })).status).toBe(200);
    expect((await t.request('GET', '/api/cases?status=archived&before=2000', { token: tok.dudao })).status).toBe(200);
    expect(await badPlans()).toEqual([]);
  });

  it('report submission, the deadline sweep and the idempotency expiry', async () => {
    sql.reset();
    await harmReport(t, (await villageIds(t)).villages['大碑村']);
    const clock = t.clock as ManualClock;
    await t.runtime.services.deadlines.sweep(clock.now());
    // As the job runs in steady state: a small slice of the history is past the window. (Explained
    // after the fact, a table the job had emptied would make a full scan the cheaper plan.)
    const [[slice]] = (await root.query('SELECT created_at AS at FROM report_idempotency ORDER BY created_at LIMIT 1 OFFSET 200')) as unknown as [[{ at: Date }]];
    const removed = await t.runtime.services.reports.expireIdempotency(new Date(new Date(slice.at).getTime() + IDEMPOTENCY_WINDOW_MS), 100);
    expect(removed.rowsDeleted).toBeGreaterThan(0);
    expect(await badPlans()).toEqual([]);
  });
});

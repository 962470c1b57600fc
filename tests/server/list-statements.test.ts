import { startTestServer, type TestServer } from './harness';
import { harmReport, openCase, tokens, villageIds, type Tokens } from './casesFixtures';
import { countStatements, type SqlCounter } from './sqlCounter';

/**
 * Every list endpoint answers a page with a bounded number of SQL statements, whatever the page
 * holds: no statement per row (N+1) and no re-reading of the organisation tree per request.
 */
const MAX_STATEMENTS = 8;

let t: TestServer;
let tok: Tokens;
let sql: SqlCounter;
let villages: Record<string, number>;

beforeAll(async () => {
  t = await startTestServer();
  tok = await tokens(t);
  villages = (await villageIds(t)).villages;
  const names = Object.keys(villages);
  // Reports from every village, a few opened as cases (which dispatch tasks to the directors).
  for (let i = 0; i < 12; i++) {
    const r = await harmReport(t, villages[names[i % names.length]], { account: `第${i + 1}份测试报告：孩子需要帮助` });
    if (i % 3 === 0) await openCase(t, tok.dudao, r.id);
  }
  const s = t.runtime.services;
  const now = t.clock.now();
  // Tasks in several villages, so a page has many distinct orgs.
  for (let i = 0; i < 14; i++) {
    await t.runtime.database.db.transaction((tx) =>
      s.tasks.create(tx, {
        kind: 'verification',
        orgId: villages[names[i % names.length]],
        title: `核实任务${i + 1}`,
        reason: '测试用的核实任务',
        dueAt: new Date(now.getTime() + (i + 1) * 3600_000),
        notify: false,
      }),
    );
  }
  sql = countStatements(t.runtime.database.pool);
});
afterAll(async () => {
  sql?.restore();
  await t.close();
});

async function statementsOf(token: string, path: string): Promise<{ n: number; items: number; text: string[] }> {
  // A first request warms per-process caches (as any running server has); the second is measured.
  expect((await t.request('GET', path, { token })).status).toBe(200);
  sql.reset();
  const res = await t.request('GET', path, { token });
  expect(res.status).toBe(200);
  const items = (res.body.items ?? []).length;
  return { n: sql.statements.length, items, text: [...sql.statements] };
}

const LISTS: [string, keyof Tokens, string][] = [
  ['intake queue', 'dudao', '/api/intake'],
  ['intake queue, untriaged', 'dudao', '/api/intake?status=untriaged'],
  ['incoming reports', 'dudao', '/api/reports'],
  ['case list', 'dudao', '/api/cases'],
  ["director's tasks", 'zhuren01', '/api/tasks/mine'],
  ['township tasks', 'dudao', '/api/tasks'],
  ['child files', 'dudao', '/api/children'],
  ['child files of a director', 'zhuren01', '/api/children'],
];

describe('statements per list request', () => {
  it.each(LISTS)(`%s answers a page in at most ${MAX_STATEMENTS} statements`, async (_name, who, path) => {
    const { n, items, text } = await statementsOf(tok[who], path);
    expect(items).toBeGreaterThan(0);
    if (n > MAX_STATEMENTS) throw new Error(`${n} statements for ${items} items:\n${text.map((s) => s.slice(0, 160)).join('\n')}`);
    expect(n).toBeLessThanOrEqual(MAX_STATEMENTS);
  });
});

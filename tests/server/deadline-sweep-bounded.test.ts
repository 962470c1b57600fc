import { startTestServer, type TestServer } from './harness';
import { harmReport, villageIds } from './casesFixtures';
import { countStatements } from './sqlCounter';

/**
 * The 60-second deadline sweep reads only what is new or open: the reports whose clocks are not
 * started yet (through their own index), never the township's history, and it looks threads up in
 * one statement per batch rather than one per clock.
 */
let t: TestServer;
let villages: Record<string, number>;

beforeAll(async () => {
  t = await startTestServer();
  villages = (await villageIds(t)).villages;
});
afterAll(() => t.close());

const sweep = () => t.runtime.services.deadlines.sweep(t.clock.now());
const pendingCount = async () => {
  const [rows] = await t.runtime.database.pool.query('SELECT COUNT(*) AS n FROM reports WHERE clocks_pending = 1');
  return Number((rows as { n: number }[])[0].n);
};

async function statementsOf(fn: () => Promise<unknown>): Promise<string[]> {
  const sql = countStatements(t.runtime.database.pool);
  try {
    await fn();
    return [...sql.statements];
  } finally {
    sql.restore();
  }
}

describe('deadline sweep', () => {
  it('starts the clocks of new reports once, then no longer reads them', async () => {
    // The demo seed's own report may still wait for its first sweep.
    const seeded = await pendingCount();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await harmReport(t, villages['建设村'])).id);
    expect(await pendingCount()).toBe(seeded + 3);
    await sweep();
    expect(await pendingCount()).toBe(0);
    for (const id of ids) {
      expect(await t.runtime.services.deadlines.openFor('ack', 'report', id)).toMatchObject({ subjectId: id });
      expect(await t.runtime.services.deadlines.openFor('first_answer', 'report', id)).toMatchObject({ subjectId: id });
    }
  });

  it('runs the same few statements on an idle pass however many reports and open clocks there are', async () => {
    await sweep();
    const few = await statementsOf(sweep);
    for (let i = 0; i < 12; i++) await harmReport(t, villages['大碑村']);
    const busy = await statementsOf(sweep);
    // The new reports are read and their clocks written in batches: nothing per report.
    const reads = busy.filter((s) => /^\s*select/i.test(s) || /^\(\(?select/i.test(s));
    expect(reads.length).toBeLessThanOrEqual(few.length + 6);
    const clockWrites = busy.filter((s) => /^\s*insert into `deadline_clocks`/i.test(s));
    expect(clockWrites).toHaveLength(1);
    const idle = await statementsOf(sweep);
    // 15 open first-answer clocks now, 3 before: an idle pass is still the same statements.
    expect(idle.length).toBe(few.length);
    expect(idle.length).toBeLessThanOrEqual(10);
  });
});

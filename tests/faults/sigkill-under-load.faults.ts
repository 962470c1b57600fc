/**
 * Fault (a): the server process is SIGKILLed while many clients submit reports; each client retries
 * with the same Idempotency-Key until it gets its receipt; the server is restarted on the same
 * database and data folder. Every acknowledged report exists exactly once: 0 lost, 0 doubled.
 */
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { freePort, serverFixture, type ServerProcess } from '../server/serverProcess';

const REPORTS = Number(process.env.FAULT_REPORTS ?? 200);
const CLIENTS = Number(process.env.FAULT_CLIENTS ?? 16);

const fixture = serverFixture('sigkill', { TRUST_PROXY: '1' });
let server: ServerProcess;

afterAll(async () => {
  await server?.kill();
  await fixture.cleanup();
});

it('loses and doubles nothing when the server is killed under load', async () => {
  const port = String(await freePort());
  server = await fixture.start({ PORT: port });
  const base = server.base;
  const orgs = await (await fetch(`${base}/api/public/orgs`)).json();
  const villageId = orgs.townships[0].villages[0].id;
  const pool = mysql.createPool({ uri: fixture.databaseUrl, connectionLimit: 2 });
  const countReports = async () => Number(((await pool.query('SELECT COUNT(*) AS n FROM reports'))[0] as { n: number }[])[0].n);
  const before = await countReports();

  const acks = new Map<number, number>(); // report index → id
  let attempts = 0;
  let networkErrors = 0;
  let replays = 0;
  let next = 0;
  let killedAt = 0;
  let restartedAt = 0;

  const submit = async (i: number): Promise<void> => {
    const key = `fault-${i}-${randomBytes(8).toString('hex')}`;
    const body = JSON.stringify({ kind: 'harm', anonymous: true, orgId: villageId, account: `故障测试第${i}份报告：孩子晚上一个人在家` });
    for (let attempt = 0; attempt < 200; attempt++) {
      attempts += 1;
      try {
        const res = await fetch(`${base}/api/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key, 'x-forwarded-for': `10.77.${i >> 8}.${i & 255}` },
          body,
          signal: AbortSignal.timeout(30_000),
        });
        if (res.status === 201) {
          if (res.headers.get('idempotent-replayed')) replays += 1;
          acks.set(i, (await res.json()).id);
          return;
        }
        await res.arrayBuffer();
      } catch {
        networkErrors += 1;
      }
      await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** Math.min(attempt, 5))));
    }
    throw new Error(`report ${i} never acknowledged`);
  };

  const worker = async () => {
    while (next < REPORTS) await submit(next++);
  };
  const started = Date.now();
  const load = Promise.all(Array.from({ length: CLIENTS }, worker));

  // Kill once about a third of the reports are acknowledged, then start again on the same port.
  while (acks.size < REPORTS / 3) await new Promise((r) => setTimeout(r, 20));
  const ackedAtKill = acks.size;
  killedAt = Date.now();
  await server.kill('SIGKILL');
  server = await fixture.start({ PORT: port });
  restartedAt = Date.now();
  await load;
  const elapsed = (Date.now() - started) / 1000;

  const after = await countReports();
  const ids = [...acks.values()];
  const [rows] = await pool.query('SELECT id FROM reports WHERE id IN (?)', [ids]);
  await pool.end();
  const figures = {
    reports: REPORTS,
    clients: CLIENTS,
    acknowledgedBeforeKill: ackedAtKill,
    acknowledged: acks.size,
    rowsAdded: after - before,
    acknowledgedRowsFound: (rows as unknown[]).length,
    distinctIds: new Set(ids).size,
    lost: REPORTS - (rows as unknown[]).length,
    doubled: after - before - REPORTS,
    attempts,
    networkErrors,
    replayedReceipts: replays,
    downSeconds: (restartedAt - killedAt) / 1000,
    totalSeconds: elapsed,
  };
  console.log(`fault (a) SIGKILL under load: ${JSON.stringify(figures)}`);
  expect(figures).toMatchObject({ acknowledged: REPORTS, rowsAdded: REPORTS, acknowledgedRowsFound: REPORTS, distinctIds: REPORTS, lost: 0, doubled: 0 });
});

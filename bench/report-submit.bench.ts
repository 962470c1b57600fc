/**
 * Anonymous report submission throughput (POST /api/reports, each with its audit row), on a real
 * MariaDB database, with the audit sealer running every second meanwhile (five times as often as in
 * production) so its cost shows.
 *
 * Usage: npm run bench -- report   (or: npx tsx bench/report-submit.bench.ts [seconds] [concurrency])
 * Prints requests per second and latency percentiles; on a tree without the sealer it measures
 * the same load without one. Then times the sealer and the verifier alone over 20,000 audit rows.
 */
import { randomBytes } from 'node:crypto';
import { auditLog } from '../server/src/db/schema';
import { withBenchRuntime } from './lib/benchRuntime';
import { closedLoop, runBench, spread, timed } from './lib/measure';

const SECONDS = Number(process.argv[2] ?? 15);
const CONCURRENCY = Number(process.argv[3] ?? 8);

async function main(): Promise<void> {
  await withBenchRuntime('wbt_bench_report', { env: { TRUST_PROXY: '1' } }, async (runtime) => {
    const base = await runtime.listen(0, '127.0.0.1');
    const services = runtime.services as unknown as { auditChain?: { seal(): Promise<number> } };
    let sealed = 0;
    let sealing = false;
    const sealer = services.auditChain
      ? setInterval(() => {
          if (sealing) return;
          sealing = true;
          services
            .auditChain!.seal()
            .then((n) => (sealed += n))
            .finally(() => (sealing = false));
        }, 1000)
      : undefined;
    const orgs = await (await fetch(`${base}/api/public/orgs`)).json();
    const villageId = orgs.townships[0].villages[0].id;
    const latencies: number[] = [];
    let failures = 0;
    const { seconds: elapsed } = await closedLoop(CONCURRENCY, SECONDS, async (i) => {
      const started = performance.now();
      const res = await fetch(`${base}/api/reports`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': randomBytes(16).toString('base64url'),
          // A different client each time: the per-client limit is not what is measured.
          'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        },
        body: JSON.stringify({ kind: 'harm', anonymous: true, orgId: villageId, account: `压测第 ${i} 条：邻居家的孩子经常一个人在家，晚上哭` }),
      });
      await res.arrayBuffer();
      if (res.status === 201) latencies.push(performance.now() - started);
      else failures++;
    });
    if (sealer) clearInterval(sealer);
    while (sealing) await new Promise((r) => setTimeout(r, 50));
    if (services.auditChain) sealed += await services.auditChain.seal();
    console.log(
      `reports: ${latencies.length} in ${elapsed.toFixed(1)} s = ${(latencies.length / elapsed).toFixed(1)} req/s (concurrency ${CONCURRENCY}, ${failures} failed); ` +
        `latency ${spread(latencies, { digits: 1, max: false })}; ` +
        (services.auditChain ? `sealer: ${sealed} entries chained` : 'no sealer in this tree'),
    );
    if (services.auditChain) {
      const chain = services.auditChain as unknown as { seal(): Promise<number>; verify(): Promise<{ ok: boolean; sealed: number }> };
      const ROWS = 20_000;
      for (let i = 0; i < ROWS; i += 1000) {
        const at = new Date();
        await runtime.deps.db.insert(auditLog).values(
          Array.from({ length: 1000 }, (_, j) => ({ at, action: 'report.view', targetType: 'report', targetId: String(i + j), result: 'ok', actorUserId: 1, actorRole: 'supervisor', orgId: 2, detail: { list: 'reports', rows: 20 } })),
        );
      }
      const { value: n, ms: sealMs } = await timed(() => chain.seal());
      const { value: report, ms: verifyMs } = await timed(() => chain.verify());
      console.log(
        `sealer alone: ${n} rows in ${sealMs.toFixed(0)} ms (${((sealMs * 1000) / n).toFixed(0)} µs a row); verify: ${report.sealed} entries in ${verifyMs.toFixed(0)} ms, ok=${report.ok}`,
      );
    }
  });
}

runBench(main);

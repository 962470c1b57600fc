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
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/src/config';
import { dropDatabase } from '../server/src/db/client';
import { auditLog } from '../server/src/db/schema';
import { createLogger } from '../server/src/logger';
import { createRuntime } from '../server/src/runtime';

const SECONDS = Number(process.argv[2] ?? 15);
const CONCURRENCY = Number(process.argv[3] ?? 8);

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'wbt-bench-'));
  const config = loadConfig({
    APP_MODE: 'demo',
    DATABASE_URL: `mysql://root@127.0.0.1:3306/wbt_bench_report_${process.pid}`,
    JWT_SECRET: randomBytes(32).toString('base64'),
    DATA_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    INDEX_KEY: randomBytes(32).toString('base64'),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    PASSWORD_COST: '1024',
    TRUST_PROXY: '1',
  });
  const runtime = await createRuntime(config, { logger: createLogger('warn') });
  try {
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
    let n = 0;
    const until = performance.now() + SECONDS * 1000;
    const client = async () => {
      while (performance.now() < until) {
        const i = n++;
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
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, client));
    const elapsed = (performance.now() - started) / 1000;
    if (sealer) clearInterval(sealer);
    while (sealing) await new Promise((r) => setTimeout(r, 50));
    if (services.auditChain) sealed += await services.auditChain.seal();
    latencies.sort((a, b) => a - b);
    console.log(
      `reports: ${latencies.length} in ${elapsed.toFixed(1)} s = ${(latencies.length / elapsed).toFixed(1)} req/s (concurrency ${CONCURRENCY}, ${failures} failed); ` +
        `latency p50 ${pct(latencies, 50).toFixed(1)} ms, p95 ${pct(latencies, 95).toFixed(1)} ms; ` +
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
      let t0 = performance.now();
      const n = await chain.seal();
      const sealMs = performance.now() - t0;
      t0 = performance.now();
      const report = await chain.verify();
      const verifyMs = performance.now() - t0;
      console.log(
        `sealer alone: ${n} rows in ${sealMs.toFixed(0)} ms (${((sealMs * 1000) / n).toFixed(0)} µs a row); verify: ${report.sealed} entries in ${verifyMs.toFixed(0)} ms, ok=${report.ok}`,
      );
    }
  } finally {
    await runtime.close();
    await dropDatabase(config.databaseUrl);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

/**
 * The 困境儿童名册 of 100,000 children as .xlsx, streamed: GET /api/ledgers/plight/export as the
 * station head, on a real MariaDB database, timed from request to last byte, with the process's
 * resident memory sampled every 20 ms during the export.
 *
 * Usage: npm run bench -- ledger   (or: node --expose-gc --import tsx bench/ledger-export.bench.ts [children])
 * Files are inserted in bulk (encrypted exactly as the app stores them) before the clock starts.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import { childCategories, children } from '../server/src/db/schema';
import { childrenLedgerRepo } from '../server/src/modules/children/children.ledger';
import { withBenchRuntime } from './lib/benchRuntime';
import { mb, runBench } from './lib/measure';

const N = Number(process.argv[2] ?? 100_000);
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗高林';
const GIVEN = '小雨晨阳欣怡子涵浩宇梓萱一诺思远佳琪俊杰雨桐明轩';

async function main(): Promise<void> {
  await withBenchRuntime('wbt_bench_ledger', {}, async (runtime) => {
    const base = await runtime.listen(0, '127.0.0.1');
    const { db } = runtime.database;
    const { crypto } = runtime.deps;
    const township = (await runtime.services.org.all()).find((o) => o.name === '铜罐驿镇')!;
    const villages = (await runtime.services.org.children(township.id)).map((o) => o.id);

    const t0 = performance.now();
    const now = new Date();
    const BATCH = 1000;
    for (let done = 0; done < N; done += BATCH) {
      const rows = [];
      for (let i = done; i < Math.min(N, done + BATCH); i++) {
        const name = SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + GIVEN[(i * 13) % GIVEN.length];
        const dob = `20${String(10 + (i % 8)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`;
        const identity = { name, dob, idNumber: null, householdReg: '重庆市九龙坡区铜罐驿镇', address: `某村${i % 12}组${i}号`, phone: null };
        const profile = {
          guardians: [{ name: `${SURNAMES[(i + 3) % SURNAMES.length]}某某`, relation: 'grandparent', phone: `139${String(i).padStart(8, '0')}`, entrusted: true }],
          parentsAwayWhere: '广东',
          schoolName: '铜罐驿实验学校',
          grade: '三年级',
          health: '良好',
          disability: null,
          benefits: ['dibao'],
          servicesNote: null,
          riskReason: '家庭困难',
        };
        rows.push({
          orgId: villages[i % villages.length],
          identityEnc: crypto.encrypt(JSON.stringify(identity)),
          profileEnc: crypto.encrypt(JSON.stringify(profile)),
          idNumberIdx: null,
          nameDobIdx: crypto.blindIndex('child.nameDob', `${name}|${dob}|${i}`),
          sex: (i % 2 ? 'male' : 'female') as 'male' | 'female',
          riskTier: 'medium' as const,
          guardianshipState: 'adequate',
          parentsAway: 'both',
          entrustmentSigned: true,
          schooling: 'primary',
          visitIntervalDays: 30,
          lastVisitAt: null,
          nextVisitDue: now,
          confirmStatus: 'confirmed' as const,
          confirmDueAt: null,
          confirmedAt: now,
          confirmedBy: null,
          createdAt: now,
          createdBy: 1,
          updatedAt: now,
          updatedBy: 1,
        });
      }
      const ids = await db.insert(children).values(rows).$returningId();
      await db.insert(childCategories).values(ids.map(({ id }) => ({ childId: id, category: 'plight_family' })));
    }
    console.log(`inserted ${N} child files in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'zhanzhang', password: 'Demo@2026' }) });
    const { accessToken } = (await login.json()) as { accessToken: string };

    // The queries alone, then reading and decrypting the rows (no workbook), for the breakdown.
    const q0 = performance.now();
    let after: { orgId: number; id: number } | null = null;
    let queried = 0;
    const filter = { orgIds: villages, categories: ['plight_self', 'plight_family', 'plight_temporary'], createdBefore: null };
    for (;;) {
      const rows = await childrenLedgerRepo.page(db, filter, after, 1000);
      queried += rows.length;
      if (rows.length < 1000) break;
      after = { orgId: rows[rows.length - 1].orgId, id: rows[rows.length - 1].id };
    }
    console.log(`the keyset queries alone (${queried} rows): ${((performance.now() - q0) / 1000).toFixed(2)} s`);

    const scope = await runtime.services.ledgers.scope({ userId: 0, role: 'station_head', name: '', orgId: township.id, orgPath: township.path, orgLevel: 'township', sessionId: '' }, {});
    const r0 = performance.now();
    let read = 0;
    let cursor: string | undefined;
    do {
      const batch = await runtime.services.ledgers.sources.page('plight', scope, cursor, 1000);
      read += batch.rows.length;
      cursor = batch.next ?? undefined;
    } while (cursor);
    console.log(`reading and decrypting ${read} rows alone: ${((performance.now() - r0) / 1000).toFixed(2)} s`);

    // LEDGER_REPEAT=n: the same export n times in a row (the first includes any lazy start-up).
    const repeats = Number(process.env.LEDGER_REPEAT ?? 1);
    const walls: number[] = [];
    for (let run = 1; run <= repeats; run++) {
      (globalThis as { gc?: () => void }).gc?.();
      const before = process.memoryUsage();
      let peakRss = before.rss;
      let peakHeap = before.heapUsed;
      const sampler = setInterval(() => {
        const m = process.memoryUsage();
        peakRss = Math.max(peakRss, m.rss);
        peakHeap = Math.max(peakHeap, m.heapUsed);
      }, 20);
      // LEDGER_PROFILE=file.cpuprofile: a CPU profile of the main thread during the export only.
      const profile = process.env.LEDGER_PROFILE;
      const inspector = profile ? new Session() : null;
      if (inspector) {
        inspector.connect();
        await inspector.post('Profiler.enable');
        await inspector.post('Profiler.start');
      }
      const cpu0 = process.cpuUsage();
      const start = performance.now();
      const res = await fetch(`${base}/api/ledgers/plight/export`, { headers: { authorization: `Bearer ${accessToken}` } });
      let bytes = 0;
      let firstByte = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        if (!firstByte) firstByte = performance.now() - start;
        bytes += chunk.byteLength;
      }
      const seconds = (performance.now() - start) / 1000;
      const cpu = process.cpuUsage(cpu0);
      clearInterval(sampler);
      if (inspector && profile) {
        const { profile: p } = await inspector.post('Profiler.stop');
        writeFileSync(profile, JSON.stringify(p));
        inspector.disconnect();
      }
      const [audit] = (await runtime.database.pool.query("SELECT detail FROM audit_log WHERE action = 'ledger.export' ORDER BY id DESC LIMIT 1"))[0] as { detail: unknown }[];
      const detail = typeof audit.detail === 'string' ? JSON.parse(audit.detail) : audit.detail;
      console.log(`status ${res.status}, ${(bytes / 1048576).toFixed(1)} MB xlsx, rows audited: ${detail.rows}`);
      console.log(`export ${run} of ${N} children: ${seconds.toFixed(2)} s (first byte after ${firstByte.toFixed(0)} ms); this process's CPU meanwhile ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`);
      console.log(`load average during the run: ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} (1/5/15 min, ${os.cpus().length} cores)`);
      console.log(`process RSS before ${mb(before.rss)}, peak during export ${mb(peakRss)} (+${mb(peakRss - before.rss)}); heap before ${mb(before.heapUsed)}, peak ${mb(peakHeap)}`);
      walls.push(seconds);
    }
    console.log('(server and client share this process: the figures include the client reading the download)');
    if (repeats > 1) {
      const sorted = [...walls].sort((a, b) => a - b);
      console.log(`${repeats} exports: min ${sorted[0].toFixed(2)} s, median ${sorted[Math.floor((repeats - 1) / 2)].toFixed(2)} s, max ${sorted[repeats - 1].toFixed(2)} s`);
    }
  });
}

runBench(main);

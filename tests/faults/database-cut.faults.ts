/**
 * Fault (b): the database is cut away from a running server (a TCP proxy between them drops every
 * connection and refuses new ones) for a while, then comes back. While cut, data routes answer 503
 * with Retry-After (never another 5xx); after, the same process recovers by itself.
 */
import { serverFixture, type ServerProcess } from '../server/serverProcess';
import { startTcpProxy, type TcpProxy } from '../server/tcpProxy';

const CUT_MS = Number(process.env.FAULT_CUT_MS ?? 8000);

let proxy: TcpProxy;
let server: ServerProcess;
const fixture = serverFixture('dbcut');

afterAll(async () => {
  proxy?.restore();
  await server?.kill();
  await proxy?.close();
  await fixture.cleanup();
});

it('answers 503 + Retry-After while the database is cut and recovers without a restart', async () => {
  proxy = await startTcpProxy();
  server = await fixture.start({ DATABASE_URL: proxy.url(new URL(fixture.databaseUrl).pathname.slice(1)) });
  const pid = server.proc.pid;
  const login = await (await fetch(`${server.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'dudao', password: 'Demo@2026' }) })).json();
  const auth = { authorization: `Bearer ${login.accessToken}` };
  const probes = ['/api/health', '/api/public/orgs', '/api/reports', '/api/children', '/api/cases', '/api/policies'];

  const tally = { ok: 0, unavailable: 0, unavailableWithoutRetryAfter: 0, otherErrors: [] as string[] };
  let phase: 'before' | 'cut' | 'after' = 'before';
  let firstOkAfterRestore = 0;
  let restoredAt = 0;
  let running = true;
  const probeLoop = async () => {
    while (running) {
      for (const p of probes) {
        const res = await fetch(server.base + p, { headers: auth }).catch(() => null);
        if (!res) {
          tally.otherErrors.push(`${phase} ${p}: no answer`);
          continue;
        }
        await res.arrayBuffer();
        if (res.status < 300) {
          tally.ok += 1;
          if (phase === 'after' && !firstOkAfterRestore && p !== '/api/health') firstOkAfterRestore = Date.now();
        } else if (res.status === 503) {
          tally.unavailable += 1;
          if (!/^\d+$/.test(res.headers.get('retry-after') ?? '')) tally.unavailableWithoutRetryAfter += 1;
        } else {
          tally.otherErrors.push(`${phase} ${p}: ${res.status}`);
        }
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const loops = Promise.all([probeLoop(), probeLoop(), probeLoop()]);
  await new Promise((r) => setTimeout(r, 1500));
  const okBefore = tally.ok;

  phase = 'cut';
  proxy.cut();
  await new Promise((r) => setTimeout(r, CUT_MS));
  const duringCut = { ok: tally.ok - okBefore, unavailable: tally.unavailable };

  phase = 'after';
  restoredAt = Date.now();
  proxy.restore();
  const deadline = Date.now() + 30_000;
  while (!firstOkAfterRestore && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 1500));
  running = false;
  await loops;

  const figures = {
    cutSeconds: CUT_MS / 1000,
    okBeforeCut: okBefore,
    okDuringCut: duringCut.ok,
    unavailableDuringCut: duringCut.unavailable,
    unavailableWithoutRetryAfter: tally.unavailableWithoutRetryAfter,
    otherErrors: tally.otherErrors.length,
    secondsToRecover: firstOkAfterRestore ? (firstOkAfterRestore - restoredAt) / 1000 : null,
    samePid: server.proc.pid === pid && server.alive(),
  };
  console.log(`fault (b) database cut: ${JSON.stringify(figures)}${tally.otherErrors.length ? ` ${tally.otherErrors.slice(0, 5).join('; ')}` : ''}`);
  expect(figures.okBeforeCut).toBeGreaterThan(0);
  expect(figures.unavailableDuringCut).toBeGreaterThan(10);
  expect(figures.unavailableWithoutRetryAfter).toBe(0);
  expect(tally.otherErrors).toEqual([]);
  expect(figures.secondsToRecover).not.toBeNull();
  expect(figures.secondsToRecover!).toBeLessThan(15);
  expect(figures.samePid).toBe(true);
});

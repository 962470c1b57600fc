/**
 * The database goes away under a running server (a TCP proxy between the app and MariaDB is cut):
 * data routes answer 503 with Retry-After in the one error shape, the process stays up, nothing
 * is logged as an unhandled error, and once the database is back the same process answers again.
 */
import { randomBytes } from 'node:crypto';
import { serverFixture, type ServerProcess } from './serverProcess';
import { startTcpProxy, type TcpProxy } from './tcpProxy';

let proxy: TcpProxy;
let server: ServerProcess;
let fixture: ReturnType<typeof serverFixture>;
let token: string;
let villageId: number;

beforeAll(async () => {
  proxy = await startTcpProxy();
  fixture = serverFixture('dblost');
  const dbName = new URL(fixture.databaseUrl).pathname.slice(1);
  server = await fixture.start({ DATABASE_URL: proxy.url(dbName) });
  const login = await fetch(`${server.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'dudao', password: 'Demo@2026' }) });
  token = (await login.json()).accessToken;
  const orgs = await (await fetch(`${server.base}/api/public/orgs`)).json();
  villageId = orgs.townships[0].villages[0].id;
}, 120_000);
afterAll(async () => {
  proxy?.restore();
  await server?.kill();
  await proxy?.close();
  await fixture?.cleanup();
});

const probes = (): { name: string; init: RequestInit; path: string }[] => [
  { name: 'GET /api/health', init: {}, path: '/api/health' },
  { name: 'GET /api/reports (staff)', init: { headers: { authorization: `Bearer ${token}` } }, path: '/api/reports' },
  { name: 'GET /api/children (staff)', init: { headers: { authorization: `Bearer ${token}` } }, path: '/api/children' },
  {
    name: 'POST /api/reports (anonymous)',
    path: '/api/reports',
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomBytes(16).toString('base64url') },
      body: JSON.stringify({ kind: 'harm', anonymous: true, orgId: villageId, account: '数据库断开时提交的报告' }),
    },
  },
  {
    name: 'POST /api/auth/login',
    path: '/api/auth/login',
    init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'dudao', password: 'Demo@2026' }) },
  },
];

it('answers 503 with Retry-After while the database is away, and recovers without a restart', async () => {
  // Warm: every probe works with the database there.
  for (const p of probes()) {
    const res = await fetch(server.base + p.path, p.init);
    expect({ name: p.name, status: res.status < 300 }).toEqual({ name: p.name, status: true });
  }
  const logBefore = server.output().length;

  proxy.cut();
  for (let round = 0; round < 2; round++) {
    for (const p of probes()) {
      const res = await fetch(server.base + p.path, p.init);
      const text = await res.text();
      expect({ name: p.name, status: res.status, retryAfter: res.headers.get('retry-after') }).toEqual({ name: p.name, status: 503, retryAfter: expect.stringMatching(/^\d+$/) });
      const body = JSON.parse(text);
      expect(body.error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/稍后/) });
      expect(text).not.toMatch(/ECONN|PROTOCOL|at \S+\.(ts|js):\d+/);
    }
  }
  // The list of stations and villages comes from the in-memory org tree: a reporter can still pick a place.
  const orgs = await fetch(`${server.base}/api/public/orgs`);
  expect(orgs.status).toBe(200);
  await new Promise((r) => setTimeout(r, 500));
  expect(server.alive()).toBe(true);
  const during = server.output().slice(logBefore);
  expect(during).not.toMatch(/unhandled error/);

  proxy.restore();
  const restoredAt = Date.now();
  let healthy = false;
  while (!healthy && Date.now() - restoredAt < 15_000) {
    healthy = (await fetch(`${server.base}/api/health`)).status === 200;
    if (!healthy) await new Promise((r) => setTimeout(r, 200));
  }
  expect(healthy).toBe(true);
  for (const p of probes()) {
    const res = await fetch(server.base + p.path, p.init);
    expect({ name: p.name, ok: res.status < 300 }).toEqual({ name: p.name, ok: true });
  }
  expect(server.alive()).toBe(true);
}, 120_000);

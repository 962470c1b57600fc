import { STAFF_ROLES, type StaffRole } from '@wbt/shared';
import { createHash } from 'node:crypto';
import { guardianToken } from './consultationsFixtures';
import { DEMO_PASSWORD, startTestServer, type TestServer } from './harness';
import { classify, ROUTE_CLASSES, type Auth, type RouteClass } from './routeClasses';

/**
 * The access matrix generated from the app's own route list (its OpenAPI document): every route
 * must be classified in routeClasses.ts, and every class is checked — public routes answer without
 * a token, the others 401; role-restricted routes refuse every other role (and signed-in members of
 * the public) with 403; a record of a sibling org node answers 404, as a missing one would.
 */
let t: TestServer;
const routes: { key: string; method: string; path: string; auth: Auth; cls: RouteClass }[] = [];
const tree = { county: 0, township: 0, village: 0, siblingCounty: 0, siblingTownship: 0, siblingVillage: 0, siblingTownshipVillage: 0 };
const actors: { role: StaffRole; token: string; own: number; siblings: number[] }[] = [];
let guardian: string;

const PLACEHOLDER: Record<string, string> = { fileId: '00000000-0000-4000-8000-000000000000' };
const fill = (path: string) => path.replace(/:(\w+)/g, (_, name: string) => PLACEHOLDER[name] ?? '1');

beforeAll(async () => {
  t = await startTestServer();
  const doc = (await t.request('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, { 'x-auth': Auth }>> };
  for (const [p, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const path = p.replace(/\{(\w+)\}/g, ':$1');
      const key = `${method.toUpperCase()} ${path}`;
      routes.push({ key, method: method.toUpperCase(), path, auth: op['x-auth'], cls: classify(key)! });
    }
  }

  const { org, auth } = t.runtime.services;
  const county = (await org.get(1))!;
  const township = (await org.children(county.id)).find((o) => o.name === '铜罐驿镇')!;
  const villages = await org.children(township.id);
  Object.assign(tree, { county: county.id, township: township.id, village: villages[0].id, siblingVillage: villages[1].id });
  tree.siblingCounty = (await org.create({ parentId: null, level: 'county', name: '矩阵县' })).id;
  tree.siblingTownship = (await org.create({ parentId: county.id, level: 'township', name: '矩阵镇' })).id;
  tree.siblingTownshipVillage = (await org.create({ parentId: tree.siblingTownship, level: 'village', name: '矩阵村' })).id;
  const mk = async (role: StaffRole, orgId: number, siblings: number[]) => {
    const username = `rm_${role}_${createHash('md5').update(String(orgId)).digest('hex').slice(0, 6)}`;
    await auth.createStaff({ username, password: DEMO_PASSWORD, name: '矩阵', role, orgId });
    actors.push({ role, token: await t.login(username), own: orgId, siblings });
  };
  await mk('director', tree.village, [tree.siblingVillage, tree.siblingTownshipVillage]);
  for (const role of ['supervisor', 'social_worker', 'station_head'] as const) await mk(role, tree.township, [tree.siblingTownship, tree.siblingTownshipVillage]);
  await mk('county_admin', tree.county, [tree.siblingCounty]);
  guardian = await guardianToken(t);
}, 120_000);
afterAll(() => t.close());

const levelOf = async (orgId: number) => (await t.runtime.services.org.get(orgId))!.level;
const allowedRoles = (auth: Auth): readonly StaffRole[] =>
  auth === 'staff' || auth === 'user' ? STAFF_ROLES : auth === 'public' || auth === 'optional' ? STAFF_ROLES : auth;

describe('the route matrix', () => {
  it('classifies every route of the API, and agrees with each route’s declared access', () => {
    expect(routes.length).toBeGreaterThan(50);
    const unclassified = routes.filter((r) => !r.cls).map((r) => r.key);
    expect(unclassified).toEqual([]);
    const keys = new Set(routes.map((r) => r.key));
    expect(Object.keys(ROUTE_CLASSES).filter((k) => !keys.has(k))).toEqual([]); // stale entries
    const disagree = routes.filter((r) => JSON.stringify(r.cls.auth) !== JSON.stringify(r.auth)).map((r) => `${r.key}: app ${JSON.stringify(r.auth)}, class ${JSON.stringify(r.cls.auth)}`);
    expect(disagree).toEqual([]);
  });

  it('without a token: public routes answer, every other route 401 in the one error shape', async () => {
    const wrong: string[] = [];
    for (const r of routes) {
      const res = await t.request(r.method, fill(r.path), r.method === 'GET' ? {} : { body: {} });
      const open = r.auth === 'public' || r.auth === 'optional';
      const refusedOpen = res.status === 403 || res.status >= 500 || (res.status === 401 && !r.cls.ownCredential);
      if (open && refusedOpen) wrong.push(`${r.key}: ${res.status}`);
      if (!open && !(res.status === 401 && res.body?.error?.code === 'UNAUTHENTICATED')) wrong.push(`${r.key}: ${res.status} ${res.text.slice(0, 80)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('role gates: every other staff role, and a signed-in member of the public, gets 403', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const r of routes) {
      if (r.auth === 'public' || r.auth === 'optional' || r.auth === 'user') continue;
      const refused = [...actors.filter((a) => !allowedRoles(r.auth).includes(a.role)).map((a) => ({ who: a.role, token: a.token })), { who: 'public', token: guardian }];
      for (const { who, token } of refused) {
        const res = await t.request(r.method, fill(r.path), { token, ...(r.method === 'GET' ? {} : { body: {} }) });
        checked += 1;
        if (!(res.status === 403 && res.body?.error?.code === 'FORBIDDEN')) wrong.push(`${r.key} as ${who}: ${res.status}`);
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(wrong).toEqual([]);
  });

  it('scoped routes: a sibling node’s record answers 404 for every role that may use the route', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const r of routes) {
      if (r.cls.scope.kind !== 'org') continue;
      const scope = r.cls.scope;
      for (const actor of actors.filter((a) => allowedRoles(r.auth).includes(a.role))) {
        for (const orgId of actor.siblings) {
          if (!scope.levels.includes(await levelOf(orgId))) continue;
          const req = await scope.target(t, orgId);
          const res = await t.request(req.method, req.path, { token: actor.token, body: req.body });
          checked += 1;
          if (res.status === 404) continue;
          // A 403 is the role gate only if the role is refused its own node's record too.
          if (res.status === 403 && scope.levels.includes(await levelOf(actor.own))) {
            const mine = await scope.target(t, actor.own);
            if ((await t.request(mine.method, mine.path, { token: actor.token, body: mine.body })).status === 403) continue;
          }
          wrong.push(`${r.key} as ${actor.role} on sibling ${orgId}: ${res.status} ${res.text.slice(0, 100)}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(wrong).toEqual([]);
  }, 240_000);
});

describe('404s outside scope', () => {
  /**
   * The same request with every record id replaced by one that does not exist: numeric and UUID
   * path parameters (not a choice such as a roster's name), and a node named in the query.
   */
  const missingVariant = (pattern: string, path: string) => {
    const p = pattern.split('/');
    const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    return path
      .split('/')
      .map((seg, i) => (!p[i]?.startsWith(':') ? seg : /^\d+$/.test(seg) ? '2147480000' : UUID.test(seg) ? '00000000-0000-4000-8000-000000000000' : seg))
      .join('/')
      .replace(/([?&]orgId=)\d+/, (_, key: string) => `${key}2147480000`);
  };

  it('a sibling node’s record and a missing one answer byte-identical bodies, for every :id route family', async () => {
    const differ: string[] = [];
    let checked = 0;
    for (const r of routes) {
      if (r.cls?.scope.kind !== 'org' || !r.path.includes(':')) continue;
      const scope = r.cls.scope;
      for (const actor of actors.filter((a) => allowedRoles(r.auth).includes(a.role))) {
        const orgId = actor.siblings.find((o) => o !== tree.siblingCounty);
        if (orgId === undefined || !scope.levels.includes(await levelOf(orgId))) continue;
        const req = await scope.target(t, orgId);
        const foreign = await t.request(req.method, req.path, { token: actor.token, body: req.body });
        const missing = await t.request(req.method, missingVariant(r.path, req.path), { token: actor.token, body: req.body });
        checked += 1;
        if (foreign.status !== 404 && foreign.status !== 403) differ.push(`${r.key} as ${actor.role}: foreign ${foreign.status}`);
        else if (foreign.status === 404 && (missing.status !== 404 || foreign.text !== missing.text)) {
          differ.push(`${r.key} as ${actor.role}: foreign ${foreign.text} / missing ${missing.status} ${missing.text}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(differ).toEqual([]);
  }, 240_000);
});

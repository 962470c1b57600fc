import type { StaffRole } from '@wbt/shared';
import { createHash } from 'node:crypto';
import { DEMO_PASSWORD, startTestServer, type TestServer } from './harness';
import { scopedRoutes } from './scopedRoutes';

/**
 * Own node, child node, sibling node — for every staff role and every scoped route.
 * In scope: not 404 (and, where the role may use the route, 2xx). Outside: 404, as if missing.
 */
let t: TestServer;
const tree = { county: 0, township: 0, village: 0, siblingCounty: 0, siblingTownship: 0, siblingVillage: 0, siblingTownshipVillage: 0 };
const actors: { role: StaffRole; username: string; own: number; child: number | null; siblings: number[] }[] = [];

beforeAll(async () => {
  t = await startTestServer();
  const { org, auth } = t.runtime.services;
  const county = (await org.get(1))!;
  const township = (await org.children(county.id)).find((o) => o.name === '铜罐驿镇')!;
  const villages = await org.children(township.id);
  tree.county = county.id;
  tree.township = township.id;
  tree.village = villages[0].id;
  tree.siblingVillage = villages[1].id;
  tree.siblingCounty = (await org.create({ parentId: null, level: 'county', name: '测试县' })).id;
  tree.siblingTownship = (await org.create({ parentId: county.id, level: 'township', name: '测试镇' })).id;
  tree.siblingTownshipVillage = (await org.create({ parentId: tree.siblingTownship, level: 'village', name: '测试村' })).id;

  const mk = async (role: StaffRole, orgId: number) => {
    const username = `m_${role}_${createHash('md5').update(String(orgId)).digest('hex').slice(0, 6)}`;
    await auth.createStaff({ username, password: DEMO_PASSWORD, name: '测试', role, orgId });
    return username;
  };
  actors.push({ role: 'director', username: await mk('director', tree.village), own: tree.village, child: null, siblings: [tree.siblingVillage, tree.siblingTownshipVillage] });
  for (const role of ['supervisor', 'social_worker', 'station_head'] as const) {
    actors.push({ role, username: await mk(role, tree.township), own: tree.township, child: tree.village, siblings: [tree.siblingTownship, tree.siblingTownshipVillage] });
  }
  actors.push({ role: 'county_admin', username: await mk('county_admin', tree.county), own: tree.county, child: tree.township, siblings: [tree.siblingCounty] });
});
afterAll(() => t.close());

const levelOf = async (orgId: number) => (await t.runtime.services.org.get(orgId))!.level;

describe.each(scopedRoutes)('$name', (route) => {
  it.each(['director', 'supervisor', 'social_worker', 'station_head', 'county_admin'] as const)('as %s: own and child nodes reachable, siblings 404', async (role) => {
    const actor = actors.find((a) => a.role === role)!;
    const token = await t.login(actor.username);
    const allowed = !route.roles || route.roles.includes(role);
    let checked = 0;
    for (const orgId of [actor.own, actor.child]) {
      if (orgId === null || !route.levels.includes(await levelOf(orgId))) continue;
      const req = await route.target(t, orgId);
      const res = await t.request(req.method, req.path, { token, body: req.body });
      const outcome = res.status >= 200 && res.status < 300 ? '2xx' : res.status === 403 || res.status === 404 ? 'refused' : String(res.status);
      expect({ orgId, outcome }).toEqual({ orgId, outcome: allowed ? '2xx' : 'refused' });
      checked += 1;
    }
    for (const orgId of actor.siblings) {
      if (!route.levels.includes(await levelOf(orgId))) continue;
      const req = await route.target(t, orgId);
      const res = await t.request(req.method, req.path, { token, body: req.body });
      const outcome = res.status === 404 ? '404' : res.status === 403 ? '403' : String(res.status);
      // A role that may not use the route at all may be refused with 403 before scope is looked at.
      expect({ orgId, outcome }).toEqual({ orgId, outcome: allowed ? '404' : expect.stringMatching(/^40[34]$/) });
      checked += 1;
    }
    expect(checked).toBeGreaterThan(0);
  });
});

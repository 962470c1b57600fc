import { startTestServer, type TestServer } from './harness';
import { demoOrgs } from './childrenFixtures';
import { dumpTables } from './reportsFixtures';

let t: TestServer;
let orgs: Awaited<ReturnType<typeof demoOrgs>>;
const tok: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestServer();
  orgs = await demoOrgs(t);
  for (const u of ['zhuren01', 'dudao', 'zhanzhang', 'shegong', 'admin']) tok[u] = await t.login(u);
});
afterAll(() => t.close());

const entry = { kind: 'justice_office', name: '测试司法所', address: '测试路8号', contactName: '丁某', contactPhone: '023-00000088', services: '法律援助申请' };

describe('resource directory per township', () => {
  it('the demo township has its police station, clinic, schools, 司法所, 妇联, 残联 and the county centre', async () => {
    const res = await t.request('GET', '/api/resources', { token: tok.zhuren01 });
    expect(res.status).toBe(200);
    const kinds = new Set(res.body.items.map((r: { kind: string }) => r.kind));
    for (const k of ['police_station', 'health_center', 'school', 'justice_office', 'women_federation', 'disabled_federation', 'county_center']) expect(kinds).toContain(k);
    const police = res.body.items.find((r: { kind: string }) => r.kind === 'police_station');
    // What the referral form (附件7) needs: unit, its type, address, contact person and phone.
    expect(police).toMatchObject({ referralUnitType: 'police', kindLabel: '派出所', orgName: '铜罐驿镇', address: expect.any(String), contactName: expect.any(String), contactPhone: expect.any(String) });
    const filtered = await t.request('GET', '/api/resources?kind=school', { token: tok.shegong });
    expect(filtered.body.items.length).toBeGreaterThanOrEqual(2);
    expect(filtered.body.items.every((r: { kind: string }) => r.kind === 'school')).toBe(true);
  });

  it('station staff add, edit and archive entries of their township; directors and social workers only read', async () => {
    expect((await t.request('POST', '/api/resources', { token: tok.zhuren01, body: entry })).status).toBe(403);
    expect((await t.request('POST', '/api/resources', { token: tok.shegong, body: entry })).status).toBe(403);
    const created = await t.request('POST', '/api/resources', { token: tok.dudao, body: entry });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...entry, orgId: orgs.township, referralUnitType: 'legal_aid', status: 'active' });
    const id = created.body.id;

    const edit = await t.request('PATCH', `/api/resources/${id}`, { token: tok.zhanzhang, body: { contactName: '丁某某', contactPhone: '139 0000 0088' } });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ contactName: '丁某某', contactPhone: '13900000088' });
    const archived = await t.request('PATCH', `/api/resources/${id}`, { token: tok.dudao, body: { status: 'archived' } });
    expect(archived.body.status).toBe('archived');
    const active = await t.request('GET', '/api/resources', { token: tok.dudao });
    expect(active.body.items.map((r: { id: number }) => r.id)).not.toContain(id);
    const old = await t.request('GET', '/api/resources?archived=true', { token: tok.dudao });
    expect(old.body.items.map((r: { id: number }) => r.id)).toContain(id);
    expect((await t.runtime.services.audit.forTarget('resource', id)).map((a) => a.action)).toEqual(expect.arrayContaining(['resource.create', 'resource.update']));
  });

  it('county entries are read by the township and kept by the county admin', async () => {
    const county = (await t.request('GET', '/api/resources?kind=county_center', { token: tok.dudao })).body.items[0];
    expect((await t.request('PATCH', `/api/resources/${county.id}`, { token: tok.dudao, body: { contactName: '改' } })).status).toBe(403);
    expect((await t.request('PATCH', `/api/resources/${county.id}`, { token: tok.admin, body: { contactName: '范某' } })).status).toBe(200);
    expect((await t.request('POST', '/api/resources', { token: tok.dudao, body: { ...entry, orgId: county.orgId } })).status).toBe(404);
    expect((await t.request('POST', '/api/resources', { token: tok.dudao, body: { ...entry, orgId: orgs.villages['双骑龙村'] } })).status).toBe(400);
  });

  it('bad input answers 400 naming the field, and nothing is written', async () => {
    const before = await dumpTables(t, ['resource_units']);
    const res = await t.request('POST', '/api/resources', { token: tok.dudao, body: { ...entry, kind: 'bank', contactPhone: '12', name: '' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['body.kind', 'body.contactPhone', 'body.name']));
    expect(await dumpTables(t, ['resource_units'])).toBe(before);
  });
});

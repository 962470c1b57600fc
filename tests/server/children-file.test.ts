import { startTestServer, type TestServer } from './harness';
import { ManualClock } from '../../server/src/lib/clock';
import { childBody, cst, demoOrgs, fakeIdNumber, visitBody } from './childrenFixtures';
import { dumpTables } from './reportsFixtures';

let t: TestServer;
let clock: ManualClock;
let orgs: Awaited<ReturnType<typeof demoOrgs>>;
const tok: Record<string, string> = {};

beforeAll(async () => {
  clock = new ManualClock(cst('2026-11-02T10:00:00'));
  t = await startTestServer({ clock });
  orgs = await demoOrgs(t);
  for (const u of ['zhuren01', 'zhuren02', 'dudao', 'zhanzhang']) tok[u] = await t.login(u);
});
afterAll(() => t.close());

async function relogin() {
  for (const u of Object.keys(tok)) tok[u] = await t.login(u);
}

const guardianId = fakeIdNumber('1988-04-02', 41, 'female');

describe('the fields the national system needs', () => {
  let childId = 0;
  it('saves 民族, 户籍性质, parents’ status, the actual and entrusted carers, guardian ID, disability certificate, 送教上门', async () => {
    const cert = `${fakeIdNumber('2014-03-03', 7, 'male')}42`;
    const res = await t.request('POST', '/api/children', {
      token: tok.zhuren01,
      body: childBody({
        name: '字段测试', sex: 'male', dob: '2014-03-03', ethnicity: '土家族', hukouType: 'agricultural',
        fatherStatus: 'migrant_work', motherStatus: 'migrant_work',
        guardians: [{ name: '字段奶奶', relation: 'grandparent', phone: '13900000001', entrusted: true, idNumber: guardianId }],
        actualCarer: { name: '字段奶奶', relation: 'grandparent', phone: '13900000001' },
        entrustedCarer: { name: '字段奶奶', relation: 'grandparent', checked: true, checkNote: '已核实无不良记录', schoolNotified: true, villageNotified: true, weeklyContact: false },
        categories: ['left_behind', 'disabled'], disability: '肢体残疾二级', disabilityCertNo: cert, homeSchooling: true,
      }),
    });
    expect(res.status).toBe(201);
    childId = res.body.id;
    expect(res.body).toMatchObject({
      ethnicity: '土家族', hukouType: 'agricultural', fatherStatus: 'migrant_work', motherStatus: 'migrant_work',
      guardians: [expect.objectContaining({ idNumber: guardianId })],
      actualCarer: { name: '字段奶奶', relation: 'grandparent', phone: '13900000001' },
      entrustedCarer: expect.objectContaining({ checked: true, schoolNotified: true, villageNotified: true, weeklyContact: false }),
      disabilityCertNo: cert, homeSchooling: true, status: 'active', closedAt: null,
    });
    // The guardian's ID number is only encrypted, with a keyed blind index beside the file.
    const dump = await dumpTables(t, ['children', 'child_history', 'child_guardian_ids']);
    expect(dump).not.toContain(guardianId);
    expect(dump).not.toContain(cert);
    const [rows] = await t.runtime.database.pool.query('SELECT id_number_idx FROM child_guardian_ids WHERE child_id = ?', [childId]);
    expect(rows).toHaveLength(1);
  });

  it('refuses a bad guardian ID number and a bad disability certificate number, naming the field', async () => {
    const bad = await t.request('PATCH', `/api/children/${childId}`, {
      token: tok.dudao,
      body: { guardians: [{ name: '字段奶奶', relation: 'grandparent', entrusted: true, idNumber: '110101198804021234' }], disabilityCertNo: '123' },
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.guardians.0.idNumber', 'body.disabilityCertNo']));
  });

  it('keeps the new fields in the file history', async () => {
    const res = await t.request('PATCH', `/api/children/${childId}`, { token: tok.dudao, body: { ethnicity: '汉族', homeSchooling: false } });
    expect(res.status).toBe(200);
    const history = await t.request('GET', `/api/children/${childId}/history`, { token: tok.dudao });
    expect(history.body.items[0].changes).toEqual(
      expect.arrayContaining([
        { field: 'ethnicity', label: '民族', old: '土家族', new: '汉族' },
        { field: 'homeSchooling', label: '送教上门', old: true, new: false },
      ]),
    );
  });
});

describe('consistency rules on save', () => {
  it.each([
    ['left-behind with the mother at home', { parentsAway: 'father', fatherStatus: 'migrant_work', motherStatus: 'at_home' }, 'categories', /国发〔2016〕13号/],
    ['left-behind at 16', { dob: '2010-11-01', name: '十六岁' }, 'categories', /不满16周岁/],
    ['unattended with a guardian listed', { categories: ['dropout'], parentsAway: 'none', guardianshipState: 'unattended', entrustmentSigned: false }, 'guardianshipState', /无人监护/],
    ['orphan and scattered orphan together', { categories: ['orphan', 'scattered_orphan'], parentsAway: 'na', entrustmentSigned: false }, 'categories', /重复计数/],
  ])('%s → 400 naming the field, nothing saved', async (_name, extra, path, message) => {
    const before = await dumpTables(t, ['children']);
    const res = await t.request('POST', '/api/children', { token: tok.zhuren01, body: childBody({ name: '规则测试', ...extra }) });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path, message: expect.stringMatching(message) })]));
    expect(await dumpTables(t, ['children'])).toBe(before);
  });

  it('checks a change against the whole file: the father coming home un-labels nothing by itself', async () => {
    const created = await t.request('POST', '/api/children', { token: tok.dudao, body: childBody({ name: '改动测试', orgId: orgs.villages['双骑龙村'] }) });
    expect(created.status).toBe(201);
    const res = await t.request('PATCH', `/api/children/${created.body.id}`, { token: tok.dudao, body: { parentsAway: 'mother' } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/农村留守儿童/);
    const ok = await t.request('PATCH', `/api/children/${created.body.id}`, { token: tok.dudao, body: { parentsAway: 'mother', categories: ['plight_family'] } });
    expect(ok.status).toBe(200);
  });
});

describe('closing, reopening and moving a file, with history', () => {
  let childId = 0;
  beforeAll(async () => {
    const res = await t.request('POST', '/api/children', { token: tok.dudao, body: childBody({ name: '迁移测试', orgId: orgs.villages['双骑龙村'] }) });
    childId = res.body.id;
  });

  it('moves a file to another village: the new village’s director sees it and its plan, the old one no longer', async () => {
    expect((await t.request('POST', `/api/children/${childId}/move`, { token: tok.zhuren01, body: { toOrgId: orgs.villages['建设村'], note: '随奶奶搬家' } })).status).toBe(403);
    const same = await t.request('POST', `/api/children/${childId}/move`, { token: tok.dudao, body: { toOrgId: orgs.villages['双骑龙村'], note: '原地' } });
    expect(same.status).toBe(400);
    const res = await t.request('POST', `/api/children/${childId}/move`, { token: tok.dudao, body: { toOrgId: orgs.villages['建设村'], note: '随奶奶搬家' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ orgId: orgs.villages['建设村'], orgName: '建设村' });
    expect((await t.request('GET', `/api/children/${childId}`, { token: tok.zhuren01 })).status).toBe(404);
    expect((await t.request('GET', `/api/children/${childId}`, { token: tok.zhuren02 })).status).toBe(200);
    const tasks = await t.request('GET', `/api/children/${childId}/tasks`, { token: tok.zhuren02 });
    const open = tasks.body.items.filter((x: { status: string }) => x.status === 'open');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ kind: 'periodic_visit' });
    const history = await t.request('GET', `/api/children/${childId}/history`, { token: tok.dudao });
    expect(history.body.items[0]).toMatchObject({ action: 'move', note: '随奶奶搬家', changes: [{ field: 'orgId', label: '所属村/社区', old: orgs.villages['双骑龙村'], new: orgs.villages['建设村'] }] });
  });

  it('refuses to close as aged out before 18, closes out of difficulty, then refuses edits', async () => {
    const early = await t.request('POST', `/api/children/${childId}/close`, { token: tok.dudao, body: { reason: 'aged_out', note: '年满18岁' } });
    expect(early.status).toBe(400);
    expect(early.body.error.details[0]).toMatchObject({ path: 'reason' });
    expect((await t.request('POST', `/api/children/${childId}/close`, { token: tok.zhuren02, body: { reason: 'out_of_difficulty', note: '父母返乡' } })).status).toBe(403);
    const res = await t.request('POST', `/api/children/${childId}/close`, { token: tok.dudao, body: { reason: 'out_of_difficulty', note: '父母已返乡照顾' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'closed', closeReason: 'out_of_difficulty', nextVisitDue: null, visitOverdue: false });
    const tasks = await t.request('GET', `/api/children/${childId}/tasks`, { token: tok.dudao });
    expect(tasks.body.items.filter((x: { status: string }) => x.status === 'open')).toHaveLength(0);
    const edit = await t.request('PATCH', `/api/children/${childId}`, { token: tok.dudao, body: { grade: '五年级' } });
    expect(edit.status).toBe(409);
    expect((await t.request('POST', `/api/children/${childId}/close`, { token: tok.dudao, body: { reason: 'other', note: '再次销档' } })).status).toBe(409);
    expect((await t.request('POST', `/api/children/${childId}/move`, { token: tok.dudao, body: { toOrgId: orgs.villages['双骑龙村'], note: '迁回' } })).status).toBe(409);
  });

  it('reopens with a fresh plan; history shows close and reopen', async () => {
    const res = await t.request('POST', `/api/children/${childId}/reopen`, { token: tok.dudao, body: { note: '父母再次外出' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'active', closeReason: null });
    expect(res.body.nextVisitDue).not.toBeNull();
    const history = await t.request('GET', `/api/children/${childId}/history`, { token: tok.dudao });
    expect(history.body.items.slice(0, 2).map((h: { action: string }) => h.action)).toEqual(['reopen', 'close']);
    expect(history.body.items[1]).toMatchObject({ note: '父母已返乡照顾', changes: expect.arrayContaining([{ field: 'closeReason', label: '销档原因', old: null, new: 'out_of_difficulty' }]) });
  });
});

describe('national-system entry as clocks', () => {
  it('is due 5 working days after the file; entered, then monthly by calendar month', async () => {
    clock.set(cst('2026-11-02T10:00:00'));
    await relogin();
    const created = await t.request('POST', '/api/children', { token: tok.zhuren01, body: childBody({ name: '录入测试' }) });
    const id = created.body.id;
    // Five working days, the start day not counted, ending at 24:00 of Monday 9 November.
    expect(created.body.nationalSystem).toMatchObject({ entryDueAt: cst('2026-11-10T00:00:00').toISOString(), entryOverdue: false, enteredAt: null });

    clock.set(cst('2026-11-10T09:00:00'));
    await relogin();
    expect((await t.request('GET', `/api/children/${id}`, { token: tok.dudao })).body.nationalSystem).toMatchObject({ entryOverdue: true });
    const update = await t.request('POST', `/api/children/${id}/national-entry`, { token: tok.dudao, body: { kind: 'update', enteredAt: cst('2026-11-10T08:00:00').toISOString() } });
    expect(update.status).toBe(400);
    const future = await t.request('POST', `/api/children/${id}/national-entry`, { token: tok.dudao, body: { kind: 'entry', enteredAt: cst('2026-11-11T08:00:00').toISOString() } });
    expect(future.status).toBe(400);
    const entry = await t.request('POST', `/api/children/${id}/national-entry`, { token: tok.dudao, body: { kind: 'entry', enteredAt: cst('2026-11-10T08:30:00').toISOString() } });
    expect(entry.status).toBe(200);
    expect(entry.body.nationalSystem).toMatchObject({ entryDueAt: null, entryOverdue: false, updatedThisMonth: true, enteredAt: cst('2026-11-10T08:30:00').toISOString() });
    expect((await t.request('POST', `/api/children/${id}/national-entry`, { token: tok.zhuren01, body: { kind: 'update', enteredAt: cst('2026-11-10T08:40:00').toISOString() } })).status).toBe(403);

    clock.set(cst('2027-01-04T09:00:00'));
    await relogin();
    const late = await t.request('GET', `/api/children/${id}`, { token: tok.dudao });
    expect(late.body.nationalSystem).toMatchObject({ updatedThisMonth: false, monthOverdue: true, updatedThisQuarter: false, quarterOverdue: false });
    const history = await t.request('GET', `/api/children/${id}/history`, { token: tok.dudao });
    expect(history.body.items[0]).toMatchObject({ action: 'national_entry', changes: [expect.objectContaining({ field: 'nationalEnteredAt', label: '录入全国儿童福利信息系统' })] });
  });
});

describe('demo children on a seeded server', () => {
  it('every demo file has the new fields’ consistency, and the high-risk 赵一鸣 has a case', async () => {
    const list = await t.request('GET', '/api/children?limit=100', { token: tok.dudao });
    const zhao = list.body.items.find((c: { name: string }) => c.name === '赵一鸣');
    const detail = await t.request('GET', `/api/children/${zhao.id}`, { token: tok.dudao });
    expect(detail.body).toMatchObject({ riskTier: 'high', guardianshipState: 'unattended', guardians: [], actualCarer: { name: '赵秀珍' } });
    expect(detail.body.caseIds.length).toBeGreaterThan(0);
    const highWithoutCase = [];
    for (const c of list.body.items.filter((x: { riskTier: string; name: string }) => x.riskTier === 'high' && ['王小雨', '赵一鸣'].includes(x.name))) {
      const d = await t.request('GET', `/api/children/${c.id}`, { token: tok.dudao });
      if (d.body.guardianshipState === 'unattended' && d.body.caseIds.length === 0) highWithoutCase.push(c.name);
    }
    expect(highWithoutCase).toEqual([]);
  });
});

describe('monthly visits count per calendar month', () => {
  it('the overview counts open files visited in this China calendar month', async () => {
    clock.set(cst('2027-02-01T00:30:00'));
    await relogin();
    const village = async () => (await t.request('GET', '/api/children/overview', { token: tok.dudao })).body.villages.find((v: { orgName: string }) => v.orgName === '黄金堡村');
    const before = await village();
    const created = await t.request('POST', '/api/children', { token: tok.dudao, body: childBody({ name: '月度测试', orgId: orgs.villages['黄金堡村'] }) });
    expect(created.body.visitedThisMonth).toBe(false);
    // A visit at 23:30 on 31 January China time belongs to January, not February.
    const jan = await t.request('POST', '/api/visits', { token: tok.dudao, body: visitBody(created.body.id, cst('2027-01-31T23:30:00')) });
    expect(jan.status).toBe(201);
    let now = await village();
    expect(now).toMatchObject({ activeFiles: before.activeFiles + 1, visitedThisMonth: before.visitedThisMonth });
    const feb = await t.request('POST', '/api/visits', { token: tok.dudao, body: visitBody(created.body.id, cst('2027-02-01T00:10:00')) });
    expect(feb.status).toBe(201);
    now = await village();
    expect(now.visitedThisMonth).toBe(before.visitedThisMonth + 1);
    expect((await t.request('GET', `/api/children/${created.body.id}`, { token: tok.dudao })).body.visitedThisMonth).toBe(true);
  });
});

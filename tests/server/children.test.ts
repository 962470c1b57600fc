import { addWorkingDays, isWorkingDay } from '@wbt/shared';
import { isHoliday, isWorkday } from 'chinese-days';
import chineseDaysData from 'chinese-days/dist/chinese-days.json';
import { DEMO_PASSWORD, startTestServer, type TestServer } from './harness';
import { ManualClock } from '../../server/src/lib/clock';
import { childBody, cst, demoOrgs, endOfDay, fakeIdNumber, visitBody } from './childrenFixtures';
import { dumpTables } from './reportsFixtures';

let t: TestServer;
let clock: ManualClock;
let orgs: Awaited<ReturnType<typeof demoOrgs>>;
const tok: Record<string, string> = {};

beforeAll(async () => {
  clock = new ManualClock(cst('2026-09-30T10:00:00'));
  t = await startTestServer({ clock });
  orgs = await demoOrgs(t);
  for (const u of ['zhuren01', 'zhuren06', 'zhuren07', 'dudao', 'shegong', 'admin']) tok[u] = await t.login(u);
});
afterAll(() => t.close());

const dbRows = async (sql: string, params: unknown[]) => (await t.runtime.database.pool.query(sql, params))[0] as Record<string, unknown>[];

/** Sessions time out after 30 idle minutes; tests that move the clock sign in again. */
async function relogin() {
  for (const u of Object.keys(tok)) tok[u] = await t.login(u);
}

describe('the 5-working-day confirmation clock across the 2026 National Day holiday', () => {
  it('reads the official calendar from chinese-days, not from assumptions', () => {
    // 2026: 国庆 10-01…10-07 off; 10-10 (Saturday) is a 调休 working day; 09-20 (Sunday) too.
    expect(isHoliday('2026-10-07')).toBe(true);
    expect(new Date('2026-10-10T00:00:00Z').getUTCDay()).toBe(6);
    expect((chineseDaysData as { workdays: Record<string, string> }).workdays['2026-10-10']).toMatch(/国庆节/);
    expect(isWorkday('2026-10-10')).toBe(true);
    expect(isWorkingDay(cst('2026-10-10T10:00:00'))).toBe(true);
    expect(isWorkingDay(cst('2026-10-11T10:00:00'))).toBe(false);
  });

  let childId = 0;
  it('a file a director creates on 2026-09-30 is due for confirmation by the end of 2026-10-13, the Saturday 10-10 counted', async () => {
    clock.set(cst('2026-09-30T10:00:00'));
    const res = await t.request('POST', '/api/children', { token: tok.zhuren06, body: childBody({ name: '国庆测试', dob: '2016-02-02' }) });
    expect(res.status).toBe(201);
    childId = res.body.id;
    expect(res.body.confirmStatus).toBe('pending');
    // 10-08, 10-09, 10-10 (调休), 10-12, 10-13: the limit ends at 24:00 of 10-13 (民法典 第203条).
    expect(res.body.confirmDueAt).toBe(cst('2026-10-14T00:00:00').toISOString());
    expect(res.body.confirmDueAt).toBe(addWorkingDays(cst('2026-09-30T10:00:00'), 5).toISOString());
    // The supervisor's task list has the confirmation with the same due time.
    const mine = await t.request('GET', '/api/tasks?kind=file_confirm', { token: tok.dudao });
    const task = mine.body.items.find((x: { childId: number }) => x.childId === childId);
    expect(task).toMatchObject({ kind: 'file_confirm', dueAt: cst('2026-10-14T00:00:00').toISOString(), assigneeUserId: null });
  });

  it('is not late on the last day, even in the evening, and is late (visible as overdue) from the next day', async () => {
    clock.set(cst('2026-10-13T23:59:00'));
    await relogin();
    let list = await t.request('GET', '/api/children?confirm=overdue', { token: tok.dudao });
    expect(list.body.items.map((c: { id: number }) => c.id)).not.toContain(childId);
    clock.set(cst('2026-10-14T00:01:00'));
    list = await t.request('GET', '/api/children?confirm=overdue', { token: tok.dudao });
    const item = list.body.items.find((c: { id: number }) => c.id === childId);
    expect(item).toMatchObject({ confirmStatus: 'pending', confirmOverdue: true });
    const overview = await t.request('GET', '/api/children/overview', { token: tok.dudao });
    const village = overview.body.villages.find((v: { orgName: string }) => v.orgName === '大碑村');
    expect(village.confirmOverdue).toBe(1);
    // The supervisor's task shows overdue as well.
    const tasks = await t.request('GET', '/api/tasks?kind=file_confirm&overdue=true', { token: tok.dudao });
    expect(tasks.body.items.map((x: { childId: number }) => x.childId)).toContain(childId);
  });

  it('the supervisor confirms; the director cannot; confirming twice is refused', async () => {
    const byDirector = await t.request('POST', `/api/children/${childId}/confirm`, { token: tok.zhuren06, body: {} });
    expect(byDirector.status).toBe(403);
    const res = await t.request('POST', `/api/children/${childId}/confirm`, { token: tok.dudao, body: { note: '已核对' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ confirmStatus: 'confirmed', confirmOverdue: false, confirmedByName: '陈思远' });
    const again = await t.request('POST', `/api/children/${childId}/confirm`, { token: tok.dudao, body: {} });
    expect(again.status).toBe(409);
    const audit = await t.runtime.services.audit.forTarget('child', childId);
    expect(audit.find((a) => a.action === 'child.confirm')?.detail).toEqual({ late: true });
    const task = (await t.request('GET', `/api/children/${childId}/tasks`, { token: tok.dudao })).body.items.find((x: { kind: string }) => x.kind === 'file_confirm');
    expect(task.status).toBe('done');
  });

  it('a director’s later change restarts the clock; a supervisor’s own change needs no confirmation', async () => {
    clock.set(cst('2026-10-16T15:00:00')); // Friday
    await relogin();
    const changed = await t.request('PATCH', `/api/children/${childId}`, { token: tok.zhuren06, body: { address: '大碑村2组8号' } });
    expect(changed.status).toBe(200);
    expect(changed.body.confirmStatus).toBe('pending');
    expect(changed.body.confirmDueAt).toBe(cst('2026-10-24T00:00:00').toISOString());
    // A second change while pending keeps the first clock.
    clock.set(cst('2026-10-19T09:00:00'));
    await relogin();
    const second = await t.request('PATCH', `/api/children/${childId}`, { token: tok.zhuren06, body: { grade: '五年级' } });
    expect(second.body.confirmDueAt).toBe(cst('2026-10-24T00:00:00').toISOString());
    await t.request('POST', `/api/children/${childId}/confirm`, { token: tok.dudao, body: {} });
    const bySupervisor = await t.request('PATCH', `/api/children/${childId}`, { token: tok.dudao, body: { grade: '六年级' } });
    expect(bySupervisor.body.confirmStatus).toBe('confirmed');
  });
});

describe('visit plan by risk tier, with a controllable clock', () => {
  let childId = 0;
  it('creates the first plan visit at the tier interval (高: 7 days) as the director’s task', async () => {
    clock.set(cst('2026-11-02T09:30:00'));
    await relogin();
    const res = await t.request('POST', '/api/children', {
      token: tok.zhuren07,
      body: childBody({ name: '计划测试', dob: '2014-04-04', riskTier: 'high', categories: ['plight_family'] }),
    });
    expect(res.status).toBe(201);
    childId = res.body.id;
    expect(res.body.visitIntervalDays).toBe(7);
    expect(res.body.nextVisitDue).toBe(endOfDay('2026-11-09'));
    // Due in 7 days: inside the director's "next 7 days" list, not in "today".
    const week = await t.request('GET', '/api/tasks/mine?bucket=week', { token: tok.zhuren07 });
    expect(week.body.items.map((x: { childId: number }) => x.childId)).toContain(childId);
    const today = await t.request('GET', '/api/tasks/mine?bucket=today', { token: tok.zhuren07 });
    expect(today.body.items.map((x: { childId: number }) => x.childId)).not.toContain(childId);
  });

  it('shows the plan task in the director’s week bucket and moves it when a visit is done', async () => {
    clock.set(cst('2026-11-03T08:00:00'));
    await relogin();
    let mine = await t.request('GET', '/api/tasks/mine', { token: tok.zhuren07 });
    const task = mine.body.items.find((x: { childId: number }) => x.childId === childId);
    expect(task).toMatchObject({ kind: 'periodic_visit', bucket: 'week', dueAt: endOfDay('2026-11-09'), child: { name: '计划测试' } });

    clock.set(cst('2026-11-05T16:00:00'));
    await relogin();
    const visit = await t.request('POST', '/api/visits', { token: tok.zhuren07, body: visitBody(childId, cst('2026-11-05T15:00:00'), { taskId: task.id }) });
    expect(visit.status).toBe(201);
    expect(visit.body.nextVisitDue).toBe(endOfDay('2026-11-12'));
    const file = await t.request('GET', `/api/children/${childId}`, { token: tok.zhuren07 });
    expect(file.body).toMatchObject({ lastVisitAt: cst('2026-11-05T15:00:00').toISOString(), nextVisitDue: endOfDay('2026-11-12'), visitOverdue: false });
    const tasks = (await t.request('GET', `/api/children/${childId}/tasks`, { token: tok.zhuren07 })).body.items.filter((x: { kind: string }) => x.kind === 'periodic_visit');
    expect(tasks.map((x: { status: string; dueAt: string }) => [x.status, x.dueAt])).toEqual([
      ['done', endOfDay('2026-11-09')],
      ['open', endOfDay('2026-11-12')],
    ]);
    mine = await t.request('GET', '/api/tasks/mine', { token: tok.zhuren07 });
    expect(mine.body.items.filter((x: { childId: number }) => x.childId === childId)).toHaveLength(1);
  });

  it('a visit late at night counts on its China calendar day', async () => {
    clock.set(cst('2026-11-07T23:50:00'));
    await relogin();
    const visit = await t.request('POST', '/api/visits', { token: tok.zhuren07, body: visitBody(childId, cst('2026-11-07T23:30:00')) });
    expect(visit.body.nextVisitDue).toBe(endOfDay('2026-11-14'));
  });

  it('reschedules when the tier changes: 低 → 30 days from the last visit', async () => {
    const res = await t.request('PATCH', `/api/children/${childId}`, { token: tok.zhuren07, body: { riskTier: 'low', categories: ['migrant'], riskReason: '家庭情况好转' } });
    expect(res.status).toBe(200);
    expect(res.body.visitIntervalDays).toBe(30);
    expect(res.body.nextVisitDue).toBe(endOfDay('2026-12-07'));
    const open = (await t.request('GET', `/api/children/${childId}/tasks`, { token: tok.zhuren07 })).body.items.filter(
      (x: { kind: string; status: string }) => x.kind === 'periodic_visit' && x.status === 'open',
    );
    expect(open).toHaveLength(1);
    expect(open[0].dueAt).toBe(endOfDay('2026-12-07'));
  });

  it('a left-behind or vulnerable child is visited at least monthly even when the county sets 低 to 60 days', async () => {
    const set = await t.request('PUT', '/api/settings/sla', { token: tok.admin, body: { visitIntervalDays: { low: 60, high: 5 } } });
    expect(set.status).toBe(200);
    const migrantOnly = await t.request('PATCH', `/api/children/${childId}`, { token: tok.zhuren07, body: { riskReason: '仅流动，按低风险' , servicesNote: '无' } });
    expect(migrantOnly.body.visitIntervalDays).toBe(30); // unchanged: tier and categories did not change
    const migrant = await t.request('PATCH', `/api/children/${childId}`, { token: tok.zhuren07, body: { riskTier: 'medium' } });
    expect(migrant.body.visitIntervalDays).toBe(14);
    const backToLow = await t.request('PATCH', `/api/children/${childId}`, { token: tok.zhuren07, body: { riskTier: 'low' } });
    expect(backToLow.body.visitIntervalDays).toBe(60); // 流动儿童 alone: the county's 60 days
    const leftBehind = await t.request('PATCH', `/api/children/${childId}`, { token: tok.zhuren07, body: { categories: ['migrant', 'left_behind'] } });
    expect(leftBehind.body.visitIntervalDays).toBe(30); // monthly floor (seed 001)
    const high = await t.request('PATCH', `/api/children/${childId}`, { token: tok.zhuren07, body: { riskTier: 'high' } });
    expect(high.body.visitIntervalDays).toBe(5); // the county's own 高 interval
    // From the last visit (11-07) + 5 days.
    expect(high.body.nextVisitDue).toBe(endOfDay('2026-11-12'));
    await t.request('PUT', '/api/settings/sla', { token: tok.admin, body: {} });
  });

  it('a tier raised long after the last visit is due today, not retroactively late', async () => {
    await t.request('PATCH', `/api/children/${childId}`, { token: tok.zhuren07, body: { riskTier: 'low', categories: ['migrant'] } });
    clock.set(cst('2026-11-25T10:00:00'));
    await relogin();
    const res = await t.request('PATCH', `/api/children/${childId}`, { token: tok.zhuren07, body: { riskTier: 'high' } });
    expect(res.body.nextVisitDue).toBe(endOfDay('2026-11-25'));
    const mine = await t.request('GET', '/api/tasks/mine?bucket=today', { token: tok.zhuren07 });
    expect(mine.body.items.map((x: { childId: number }) => x.childId)).toContain(childId);
    clock.set(cst('2026-11-26T00:00:01'));
    await relogin();
    const overdue = await t.request('GET', '/api/tasks/mine?bucket=overdue', { token: tok.zhuren07 });
    expect(overdue.body.items.map((x: { childId: number }) => x.childId)).toContain(childId);
    const file = await t.request('GET', `/api/children/${childId}`, { token: tok.zhuren07 });
    expect(file.body.visitOverdue).toBe(true);
  });
});

describe('duplicates are shown before saving', () => {
  const dob = '2013-03-03';
  const idNumber = fakeIdNumber(dob, 17, 'male');
  let first = 0;

  it('creates a file with an ID number, and finds it again by ID number before a second save', async () => {
    const res = await t.request('POST', '/api/children', { token: tok.zhuren07, body: childBody({ name: '重复甲', dob, sex: 'male', idNumber }) });
    expect(res.status).toBe(201);
    first = res.body.id;
    const check = await t.request('POST', '/api/children/duplicates', { token: tok.zhuren07, body: { name: '另一个名字', dob, idNumber } });
    expect(check.status).toBe(200);
    expect(check.body.items).toEqual([expect.objectContaining({ reason: 'id_number', childId: first, displayName: '重*甲' })]);
  });

  it('refuses a second file with the same ID number (409), whatever the name, even with the "not a duplicate" box', async () => {
    const res = await t.request('POST', '/api/children', {
      token: tok.zhuren07,
      body: childBody({ name: '重复乙', dob, sex: 'male', idNumber: idNumber.toLowerCase(), confirmNotDuplicate: true }),
    });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/该身份证号已建档/);
  });

  it('answers a director of another village only within their scope, and hands the match to the file’s supervisor as a task', async () => {
    const tasksBefore = (await dbRows('SELECT id FROM tasks WHERE child_id = ? AND kind = ?', [first, 'file_confirm'])).length;
    const check = await t.request('POST', '/api/children/duplicates', { token: tok.zhuren06, body: { name: '重复甲', dob, idNumber } });
    expect(check.status).toBe(200);
    // Byte-identical to a check of an ID number that is on file nowhere.
    const nowhere = await t.request('POST', '/api/children/duplicates', { token: tok.zhuren06, body: { name: '重复甲', dob, idNumber: fakeIdNumber(dob, 18, 'male') } });
    expect(check.text).toBe(nowhere.text);
    expect(check.body.items).toEqual([]);
    // The supervisors of the file's own township get one task about the file (asked twice: still one).
    await t.request('POST', '/api/children/duplicates', { token: tok.zhuren06, body: { name: '重复甲', dob, idNumber } });
    const tasks = await dbRows('SELECT pool_role, status FROM tasks WHERE child_id = ? AND kind = ?', [first, 'file_confirm']);
    expect(tasks.length).toBe(tasksBefore + 1);
    expect(tasks[tasks.length - 1]).toMatchObject({ pool_role: 'supervisor', status: 'open' });
    // Every check is audited, with counts and no ID number.
    const audits = await dbRows("SELECT detail FROM audit_log WHERE action = 'child.duplicates.check' ORDER BY id DESC LIMIT 3", []);
    expect(audits.length).toBe(3);
    expect(JSON.stringify(audits)).not.toContain(idNumber);
    // Saving answers as for an ID number on file nowhere: the file is kept out of the unique index and
    // the file's supervisors get a task naming the new file.
    const fresh = await t.request('POST', '/api/children', { token: tok.zhuren06, body: childBody({ name: '对照乙', dob, sex: 'male', idNumber: fakeIdNumber(dob, 19, 'male') }) });
    const create = await t.request('POST', '/api/children', { token: tok.zhuren06, body: childBody({ name: '重复丙', dob, sex: 'male', idNumber }) });
    expect(create.status).toBe(fresh.status);
    expect(create.status).toBe(201);
    expect(Object.keys(create.body).sort()).toEqual(Object.keys(fresh.body).sort());
    expect(create.text).not.toMatch(/黄金堡村|重复甲|重\*甲/);
    expect(await dbRows('SELECT id_number_idx FROM children WHERE id = ?', [create.body.id])).toEqual([{ id_number_idx: null }]);
    const referred = await dbRows('SELECT pool_role FROM tasks WHERE child_id = ? AND kind = ? AND open_key LIKE ?', [first, 'file_confirm', `dup:${first}:%:${create.body.id}`]);
    expect(referred).toEqual([{ pool_role: 'supervisor' }]);
    // Later edits of that file save as any other (its ID number stays out of the unique index).
    const edit = await t.request('PATCH', `/api/children/${create.body.id}`, { token: tok.zhuren06, body: { address: '测试地址2组2号' } });
    expect(edit.status).toBe(200);
    // The asking director is told nothing through their own tasks either.
    const mine = await t.request('GET', '/api/tasks/mine', { token: tok.zhuren06 });
    expect(JSON.stringify(mine.body)).not.toMatch(/疑似重复/);
  });

  it('flags the same name and date of birth in the same village, and saves after the person confirms', async () => {
    const check = await t.request('POST', '/api/children/duplicates', { token: tok.zhuren07, body: { name: ' 重复甲 ', dob } });
    expect(check.body.items).toEqual([expect.objectContaining({ reason: 'name_dob_village', childId: first })]);
    const refused = await t.request('POST', '/api/children', { token: tok.zhuren07, body: childBody({ name: '重复甲', dob, sex: 'male' }) });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/同名、同出生日期/);
    const saved = await t.request('POST', '/api/children', { token: tok.zhuren07, body: childBody({ name: '重复甲', dob, sex: 'male', confirmNotDuplicate: true }) });
    expect(saved.status).toBe(201);
  });

  it('does not flag the same name and date of birth in another village, nor a file against itself', async () => {
    const other = await t.request('POST', '/api/children/duplicates', { token: tok.zhuren06, body: { name: '重复甲', dob } });
    expect(other.body.items).toEqual([]);
    const self = await t.request('POST', '/api/children/duplicates', { token: tok.zhuren07, body: { name: '重复甲', dob, idNumber, excludeId: first } });
    expect(self.body.items.every((d: { childId: number }) => d.childId !== first)).toBe(true);
  });

  it('checks an ID number’s check digit and its agreement with the date of birth and sex', async () => {
    const badCheck = await t.request('POST', '/api/children', { token: tok.zhuren07, body: childBody({ idNumber: idNumber.slice(0, 17) + (idNumber[17] === '1' ? '2' : '1') }) });
    expect(badCheck.status).toBe(400);
    expect(badCheck.body.error.details[0]).toMatchObject({ path: 'body.idNumber', message: expect.stringMatching(/身份证号不正确/) });
    const wrongDob = await t.request('POST', '/api/children', { token: tok.zhuren07, body: childBody({ idNumber, dob: '2013-03-04', sex: 'male' }) });
    expect(wrongDob.status).toBe(400);
    expect(wrongDob.body.error.message).toMatch(/出生日期与身份证号不一致/);
    const adult = await t.request('POST', '/api/children', { token: tok.zhuren07, body: childBody({ dob: '2000-01-01' }) });
    expect(adult.status).toBe(400);
    expect(adult.body.error.message).toMatch(/未满18周岁/);
  });
});

describe('scope: a director their village, a supervisor their township; else 404', () => {
  let childId = 0;
  let otherTownshipToken = '';
  beforeAll(async () => {
    const { org, auth } = t.runtime.services;
    const county = (await org.get(orgs.township))!.parentId!;
    const otherTownship = await org.create({ parentId: county, level: 'township', name: '白市驿镇' });
    await auth.createStaff({ username: 'dudao_other', password: DEMO_PASSWORD, name: '外镇督导', role: 'supervisor', orgId: otherTownship.id });
    otherTownshipToken = await t.login('dudao_other');
    const res = await t.request('POST', '/api/children', { token: tok.zhuren06, body: childBody({ name: '范围测试', dob: '2012-12-12' }) });
    childId = res.body.id;
  });

  it('lets the village director and the township’s staff read it, and audits each read', async () => {
    for (const who of ['zhuren06', 'dudao', 'shegong']) {
      const res = await t.request('GET', `/api/children/${childId}`, { token: tok[who] });
      expect(res.status).toBe(200);
      expect(res.body.name).toBe('范围测试');
    }
    const reads = (await t.runtime.services.audit.forTarget('child', childId)).filter((a) => a.action === 'child.read');
    expect(reads).toHaveLength(3);
  });

  it('answers 404 to a sibling village’s director and another township’s supervisor, like a missing file', async () => {
    const missing = await t.request('GET', '/api/children/999999', { token: tok.zhuren07 });
    for (const token of [tok.zhuren07, tok.zhuren01, otherTownshipToken]) {
      for (const [method, path, body] of [
        ['GET', `/api/children/${childId}`, undefined],
        ['PATCH', `/api/children/${childId}`, { address: '偷改' }],
        ['GET', `/api/children/${childId}/history`, undefined],
        ['GET', `/api/children/${childId}/visits`, undefined],
        ['GET', `/api/children/${childId}/tasks`, undefined],
        ['POST', '/api/visits', visitBody(childId, clock.now())],
      ] as const) {
        const res = await t.request(method, path, { token, body });
        expect([method, path, res.status]).toEqual([method, path, 404]);
        expect(res.body.error.message).toBe(missing.body.error.message);
      }
    }
    const denied = (await t.runtime.services.audit.forTarget('child', childId)).filter((a) => a.action === 'scope.denied');
    expect(denied.length).toBeGreaterThanOrEqual(3);
  });

  it('keeps a director from filing a child in another village, and lists only in-scope files', async () => {
    const res = await t.request('POST', '/api/children', { token: tok.zhuren06, body: childBody({ orgId: orgs.villages['双骑龙村'] }) });
    expect(res.status).toBe(404);
    const list = await t.request('GET', '/api/children', { token: tok.zhuren06 });
    expect(new Set(list.body.items.map((c: { orgName: string }) => c.orgName))).toEqual(new Set(['大碑村']));
    const other = await t.request('GET', '/api/children', { token: otherTownshipToken });
    expect(other.body.items).toEqual([]);
    const supervisor = await t.request('GET', `/api/children?orgId=${orgs.villages['双骑龙村']}`, { token: tok.dudao });
    expect(supervisor.body.items.length).toBeGreaterThan(0);
    const foreign = await t.request('GET', `/api/children?orgId=${orgs.villages['双骑龙村']}`, { token: otherTownshipToken });
    expect(foreign.status).toBe(404);
  });

  it('lets only township staff see the township overview', async () => {
    expect((await t.request('GET', '/api/children/overview', { token: tok.zhuren06 })).status).toBe(403);
    const own = await t.request('GET', '/api/children/overview', { token: tok.dudao });
    expect(own.body.villages).toHaveLength(9);
    expect((await t.request('GET', '/api/children/overview', { token: otherTownshipToken })).body.villages).toEqual([]);
  });
});

describe('history and encryption at rest', () => {
  const marker = '标记地址甲乙丙丁';
  const idNumber = fakeIdNumber('2014-08-08', 321);
  let childId = 0;

  it('keeps every change: who, when, old → new', async () => {
    clock.set(cst('2026-12-01T09:00:00'));
    await relogin();
    const created = await t.request('POST', '/api/children', {
      token: tok.zhuren06,
      body: childBody({ name: '历史测试', dob: '2014-08-08', idNumber, address: `${marker}1号`, phone: '13711112222' }),
    });
    expect(created.status).toBe(201);
    childId = created.body.id;
    clock.set(cst('2026-12-02T11:00:00'));
    await relogin();
    const changed = await t.request('PATCH', `/api/children/${childId}`, {
      token: tok.zhuren06,
      body: { address: `${marker}2号`, categories: ['left_behind', 'dropout'], schooling: 'dropout' },
    });
    expect(changed.status).toBe(200);
    const unchanged = await t.request('PATCH', `/api/children/${childId}`, { token: tok.zhuren06, body: { address: `${marker}2号` } });
    expect(unchanged.status).toBe(200);
    await t.request('POST', `/api/children/${childId}/confirm`, { token: tok.dudao, body: { note: '已电话核实' } });

    // A change names only what changed: nothing else moved (no defaults filled in).
    const partial = await t.request('PATCH', `/api/children/${childId}`, { token: tok.zhuren06, body: { grade: '三年级' } });
    expect(partial.body).toMatchObject({ guardians: [expect.objectContaining({ name: '测试监护人' })], entrustmentSigned: true, benefits: [] });
    await t.request('POST', `/api/children/${childId}/confirm`, { token: tok.dudao, body: {} });

    const history = await t.request('GET', `/api/children/${childId}/history`, { token: tok.dudao });
    expect(history.status).toBe(200);
    const [, gradeChange, confirm, update, create] = history.body.items;
    expect(history.body.items).toHaveLength(5); // the no-op change left no entry
    expect(gradeChange.changes).toEqual([{ field: 'grade', label: '年级', old: null, new: '三年级' }]);
    expect(update.changes.map((c: { field: string }) => c.field).sort()).toEqual(['address', 'categories', 'schooling']);
    expect(create).toMatchObject({ action: 'create', actorName: '徐建平', at: cst('2026-12-01T09:00:00').toISOString() });
    expect(update).toMatchObject({ action: 'update', actorName: '徐建平', at: cst('2026-12-02T11:00:00').toISOString() });
    expect(update.changes).toEqual(
      expect.arrayContaining([
        { field: 'address', label: '现住址', old: `${marker}1号`, new: `${marker}2号` },
        { field: 'categories', label: '儿童类别', old: ['left_behind'], new: ['dropout', 'left_behind'] },
        { field: 'schooling', label: '就学情况', old: 'primary', new: 'dropout' },
      ]),
    );
    expect(confirm).toMatchObject({ action: 'confirm', actorName: '陈思远', note: '已电话核实' });
    expect((await t.runtime.services.audit.forTarget('child', childId)).some((a) => a.action === 'child.history.read')).toBe(true);
  });

  it('stores no name, ID number, phone or address in clear — not in the file, its history, the tasks or the audit log', async () => {
    const dump = await dumpTables(t, ['children', 'child_history', 'child_categories', 'tasks', 'audit_log', 'visits']);
    for (const secret of [marker, idNumber, '13711112222', '历史测试', '测试监护人', '13900000000']) expect(dump).not.toContain(secret);
    expect(dump).not.toContain(idNumber.slice(6, 14)); // not even the birth date part
    const logs = t.logs.join('\n');
    for (const secret of [marker, idNumber, '历史测试']) expect(logs).not.toContain(secret);
  });
});

import { and, eq, isNull, ne, or } from 'drizzle-orm';
import { cases, deadlineClocks, tasks, users } from '../../server/src/db/schema';
import type { Actor } from '../../server/src/http/actor';
import { ManualClock } from '../../server/src/lib/clock';
import { cst, demoOrgs } from './childrenFixtures';
import { startTestServer, type TestServer } from './harness';

let t: TestServer;
let clock: ManualClock;
let orgs: Awaited<ReturnType<typeof demoOrgs>>;
const tok: Record<string, string> = {};
const NEW_PW = 'Lantern-river-42';

async function actorOf(username: string): Promise<Actor> {
  const token = tok[username] ?? (tok[username] = await t.login(username));
  const me = (await t.request('GET', '/api/me', { token })).body.user;
  const org = (await t.runtime.services.org.get(me.orgId))!;
  return { userId: me.id, role: me.role, name: me.name, orgId: org.id, orgPath: org.path, orgLevel: org.level, sessionId: 'test' };
}

async function userId(username: string): Promise<number> {
  return (await t.runtime.deps.db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0].id;
}

/** What is still open and pointing at this person: must be nothing after a handover. */
async function openWorkOf(id: number) {
  const db = t.runtime.deps.db;
  return {
    tasks: await db.select({ id: tasks.id }).from(tasks).where(and(eq(tasks.assigneeUserId, id), eq(tasks.status, 'open'))),
    cases: await db.select({ id: cases.id }).from(cases).where(and(or(eq(cases.ownerUserId, id), eq(cases.socialWorkerUserId, id)), ne(cases.status, 'archived'))),
    clocks: await db.select({ id: deadlineClocks.id }).from(deadlineClocks).where(and(eq(deadlineClocks.ownerUserId, id), isNull(deadlineClocks.metAt), isNull(deadlineClocks.cancelledAt))),
  };
}

const createDirector = (username: string, extra: Record<string, unknown> = {}) =>
  t.request('POST', '/api/staff', {
    token: tok.zhanzhang,
    body: { username, name: '测试主任', role: 'director', orgId: orgs.villages['建设村'], password: 'Initial-pass-77', phone: '13812345678', appointedOn: '2026-09-01', ...extra },
  });

beforeAll(async () => {
  clock = new ManualClock(cst('2026-11-10T09:00:00'));
  t = await startTestServer({ clock });
  orgs = await demoOrgs(t);
  for (const u of ['admin', 'zhanzhang', 'dudao', 'zhuren01', 'zhuren02']) tok[u] = await t.login(u);
});
afterAll(() => t.close());

describe('station head creates staff; the new person must choose a password first', () => {
  it('creates a director who signs in, is held at the password screen, and changes it', async () => {
    const res = await createDirector('zhuren_new1');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username: 'zhuren_new1', role: 'director', orgName: '建设村', mustChangePassword: true, phone: '13812345678', active: true });

    const login = await t.request('POST', '/api/auth/login', { body: { username: 'zhuren_new1', password: 'Initial-pass-77' } });
    expect(login.status).toBe(200);
    expect(login.body.user.mustChangePassword).toBe(true);
    const token = login.body.accessToken;
    const held = await t.request('GET', '/api/tasks/mine', { token });
    expect(held.status).toBe(403);
    expect(held.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await t.request('GET', '/api/me', { token })).body.user.mustChangePassword).toBe(true);

    const weak = await t.request('POST', '/api/auth/password', { token, body: { currentPassword: 'Initial-pass-77', newPassword: 'password123' } });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details[0].path).toMatch(/newPassword/);
    const wrong = await t.request('POST', '/api/auth/password', { token, body: { currentPassword: 'nope-nope-nope', newPassword: NEW_PW } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toContain('当前密码不正确');
    const same = await t.request('POST', '/api/auth/password', { token, body: { currentPassword: 'Initial-pass-77', newPassword: 'Initial-pass-77' } });
    expect(same.status).toBe(400);

    expect((await t.request('POST', '/api/auth/password', { token, body: { currentPassword: 'Initial-pass-77', newPassword: NEW_PW } })).status).toBe(204);
    expect((await t.request('GET', '/api/tasks/mine', { token })).status).toBe(200);
    expect((await t.request('POST', '/api/auth/login', { body: { username: 'zhuren_new1', password: NEW_PW } })).body.user.mustChangePassword).toBe(false);
  });

  it('stores the phone number encrypted', async () => {
    const [row] = await t.runtime.deps.db.select({ phoneEnc: users.phoneEnc }).from(users).where(eq(users.username, 'zhuren_new1'));
    expect(row.phoneEnc).toBeTruthy();
    expect(row.phoneEnc).not.toContain('13812345678');
  });

  it('refuses weak passwords, wrong levels, duplicate usernames and roles above the station head', async () => {
    const weak = await createDirector('zhuren_weak', { password: 'short1' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toContain('password');
    const common = await createDirector('zhuren_weak', { password: 'qwertyuiop123' });
    expect(common.status).toBe(400);
    const level = await createDirector('zhuren_lvl', { orgId: orgs.township });
    expect(level.status).toBe(400);
    expect(level.body.error.message).toContain('儿童主任只能属于村（社区）');
    expect((await createDirector('zhuren_new1')).status).toBe(409);
    const head = await createDirector('head2', { role: 'county_admin', orgId: orgs.township });
    expect(head.status).toBe(403);
    expect((await t.request('POST', '/api/staff', { token: tok.dudao, body: {} })).status).toBe(403);
  });
});

describe('disable: every session ends at once', () => {
  it('kills the access and refresh tokens of a disabled account on the very next request', async () => {
    expect((await createDirector('zhuren_gone')).status).toBe(201);
    const id = (await t.request('GET', '/api/staff?role=director&limit=100', { token: tok.zhanzhang })).body.items.find((s: { username: string }) => s.username === 'zhuren_gone').id;
    const login = await t.request('POST', '/api/auth/login', { body: { username: 'zhuren_gone', password: 'Initial-pass-77' } });
    const token = login.body.accessToken;
    expect((await t.request('GET', '/api/me', { token })).status).toBe(200);

    const res = await t.request('POST', `/api/staff/${id}/disable`, { token: tok.zhanzhang, body: {} });
    expect(res.status).toBe(200);
    expect(res.body.moved).toEqual({ tasks: 0, cases: 0, clocks: 0 });
    expect((await t.request('GET', '/api/me', { token })).status).toBe(401);
    expect((await t.request('POST', '/api/auth/refresh', { body: { refreshToken: login.body.refreshToken } })).status).toBe(401);
    expect((await t.request('POST', '/api/auth/login', { body: { username: 'zhuren_gone', password: 'Initial-pass-77' } })).status).toBe(401);
  });
});

describe('password reset', () => {
  it('ends the sessions and forces a new password at next sign-in', async () => {
    const id = await userId('zhuren02');
    const res = await t.request('POST', `/api/staff/${id}/password-reset`, { token: tok.zhanzhang, body: { password: 'Temporary-pass-5' } });
    expect(res.status).toBe(204);
    expect((await t.request('GET', '/api/me', { token: tok.zhuren02 })).status).toBe(401);
    const login = await t.request('POST', '/api/auth/login', { body: { username: 'zhuren02', password: 'Temporary-pass-5' } });
    expect(login.body.user.mustChangePassword).toBe(true);
    expect((await t.request('GET', '/api/children', { token: login.body.accessToken })).status).toBe(403);
  });

  it('answers 404 for a person outside the head’s reach, and refuses resetting a station head', async () => {
    const admin = await userId('admin');
    expect((await t.request('POST', `/api/staff/${admin}/password-reset`, { token: tok.zhanzhang, body: { password: 'Temporary-pass-5' } })).status).toBe(404);
    expect((await t.request('POST', '/api/staff/999999/password-reset', { token: tok.zhanzhang, body: { password: 'Temporary-pass-5' } })).status).toBe(404);
  });
});

describe('handover: nothing is left orphaned', () => {
  it('shows a director’s open tasks, refuses to disable without a successor, then moves everything in one step', async () => {
    const id = await userId('zhuren01');
    const before = await openWorkOf(id);
    expect(before.tasks.length).toBeGreaterThan(0);

    const preview = await t.request('GET', `/api/staff/${id}/handover`, { token: tok.zhanzhang });
    expect(preview.status).toBe(200);
    expect(preview.body.tasks.map((x: { id: number }) => x.id).sort()).toEqual(before.tasks.map((x) => x.id).sort());
    const names = preview.body.successors.map((s: { name: string; roleLabel: string }) => s.roleLabel);
    expect(names).toContain('儿童督导员');
    // A director of another village cannot see 双骑龙村's children: not offered, and refused.
    const other = await userId('zhuren02');
    expect(preview.body.successors.map((s: { id: number }) => s.id)).not.toContain(other);
    const bad = await t.request('POST', `/api/staff/${id}/disable`, { token: tok.zhanzhang, body: { successorUserId: other } });
    expect(bad.status).toBe(400);

    const refused = await t.request('POST', `/api/staff/${id}/disable`, { token: tok.zhanzhang, body: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('请先指定接替人');
    expect((await openWorkOf(id)).tasks.length).toBe(before.tasks.length);
    expect((await t.request('GET', '/api/me', { token: tok.zhuren01 })).status).toBe(200);

    const successor = await userId('dudao');
    const res = await t.request('POST', `/api/staff/${id}/disable`, { token: tok.zhanzhang, body: { successorUserId: successor } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ moved: { tasks: before.tasks.length }, successorUserId: successor });
    expect(await openWorkOf(id)).toEqual({ tasks: [], cases: [], clocks: [] });
    expect((await t.request('GET', '/api/me', { token: tok.zhuren01 })).status).toBe(401);
    const audit = await t.runtime.services.audit.forTarget('user', id);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['staff.handover', 'staff.disable']));
  });

  it('moves a supervisor’s cases, clocks and tasks to the successor', async () => {
    const created = await t.request('POST', '/api/staff', {
      token: tok.zhanzhang,
      body: { username: 'dudao_two', name: '第二督导', role: 'supervisor', orgId: orgs.township, password: 'Initial-pass-77' },
    });
    expect(created.status).toBe(201);
    const supId = created.body.id;
    const township = (await t.runtime.services.org.get(orgs.township))!;
    const actor: Actor = { userId: supId, role: 'supervisor', name: '第二督导', orgId: township.id, orgPath: township.path, orgLevel: 'township', sessionId: 'fixture' };
    await t.runtime.services.cases.openFromConsultation(actor, { consultationId: 900_001, orgId: orgs.villages['建设村'], askedAt: clock.now(), kind: 'help' });
    const harmCase = await t.runtime.services.cases.openFromConsultation(actor, { consultationId: 900_002, orgId: orgs.villages['新合村'], askedAt: clock.now(), kind: 'harm' });
    // A running clock this supervisor must act on (the reporter's first answer), as the case flow starts it.
    await t.runtime.deps.db.transaction((tx) =>
      t.runtime.services.deadlines.start(tx, { kind: 'first_answer', subjectType: 'case', subjectId: harmCase.caseId, caseId: harmCase.caseId, townshipId: township.id, ownerUserId: supId, startedAt: clock.now(), dueAt: new Date(clock.now().getTime() + 3 * 86_400_000) }),
    );
    const before = await openWorkOf(supId);
    expect(before.cases.length).toBe(2);
    expect(before.clocks.length).toBeGreaterThan(0);

    const successor = await userId('dudao');
    const res = await t.request('POST', `/api/staff/${supId}/disable`, { token: tok.zhanzhang, body: { successorUserId: successor } });
    expect(res.status).toBe(200);
    expect(res.body.moved).toEqual({ tasks: before.tasks.length, cases: 2, clocks: before.clocks.length });
    expect(await openWorkOf(supId)).toEqual({ tasks: [], cases: [], clocks: [] });
    const after = await openWorkOf(successor);
    for (const c of before.cases) expect(after.cases.map((x) => x.id)).toContain(c.id);
    for (const c of before.clocks) expect(after.clocks.map((x) => x.id)).toContain(c.id);
    const caseAudit = await t.runtime.services.audit.forTarget('case', before.cases[0].id);
    expect(caseAudit.map((a) => a.action)).toContain('case.handover');
  });

  it('moves a director to another village: the old village’s tasks stay there with the successor', async () => {
    expect((await createDirector('zhuren_mv')).status).toBe(201);
    const id = (await t.request('GET', '/api/staff?role=director&limit=100', { token: tok.zhanzhang })).body.items.find((s: { username: string }) => s.username === 'zhuren_mv').id;
    const res = await t.request('POST', `/api/staff/${id}/move`, { token: tok.zhanzhang, body: { orgId: orgs.villages['大碑村'] } });
    expect(res.status).toBe(200);
    const list = await t.request('GET', '/api/staff?role=director&limit=100', { token: tok.zhanzhang });
    expect(list.body.items.find((s: { id: number }) => s.id === id).orgName).toBe('大碑村');
    expect((await t.request('POST', `/api/staff/${id}/move`, { token: tok.zhanzhang, body: { orgId: orgs.township } })).status).toBe(400);
  });
});

describe('director roster and training clocks', () => {
  it('shows the clock for each director: 3 months after appointment, then a year after the latest training', async () => {
    // Appointed 2026-09-01 → first training due 2026-12-01; today is 2026-11-10 → due soon.
    let roster = await t.request('GET', '/api/staff/directors?limit=100', { token: tok.zhanzhang });
    expect(roster.status).toBe(200);
    let row = roster.body.items.find((d: { username: string }) => d.username === 'zhuren_new1');
    expect(row).toMatchObject({ orgName: '建设村', phone: '13812345678', appointedOn: '2026-09-01', trainings: 0, trainingDueOn: '2026-12-01', trainingState: 'due_soon', trainingDaysLeft: 21 });

    const add = await t.request('POST', `/api/staff/${row.id}/trainings`, { token: tok.zhanzhang, body: { trainedOn: '2026-10-15', title: '儿童主任岗前培训', hours: 8 } });
    expect(add.status).toBe(201);
    roster = await t.request('GET', '/api/staff/directors?limit=100', { token: tok.zhanzhang });
    row = roster.body.items.find((d: { username: string }) => d.username === 'zhuren_new1');
    expect(row).toMatchObject({ trainings: 1, lastTrainedOn: '2026-10-15', trainingDueOn: '2027-10-15', trainingState: 'ok' });

    const future = await t.request('POST', `/api/staff/${row.id}/trainings`, { token: tok.zhanzhang, body: { trainedOn: '2027-01-01', title: '未来培训' } });
    expect(future.status).toBe(400);

    const old = await t.request('PATCH', `/api/staff/${await userId('zhuren03')}`, { token: tok.zhanzhang, body: { appointedOn: '2026-01-05' } });
    expect(old.status).toBe(200);
    roster = await t.request('GET', '/api/staff/directors?limit=100', { token: tok.zhanzhang });
    expect(roster.body.items.find((d: { username: string }) => d.username === 'zhuren03')).toMatchObject({ trainingDueOn: '2026-04-05', trainingState: 'overdue' });
    expect(roster.body.items.find((d: { username: string }) => d.username === 'zhuren04')).toMatchObject({ trainingState: 'unknown' });
  });

  it('pages the roster by keyset', async () => {
    const first = await t.request('GET', '/api/staff/directors?limit=3', { token: tok.zhanzhang });
    expect(first.body.items).toHaveLength(3);
    const next = await t.request('GET', `/api/staff/directors?limit=3&after=${first.body.nextAfter}`, { token: tok.zhanzhang });
    expect(next.body.items[0].id).toBeGreaterThan(first.body.items[2].id);
  });
});

describe('county admin: organisation tree and every staff account of the county', () => {
  let newTown: number;
  it('adds a township and a village, renames it, sets the station phone', async () => {
    const county = (await actorOf('admin')).orgId!;
    const town = await t.request('POST', '/api/admin/orgs', { token: tok.admin, body: { parentId: county, name: '西彭镇', phone: '023-65000001' } });
    expect(town.status).toBe(201);
    expect(town.body).toMatchObject({ level: 'township', name: '西彭镇', retired: false });
    newTown = town.body.id;
    const village = await t.request('POST', '/api/admin/orgs', { token: tok.admin, body: { parentId: newTown, name: '元明村' } });
    expect(village.body.level).toBe('village');
    expect((await t.request('POST', '/api/admin/orgs', { token: tok.admin, body: { parentId: newTown, name: '元明村' } })).status).toBe(409);
    expect((await t.request('POST', '/api/admin/orgs', { token: tok.admin, body: { parentId: village.body.id, name: '一组' } })).status).toBe(400);
    const renamed = await t.request('PATCH', `/api/admin/orgs/${village.body.id}`, { token: tok.admin, body: { name: '元明社区', phone: '023-65000002' } });
    expect(renamed.body).toMatchObject({ name: '元明社区', phone: '023-65000002' });
    expect((await t.request('POST', '/api/admin/orgs', { token: tok.zhanzhang, body: { parentId: orgs.township, name: '新村' } })).status).toBe(403);
  });

  it('retires a node only once nobody works there', async () => {
    const head = await t.request('POST', '/api/staff', { token: tok.admin, body: { username: 'xipeng_head', name: '西彭站长', role: 'station_head', orgId: newTown, password: 'Initial-pass-77' } });
    expect(head.status).toBe(201);
    const refused = await t.request('POST', `/api/admin/orgs/${newTown}/retire`, { token: tok.admin });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('1 个在用的工作人员账号');

    const village = (await t.request('GET', '/api/admin/orgs', { token: tok.admin })).body.items.find((o: { name: string }) => o.name === '元明社区');
    const retired = await t.request('POST', `/api/admin/orgs/${village.id}/retire`, { token: tok.admin });
    expect(retired.status).toBe(200);
    expect(retired.body.retired).toBe(true);
    expect((await t.request('GET', '/api/orgs', { token: tok.admin })).body.items.map((o: { id: number }) => o.id)).not.toContain(village.id);
    const placed = await t.request('POST', '/api/staff', { token: tok.admin, body: { username: 'yuanming_dir', name: '元明主任', role: 'director', orgId: village.id, password: 'Initial-pass-77' } });
    expect(placed.status).toBe(400);
    expect(placed.body.error.message).toContain('已撤销');
  });

  it('lists the staff of the whole county, and the station head only their township', async () => {
    const all = await t.request('GET', '/api/staff?limit=100', { token: tok.admin });
    const usernames = all.body.items.map((s: { username: string }) => s.username);
    expect(usernames).toEqual(expect.arrayContaining(['admin', 'zhanzhang', 'xipeng_head', 'zhuren09']));
    const mine = await t.request('GET', '/api/staff?limit=100', { token: tok.zhanzhang });
    expect(mine.body.items.map((s: { username: string }) => s.username)).not.toContain('xipeng_head');
    expect((await t.request('GET', `/api/staff?orgId=${newTown}`, { token: tok.zhanzhang })).status).toBe(404);
    expect((await t.request('GET', '/api/staff', { token: tok.dudao })).status).toBe(403);
  });

  it('edits the county settings (clock lengths and visit frequencies)', async () => {
    const res = await t.request('PUT', '/api/settings/sla', { token: tok.admin, body: { ackHours: 12, visitIntervalDays: { high: 5 } } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ackHours: 12, visitIntervalDays: { high: 5, medium: 14, low: 30 } });
  });
});

describe('audit viewer', () => {
  it('shows the station head their township’s rows, filtered and keyset-paginated, and audits the viewing', async () => {
    const res = await t.request('GET', '/api/audit?action=staff.create&limit=2', { token: tok.zhanzhang });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
    expect(res.body.items.every((r: { action: string }) => r.action === 'staff.create')).toBe(true);
    expect(res.body.items[0].actorName).toEqual(expect.any(String));
    const next = await t.request('GET', `/api/audit?action=staff.create&limit=2&before=${res.body.nextBefore}`, { token: tok.zhanzhang });
    expect(next.body.items[0].id).toBeLessThan(res.body.items[1].id);
    // The other township's station head account was created in 西彭镇: not visible to 铜罐驿镇.
    const all = await t.request('GET', '/api/audit?action=staff.create&limit=100', { token: tok.zhanzhang });
    const headId = (await t.request('GET', '/api/staff?role=station_head&limit=100', { token: tok.admin })).body.items.find((s: { username: string }) => s.username === 'xipeng_head').id;
    expect(all.body.items.map((r: { targetId: string }) => r.targetId)).not.toContain(String(headId));
    const county = await t.request('GET', '/api/audit?action=staff.create&limit=100', { token: tok.admin });
    expect(county.body.items.map((r: { targetId: string }) => r.targetId)).toContain(String(headId));

    const byPerson = await t.request('GET', `/api/audit?actorUserId=${await userId('zhanzhang')}&targetType=user&targetId=${headId}`, { token: tok.admin });
    expect(byPerson.body.items).toEqual([]);
    const views = await t.request('GET', `/api/audit?action=audit.view&actorUserId=${await userId('zhanzhang')}`, { token: tok.zhanzhang });
    expect(views.body.items.length).toBeGreaterThanOrEqual(3);
  });

  it('includes the actions of the township’s people even when the row names no node (a sign-out), never another township’s', async () => {
    const z3 = await t.login('zhuren03');
    expect((await t.request('POST', '/api/auth/logout', { token: z3 })).status).toBe(204);
    const xipeng = await t.login('xipeng_head', 'Initial-pass-77');
    await t.request('POST', '/api/auth/password', { token: xipeng, body: { currentPassword: 'Initial-pass-77', newPassword: NEW_PW } });
    expect((await t.request('POST', '/api/auth/logout', { token: await t.login('xipeng_head', NEW_PW) })).status).toBe(204);
    const rows = (await t.request('GET', '/api/audit?action=auth.logout&limit=100', { token: tok.zhanzhang })).body.items;
    const actors = rows.map((r: { actorUserId: number }) => r.actorUserId);
    expect(actors).toContain(await userId('zhuren03'));
    expect(actors).not.toContain(await userId('xipeng_head'));
    const county = (await t.request('GET', '/api/audit?action=auth.logout&limit=100', { token: tok.admin })).body.items.map((r: { actorUserId: number }) => r.actorUserId);
    expect(county).toContain(await userId('xipeng_head'));
  });

  it('is closed to other roles and checks its filters', async () => {
    expect((await t.request('GET', '/api/audit', { token: tok.dudao })).status).toBe(403);
    const bad = await t.request('GET', '/api/audit?from=yesterday', { token: tok.zhanzhang });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('开始时间');
    const reversed = await t.request('GET', '/api/audit?from=2026-11-10T00:00:00Z&to=2026-11-01T00:00:00Z', { token: tok.zhanzhang });
    expect(reversed.status).toBe(400);
  });
});

describe('the county admin’s workbench tools', () => {
  it('gives the county admin the child-file overview of the county (counts only), not “没有权限”', async () => {
    const res = await t.request('GET', '/api/children/overview', { token: tok.admin });
    expect(res.status).toBe(200);
    expect(res.body.villages.map((v: { orgName: string }) => v.orgName)).toContain('双骑龙村');
    expect(res.body.villages.reduce((n: number, v: { files: number }) => n + v.files, 0)).toBeGreaterThan(0);
  });
});

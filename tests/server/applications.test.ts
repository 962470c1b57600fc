import exifr from 'exifr';
import { startTestServer, type TestServer } from './harness';
import { jpegWithGps, upload } from './reportsFixtures';

let t: TestServer;
let villageId: number;
let policyBySlug: Map<string, number>;
let otherTownshipStaff: string;

const guardian = async (code: string) => (await t.request('POST', '/api/auth/wechat', { body: { code } })).body.accessToken as string;

async function photo() {
  const up = await upload(t, await jpegWithGps());
  expect(up.status).toBe(201);
  return { fileId: up.body.fileId as string, ticket: up.body.ticket as string };
}

function application(over: Record<string, unknown> = {}) {
  return {
    policyId: policyBySlug.get('factual-unsupported-children'),
    orgId: villageId,
    child: { name: '王小雨', sex: 'female', age: 8 },
    applicant: { name: '王桂兰', phone: '13600002222', relation: 'grandparent' },
    note: '孩子父亲在外地，母亲多年联系不上（备注甲乙）。',
    ...over,
  };
}

async function notificationsOf(token: string) {
  return (await t.request('GET', '/api/notifications', { token })).body.items as { kind: string; title: string; body: string; link: string }[];
}

beforeAll(async () => {
  t = await startTestServer();
  const orgs = await t.request('GET', '/api/public/orgs');
  villageId = orgs.body.townships[0].villages[2].id;
  const list = await t.request('GET', '/api/policies?limit=100');
  policyBySlug = new Map(list.body.items.map((i: { id: number; slug: string }) => [i.slug, i.id]));
  const s = t.runtime.services;
  const county = (await s.org.get(orgs.body.townships[0].id))!.parentId!;
  const other = await s.org.create({ parentId: county, level: 'township', name: '测试镇二' });
  await s.auth.createStaff({ username: 'app_other', password: 'Demo@2026', name: '外镇督导', role: 'supervisor', orgId: other.id });
  otherTownshipStaff = await t.login('app_other');
});
afterAll(() => t.close());

describe('applying', () => {
  it('takes the policy checklist, photos per item (metadata stripped) and the child, stored encrypted', async () => {
    const token = await guardian('apply-1');
    const [p0, p1] = [await photo(), await photo()];
    const res = await t.request('POST', '/api/applications', {
      token,
      body: application({ photos: [{ ...p0, itemIndex: 1 }, { ...p1, itemIndex: 2 }] }),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'submitted', policyTitle: '事实无人抚养儿童保障', childName: '王小雨' });
    expect(res.body.materials.length).toBeGreaterThanOrEqual(4);
    expect(res.body.materials[0].item).toMatch(/申请书/);
    expect(res.body.materials[1].photos.map((p: { fileId: string }) => p.fileId)).toEqual([p0.fileId]);
    expect(res.body.materials[2].photos.map((p: { fileId: string }) => p.fileId)).toEqual([p1.fileId]);
    expect(res.body.events).toEqual([expect.objectContaining({ status: 'submitted', by: 'guardian' })]);

    const served = await fetch(`${t.baseUrl}/api/my/applications/${res.body.id}/photos/${p0.fileId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(served.status).toBe(200);
    expect(await exifr.gps(Buffer.from(await served.arrayBuffer()))).toBeUndefined();

    const [rows] = await t.runtime.database.pool.query('SELECT * FROM applications WHERE id = ?', [res.body.id]);
    expect(JSON.stringify(rows)).not.toMatch(/王小雨|王桂兰|13600002222|备注甲乙/);
  });

  it('refuses policies without 协助申办, unknown ones, bad items and a ticket that is not yours', async () => {
    const token = await guardian('apply-2');
    const noApply = await t.request('POST', '/api/applications', { token, body: application({ policyId: policyBySlug.get('compulsory-education-two-free-one-subsidy') }) });
    expect(noApply.status).toBe(400);
    expect(noApply.body.error.message).toMatch(/暂不支持在线协助申办/);
    expect((await t.request('POST', '/api/applications', { token, body: application({ policyId: 999999 }) })).status).toBe(400);
    const p = await photo();
    const badItem = await t.request('POST', '/api/applications', { token, body: application({ photos: [{ ...p, itemIndex: 99 }] }) });
    expect(badItem.status).toBe(400);
    expect(badItem.body.error.message).toMatch(/不在清单中/);
    const stolen = await t.request('POST', '/api/applications', { token, body: application({ photos: [{ fileId: p.fileId, ticket: 'x'.repeat(32), itemIndex: 0 }] }) });
    expect(stolen.status).toBe(400);
    const missing = await t.request('POST', '/api/applications', { token, body: application({ applicant: { name: '王桂兰', relation: 'grandparent' } }) });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].path).toBe('body.applicant.phone');
    expect((await t.request('POST', '/api/applications', { token: await t.login('shegong'), body: application() })).status).toBe(403);
  });
});

describe('status the guardian can follow', () => {
  let id: number;
  let token: string;

  beforeAll(async () => {
    token = await guardian('apply-flow');
    id = (await t.request('POST', '/api/applications', { token, body: application() })).body.id;
  });

  it('is visible to the township staff only', async () => {
    const staff = await t.login('shegong');
    const queue = await t.request('GET', '/api/applications?status=submitted', { token: staff });
    expect(queue.body.items.map((i: { id: number }) => i.id)).toContain(id);
    expect((await t.request('GET', `/api/applications/${id}`, { token: otherTownshipStaff })).status).toBe(404);
    expect((await t.request('GET', '/api/applications', { token: otherTownshipStaff })).body.items.map((i: { id: number }) => i.id)).not.toContain(id);
    expect((await t.request('GET', '/api/applications', { token: await t.login('zhuren03') })).status).toBe(403);
    expect((await t.request('GET', `/api/my/applications/${id}`, { token: await guardian('apply-stranger') })).status).toBe(404);
  });

  it('goes 已提交 → 需补充材料 (with what) → 已提交 → 已转办 (to which department) → 已办结 (result), notifying each change', async () => {
    const staff = await t.login('dudao');
    const needMore = await t.request('POST', `/api/applications/${id}/status`, { token: staff, body: { status: 'need_more', missing: '请补充孩子母亲失联的派出所证明' } });
    expect(needMore.status).toBe(200);
    expect(needMore.body).toMatchObject({ status: 'need_more', latestNote: '请补充孩子母亲失联的派出所证明' });
    let notes = await notificationsOf(token);
    expect(notes[0]).toMatchObject({ kind: 'application.status', title: '您的申办事项需要补充材料', link: `/pages/apply/detail?id=${id}` });
    expect(JSON.stringify(notes)).not.toMatch(/派出所|王小雨/);

    // The guardian adds the photo and sends it back.
    const added = await t.request('POST', `/api/my/applications/${id}/photos`, { token, body: { photos: [{ ...(await photo()), itemIndex: 2 }] } });
    expect(added.status).toBe(201);
    const back = await t.request('POST', `/api/my/applications/${id}/resubmit`, { token, body: { note: '证明已拍照上传' } });
    expect(back.body.status).toBe('submitted');
    expect((await t.request('POST', `/api/my/applications/${id}/resubmit`, { token, body: {} })).status).toBe(409);

    const referred = await t.request('POST', `/api/applications/${id}/status`, { token: staff, body: { status: 'referred', department: '九龙坡区民政局', note: '已报送审核' } });
    expect(referred.body).toMatchObject({ status: 'referred', department: '九龙坡区民政局' });
    notes = await notificationsOf(token);
    expect(notes[0].title).toBe('您的申办事项已转交相关部门办理');

    const done = await t.request('POST', `/api/applications/${id}/status`, { token: staff, body: { status: 'done', result: '已认定为事实无人抚养儿童，按月发放基本生活补贴' } });
    expect(done.body.status).toBe('done');
    notes = await notificationsOf(token);
    expect(notes[0].title).toBe('您的申办事项已办结');
    expect(notes.filter((n) => n.kind === 'application.status')).toHaveLength(3);

    const mine = await t.request('GET', `/api/my/applications/${id}`, { token });
    expect(mine.body.events.map((e: { status: string; note: string | null; department: string | null; by: string }) => [e.status, e.by, e.note, e.department])).toEqual([
      ['submitted', 'guardian', null, null],
      ['need_more', 'staff', '请补充孩子母亲失联的派出所证明', null],
      ['submitted', 'guardian', '证明已拍照上传', null],
      ['referred', 'staff', '已报送审核', '九龙坡区民政局'],
      ['done', 'staff', '已认定为事实无人抚养儿童，按月发放基本生活补贴', null],
    ]);

    const audit = (await t.runtime.services.audit.forTarget('application', id)).filter((a) => a.action === 'application.status').sort((a, b) => a.id - b.id);
    expect(audit.map((a) => (a.detail as { to: string }).to)).toEqual(['need_more', 'referred', 'done']);

    // 已办结 is final.
    const after = await t.request('POST', `/api/applications/${id}/status`, { token: staff, body: { status: 'need_more', missing: '再补一份' } });
    expect(after.status).toBe(409);
    expect(after.body.error.message).toMatch(/已办结/);
    expect((await t.request('POST', `/api/my/applications/${id}/photos`, { token, body: { photos: [{ ...(await photo()), itemIndex: 0 }] } })).status).toBe(409);
  });

  it('requires what each status needs, in Chinese', async () => {
    const staff = await t.login('dudao');
    const other = (await t.request('POST', '/api/applications', { token, body: application() })).body.id;
    const noWhat = await t.request('POST', `/api/applications/${other}/status`, { token: staff, body: { status: 'need_more' } });
    expect(noWhat.status).toBe(400);
    expect(noWhat.body.error.message).toMatch(/需要补充的材料/);
    const noDept = await t.request('POST', `/api/applications/${other}/status`, { token: staff, body: { status: 'referred' } });
    expect(noDept.body.error.message).toMatch(/转办部门/);
    const bad = await t.request('POST', `/api/applications/${other}/status`, { token: staff, body: { status: 'submitted' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/请选择新的办理状态/);
  });

  it('changes nothing when any part of the change fails (one transaction)', async () => {
    const staff = await t.login('dudao');
    const other = (await t.request('POST', '/api/applications', { token, body: application() })).body.id;
    const notifications = t.runtime.services.notifications;
    const original = notifications.enqueue.bind(notifications);
    notifications.enqueue = async () => {
      throw new Error('simulated failure');
    };
    try {
      expect((await t.request('POST', `/api/applications/${other}/status`, { token: staff, body: { status: 'referred', department: '区医保局' } })).status).toBe(500);
    } finally {
      notifications.enqueue = original;
    }
    const detail = await t.request('GET', `/api/my/applications/${other}`, { token });
    expect(detail.body.status).toBe('submitted');
    expect(detail.body.events).toHaveLength(1);
    const audit = (await t.runtime.services.audit.forTarget('application', other)).filter((a) => a.action === 'application.status');
    expect(audit).toHaveLength(0);
  });
});

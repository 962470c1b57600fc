import { addWorkingDays } from '../../shared/src/calendar';
import type { ManualClock } from '../../server/src/lib/clock';
import { startTestServer, type TestServer } from './harness';

let t: TestServer;
let clock: ManualClock;
let village: { id: number; name: string };
let township: { id: number; name: string };
let otherTownshipStaff: string;

const guardian = async (code: string) => (await t.request('POST', '/api/auth/wechat', { body: { code } })).body.accessToken as string;

async function ask(token: string, over: Record<string, unknown> = {}) {
  const res = await t.request('POST', '/api/consultations', {
    token,
    body: { orgId: village.id, topic: 'education', question: '孙子在读初中，住校，家里困难，有什么补助？', ...over },
  });
  expect(res.status).toBe(201);
  return res.body;
}

beforeAll(async () => {
  t = await startTestServer();
  clock = t.clock as ManualClock;
  const orgs = await t.request('GET', '/api/public/orgs');
  township = orgs.body.townships[0];
  village = orgs.body.townships[0].villages[0];
  // A second township of the same county, with its own supervisor.
  const s = t.runtime.services;
  const county = (await s.org.get(township.id))!.parentId!;
  const other = await s.org.create({ parentId: county, level: 'township', name: '测试镇' });
  await s.auth.createStaff({ username: 'other_dudao', password: 'Demo@2026', name: '测试督导', role: 'supervisor', orgId: other.id });
  otherTownshipStaff = await t.login('other_dudao');
});
afterAll(() => t.close());

describe('asking', () => {
  it('lets a guardian signed in with WeChat ask the station of the township they picked', async () => {
    clock.set(new Date('2025-09-30T02:00:00Z')); // Tuesday 10:00 in China, before the National Day holiday
    const token = await guardian('ask-1');
    const c = await ask(token, { child: { age: 13, sex: 'male', situation: '父母在外打工' }, contactPhone: '13800138000' });
    expect(c.status).toBe('waiting');
    expect(c.orgName).toBe(township.name);
    expect(c.villageName).toBe(village.name);
    expect(c.messages).toEqual([expect.objectContaining({ author: 'guardian', authorLabel: '我', body: expect.stringContaining('住校') })]);
    // 3 working days: 10/1–10/8 are holidays, Saturday 10/11 is a make-up working day; the limit ends at its 24:00.
    expect(c.dueAt).toBe('2025-10-11T16:00:00.000Z');
    expect(c.dueAt).toBe(addWorkingDays(new Date('2025-09-30T02:00:00Z'), 3).toISOString());
    expect(c.child).toEqual({ age: 13, sex: 'male', situation: '父母在外打工' });
  });

  it('names the failing field in Chinese and refuses places that are not a township or village', async () => {
    const token = await guardian('ask-2');
    const res = await t.request('POST', '/api/consultations', { token, body: { orgId: village.id, topic: 'education', question: '' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toEqual({ path: 'body.question', message: '您的问题至少2个字' });
    const county = (await t.runtime.services.org.get(township.id))!.parentId!;
    const bad = await t.request('POST', '/api/consultations', { token, body: { orgId: county, topic: 'education', question: '请问怎么申请' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/请选择所在乡镇或村/);
    const child = await t.request('POST', '/api/consultations', { token, body: { orgId: village.id, topic: 'other', question: '请问怎么申请', child: { age: 19 } } });
    expect(child.status).toBe(400);
    expect(child.body.error.message).toMatch(/未满18周岁/);
  });

  it('keeps staff out of the guardian side and the signed-out out altogether', async () => {
    const staff = await t.login('dudao');
    expect((await t.request('POST', '/api/consultations', { token: staff, body: { orgId: village.id, topic: 'other', question: '测试问题' } })).status).toBe(403);
    expect((await t.request('POST', '/api/consultations', { body: { orgId: village.id, topic: 'other', question: '测试问题' } })).status).toBe(401);
  });

  it('stores the question and the child encrypted', async () => {
    const token = await guardian('ask-secret');
    const c = await ask(token, { question: '独一无二的问题文本甲乙丙', child: { name: '张小明' }, contactPhone: '13912345678' });
    const [msgs] = await t.runtime.database.pool.query('SELECT body_enc FROM consultation_messages WHERE consultation_id = ?', [c.id]);
    const [rows] = await t.runtime.database.pool.query('SELECT child_enc, contact_phone_enc FROM consultations WHERE id = ?', [c.id]);
    const dump = JSON.stringify([msgs, rows]);
    expect(dump).not.toMatch(/独一无二|张小明|13912345678/);
  });
});

describe('thread, scope and notification', () => {
  let id: number;
  let guardianToken: string;

  beforeAll(async () => {
    clock.set(new Date('2026-03-02T01:00:00Z'));
    guardianToken = await guardian('thread-owner');
    id = (await ask(guardianToken, { question: '事实无人抚养儿童怎么认定？' })).id;
  });

  it('shows the question in the township queue, not to another township or to directors', async () => {
    const staff = await t.login('zhanzhang');
    const q = await t.request('GET', '/api/consultations?status=waiting&limit=100', { token: staff });
    expect(q.status).toBe(200);
    const item = q.body.items.find((i: { id: number }) => i.id === id);
    expect(item).toMatchObject({ status: 'waiting', overdue: false, preview: '事实无人抚养儿童怎么认定？' });
    expect(q.body.counts.waiting).toBeGreaterThanOrEqual(1);

    const other = await t.request('GET', '/api/consultations?limit=100', { token: otherTownshipStaff });
    expect(other.body.items.map((i: { id: number }) => i.id)).not.toContain(id);
    expect((await t.request('GET', `/api/consultations/${id}`, { token: otherTownshipStaff })).status).toBe(404);
    expect((await t.request('POST', `/api/consultations/${id}/messages`, { token: otherTownshipStaff, body: { body: '越权答复' } })).status).toBe(404);

    const director = await t.login('zhuren01');
    expect((await t.request('GET', '/api/consultations', { token: director })).status).toBe(403);
  });

  it('keeps one guardian out of another guardian thread', async () => {
    const stranger = await guardian('thread-stranger');
    expect((await t.request('GET', `/api/my/consultations/${id}`, { token: stranger })).status).toBe(404);
    expect((await t.request('POST', `/api/my/consultations/${id}/messages`, { token: stranger, body: { body: '插话' } })).status).toBe(404);
    const mine = await t.request('GET', '/api/my/consultations', { token: stranger });
    expect(mine.body.items.map((i: { id: number }) => i.id)).not.toContain(id);
  });

  it('answers on the thread, notifies the guardian with generic text, and the guardian reads it in 我的咨询', async () => {
    clock.advance(3600_000);
    const staff = await t.login('shegong');
    const detail = await t.request('GET', `/api/consultations/${id}`, { token: staff });
    expect(detail.status).toBe(200);
    const reply = await t.request('POST', `/api/consultations/${id}/messages`, { token: staff, body: { body: '父母双方重残、重病、服刑或失联的，可以申请认定，请带户口簿到镇上。' } });
    expect(reply.status).toBe(201);
    expect(reply.body.status).toBe('answered');
    expect(reply.body.firstAnsweredAt).toBe(clock.now().toISOString());

    // Access tokens are short-lived and the clock moved: the guardian signs in again (same openid).
    guardianToken = await guardian('thread-owner');
    const notes = await t.request('GET', '/api/notifications', { token: guardianToken });
    const note = notes.body.items.find((n: { kind: string }) => n.kind === 'consultation.reply');
    expect(note).toMatchObject({ title: '您的咨询有了答复', link: `/pages/consult/detail?id=${id}` });
    expect(JSON.stringify(note)).not.toMatch(/服刑|户口簿/);
    const [outbox] = await t.runtime.database.pool.query('SELECT COUNT(*) AS n FROM wechat_outbox o JOIN notifications n ON n.id = o.notification_id WHERE n.kind = ?', ['consultation.reply']);
    expect(Number((outbox as { n: number }[])[0].n)).toBeGreaterThanOrEqual(1);

    const list = await t.request('GET', '/api/my/consultations', { token: guardianToken });
    expect(list.body.items.find((i: { id: number }) => i.id === id)).toMatchObject({ status: 'answered', unread: true });
    const read = await t.request('GET', `/api/my/consultations/${id}`, { token: guardianToken });
    expect(read.body.messages.map((m: { author: string; authorLabel: string }) => [m.author, m.authorLabel])).toEqual([
      ['guardian', '我'],
      ['staff', `${township.name}未保站`],
    ]);
    expect(read.body.messages[1].body).toMatch(/可以申请认定/);
    const again = await t.request('GET', '/api/my/consultations', { token: guardianToken });
    expect(again.body.items.find((i: { id: number }) => i.id === id).unread).toBe(false);

    const actions = (await t.runtime.services.audit.forTarget('consultation', id)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['consultation.create', 'consultation.view', 'consultation.reply']));
  });

  it('puts a follow-up question back in the queue on a fresh clock, and closes', async () => {
    const follow = await t.request('POST', `/api/my/consultations/${id}/messages`, { token: guardianToken, body: { body: '还需要带什么材料？' } });
    expect(follow.status).toBe(201);
    expect(follow.body.status).toBe('waiting');
    expect(follow.body.dueAt).toBe(addWorkingDays(clock.now(), 3).toISOString());
    const closed = await t.request('POST', `/api/my/consultations/${id}/close`, { token: guardianToken });
    expect(closed.body.status).toBe('closed');
    const late = await t.request('POST', `/api/my/consultations/${id}/messages`, { token: guardianToken, body: { body: '再问一句' } });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/已结束/);
  });
});

describe('the answer clock', () => {
  it('shows a consultation as overdue once 3 working days pass without an answer', async () => {
    clock.set(new Date('2025-09-30T02:00:00Z'));
    const token = await guardian('clock-1');
    const c = await ask(token, { question: '超时测试的问题' });
    let staff = '';
    const overdueIds = async () => {
      staff = await t.login('dudao'); // the clock jumps days: sign in afresh each time
      return (await t.request('GET', '/api/consultations?overdue=1&limit=100', { token: staff })).body.items.map((i: { id: number }) => i.id);
    };

    clock.set(new Date('2025-10-11T15:59:00Z')); // 23:59 of the last day (a make-up Saturday)
    expect(await overdueIds()).not.toContain(c.id);
    clock.set(new Date('2025-10-11T16:01:00Z'));
    expect(await overdueIds()).toContain(c.id);
    const q = await t.request('GET', '/api/consultations?status=waiting&limit=100', { token: staff });
    expect(q.body.items.find((i: { id: number }) => i.id === c.id).overdue).toBe(true);
    expect(q.body.counts.overdue).toBeGreaterThanOrEqual(1);

    // Answering takes it off the overdue list; the late answer is audited as late.
    await t.request('POST', `/api/consultations/${c.id}/messages`, { token: staff, body: { body: '抱歉回复晚了，请到镇上咨询。' } });
    expect(await overdueIds()).not.toContain(c.id);
    const audit = (await t.runtime.services.audit.forTarget('consultation', c.id)).find((a) => a.action === 'consultation.reply');
    expect(audit?.detail).toMatchObject({ first: true, late: true });
  });

  it('uses the county setting for the number of working days', async () => {
    const admin = await t.login('admin');
    const put = await t.request('PUT', '/api/settings/sla', { token: admin, body: { consultationAnswerWorkingDays: 5 } });
    expect(put.status).toBe(200);
    clock.set(new Date('2026-03-02T01:00:00Z')); // Monday 09:00 in China
    const c = await ask(await guardian('clock-2'));
    expect(c.dueAt).toBe('2026-03-09T16:00:00.000Z'); // 24:00 of Monday 03-09, the 5th working day
    await t.request('PUT', '/api/settings/sla', { token: admin, body: { consultationAnswerWorkingDays: 3 } });
  });

  it('pages the waiting queue by due time with a keyset cursor', async () => {
    const staff = await t.login('zhanzhang');
    const all: number[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: number; dueAt: string }[]; nextCursor: string | null } } = await t.request('GET', `/api/consultations?status=waiting&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: staff });
      all.push(...res.body.items.map((i) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    const full = await t.request('GET', '/api/consultations?status=waiting&limit=100', { token: staff });
    expect(all).toEqual(full.body.items.map((i: { id: number }) => i.id));
    const dues = full.body.items.map((i: { dueAt: string }) => i.dueAt);
    expect([...dues].sort()).toEqual(dues);
    expect((await t.request('GET', '/api/consultations?cursor=garbage', { token: staff })).status).toBe(400);
  });
});

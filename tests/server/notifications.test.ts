import { ManualClock } from '../../server/src/lib/clock';
import { GENERIC_PROGRESS_TEXT } from '../../server/src/modules/notifications/notifications.service';
import { startTestServer, type TestServer } from './harness';

let t: TestServer;
let clock: ManualClock;
let publicUser: { id: number; token: string; openid: string };

beforeAll(async () => {
  clock = new ManualClock(new Date('2026-11-02T02:00:00Z'));
  t = await startTestServer({ clock });
  const res = await t.request('POST', '/api/auth/wechat', { body: { code: 'code-guardian' } });
  publicUser = { id: res.body.user.id, token: res.body.accessToken, openid: t.standin.openidFor('code-guardian') };
});
afterAll(() => t.close());

const svc = () => t.runtime.services.notifications;
const enqueue = (title: string) =>
  t.runtime.deps.db.transaction((tx) => svc().enqueue(tx, { userId: publicUser.id, kind: 'test', title, wechat: true }));

describe('notification outbox', () => {
  it('shows the notification in-app as soon as the change commits', async () => {
    await enqueue('您的咨询已答复');
    const res = await t.request('GET', '/api/notifications', { token: publicUser.token });
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({ title: '您的咨询已答复', read: false });
    expect(res.body.unread).toBe(1);
    const read = await t.request('POST', `/api/notifications/${res.body.items[0].id}/read`, { token: publicUser.token });
    expect(read.status).toBe(204);
    expect((await t.request('GET', '/api/notifications', { token: publicUser.token })).body.unread).toBe(0);
  });

  it('writes nothing when the causing transaction rolls back', async () => {
    await svc().deliverDue(); // drain earlier rows
    const before = t.standin.sent.length;
    await expect(
      t.runtime.deps.db.transaction(async (tx) => {
        await svc().enqueue(tx, { userId: publicUser.id, kind: 'test', title: 'rolled back', wechat: true });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    await svc().deliverDue();
    expect(t.standin.sent.length).toBe(before);
    const list = await t.request('GET', '/api/notifications', { token: publicUser.token });
    expect(list.body.items.map((n: { title: string }) => n.title)).not.toContain('rolled back');
  });

  it('sends a subscribe message with generic text only, exactly once even with two workers', async () => {
    await svc().deliverDue(); // drain earlier rows
    const before = t.standin.sent.length;
    await enqueue('个案编号 X 的详细情况');
    const [a, b] = await Promise.all([svc().deliverDue(), svc().deliverDue()]);
    expect(a.sent + b.sent).toBe(1);
    expect(t.standin.sent.length).toBe(before + 1);
    const msg = t.standin.sent[t.standin.sent.length - 1];
    expect(msg.touser).toBe(publicUser.openid);
    expect(JSON.stringify(msg.data)).toContain(GENERIC_PROGRESS_TEXT);
    expect(JSON.stringify(msg)).not.toContain('个案编号');
    // The time is Beijing time (10:00 here, 02:00 UTC), in the form WeChat's date fields take.
    expect(msg.data.time2.value).toBe('2026年11月2日 10:00');
    await svc().deliverDue();
    expect(t.standin.sent.length).toBe(before + 1);
  });

  it('drops a message when the user has no subscribe quota (43101)', async () => {
    await enqueue('quota');
    t.standin.failNext('/cgi-bin/message/subscribe/send', 43101);
    const stats = await svc().deliverDue();
    expect(stats.dropped).toBe(1);
    clock.advance(3600_000);
    expect((await svc().deliverDue()).sent).toBe(0);
  });

  it('retries other failures with back-off and then delivers', async () => {
    const before = t.standin.sent.length;
    await enqueue('retry');
    t.standin.failNext('/cgi-bin/message/subscribe/send', 45009, 2);
    expect((await svc().deliverDue()).retried).toBe(1);
    expect((await svc().deliverDue()).retried).toBe(0); // not due yet: back-off
    clock.advance(31_000);
    expect((await svc().deliverDue()).retried).toBe(1);
    clock.advance(61_000);
    expect((await svc().deliverDue()).sent).toBe(1);
    expect(t.standin.sent.length).toBe(before + 1);
  });

  it('loses nothing when a worker dies after claiming a row', async () => {
    const before = t.standin.sent.length;
    await enqueue('crash');
    const [row] = await t.runtime.deps.db.query.wechatOutbox.findMany({ where: (o, { eq }) => eq(o.state, 'pending') });
    // A worker claimed the row and died before sending: the claim expires and another worker sends it.
    const { notificationsRepo } = await import('../../server/src/modules/notifications/notifications.repo');
    await notificationsRepo.claim(t.runtime.deps.db, row.id, 'dead-worker', clock.now(), new Date(clock.now().getTime() + 60_000));
    expect((await svc().deliverDue()).sent).toBe(0);
    clock.advance(61_000);
    expect((await svc().deliverDue()).sent).toBe(1);
    expect(t.standin.sent.length).toBe(before + 1);
  });

  it('a worker holding a stale list does not retry a row another worker just failed (no wasted attempts)', async () => {
    await svc().deliverDue(); // drain earlier rows
    await enqueue('stale list');
    const { notificationsRepo } = await import('../../server/src/modules/notifications/notifications.repo');
    const db = t.runtime.deps.db;
    const now = clock.now();
    // Worker B reads the due rows; worker A then tries the row, WeChat fails, the row backs off.
    const [row] = await notificationsRepo.dueOutbox(db, now, 50);
    t.standin.failNext('/cgi-bin/message/subscribe/send', -1, 1);
    expect((await svc().deliverDue()).retried).toBe(1);
    // B must not get the row in the same instant: it is not due until its back-off ends.
    expect(await notificationsRepo.claim(db, row.id, 'worker-b', now, new Date(now.getTime() + 60_000))).toBe(false);
    const [after] = await db.query.wechatOutbox.findMany({ where: (o, { eq }) => eq(o.id, row.id) });
    expect(after.attempts).toBe(1);
    clock.advance(31_000);
    expect((await svc().deliverDue()).sent).toBe(1);
  });
});

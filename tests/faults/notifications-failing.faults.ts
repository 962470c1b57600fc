/**
 * Fault (c): WeChat's subscribe-message API fails for a while (the stand-in answers every send
 * with a system error), while two outbox workers run at once. When it recovers, every message is
 * delivered exactly once: nothing lost, nothing sent twice.
 */
import { ManualClock } from '../../server/src/lib/clock';
import { guardianToken } from '../server/consultationsFixtures';
import { startTestServer, type TestServer } from '../server/harness';

const GUARDIANS = Number(process.env.FAULT_GUARDIANS ?? 40);
const FAILING_ROUNDS = Number(process.env.FAULT_FAILING_ROUNDS ?? 5);
const SEND_PATH = '/cgi-bin/message/subscribe/send';

let t: TestServer;
let clock: ManualClock;

beforeAll(async () => {
  clock = new ManualClock(new Date('2026-11-02T02:00:00Z'));
  t = await startTestServer({ clock });
}, 120_000);
afterAll(() => t.close());

it('delivers every subscribe message exactly once after WeChat fails for a while', async () => {
  const orgs = await t.request('GET', '/api/public/orgs');
  const villageId = orgs.body.townships[0].villages[0].id;
  const dudao = await t.login('dudao');
  const openids = new Set<string>();
  for (let i = 0; i < GUARDIANS; i++) {
    const code = `fault-guardian-${i}`;
    const token = await guardianToken(t, code);
    openids.add(t.standin.openidFor(code));
    const asked = await t.request('POST', '/api/consultations', { token, body: { orgId: villageId, topic: 'living', question: `第${i}个问题：孩子的生活补助怎么申请？` } });
    expect(asked.status).toBe(201);
    const answered = await t.request('POST', `/api/consultations/${asked.body.id}/messages`, { token: dudao, body: { body: '您好，请带户口本到未保站办理。' } });
    expect(answered.status).toBe(201);
  }
  const svc = t.runtime.services.notifications;
  const sentBefore = t.standin.sent.length;

  // WeChat fails every send for a while; two workers keep trying (back-off grows each round).
  t.standin.failNext(SEND_PATH, -1, 1_000_000);
  const totals = { sent: 0, retried: 0, dropped: 0, failed: 0 };
  const add = (s: typeof totals) => {
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += s[k];
  };
  let rounds = 0;
  for (; rounds < FAILING_ROUNDS; rounds++) {
    for (const s of await Promise.all([svc.deliverDue(), svc.deliverDue()])) add(s);
    clock.advance(30 * 60_000);
  }
  const retriedWhileFailing = totals.retried;
  t.standin.failNext(SEND_PATH, -1, 0); // WeChat answers again

  let recoveryRounds = 0;
  while (totals.sent < GUARDIANS && recoveryRounds < 20) {
    for (const s of await Promise.all([svc.deliverDue(), svc.deliverDue()])) add(s);
    clock.advance(30 * 60_000);
    recoveryRounds += 1;
  }
  const delivered = t.standin.sent.slice(sentBefore);
  const perUser = new Map<string, number>();
  for (const m of delivered) perUser.set(m.touser, (perUser.get(m.touser) ?? 0) + 1);
  // The guardians' rows; staff alerts about the same questions sit in the outbox too, dropped when the
  // staff member has bound no WeChat.
  const outboxStates = async (guardians: boolean) => {
    const [rows] = await t.runtime.database.pool.query(
      `SELECT o.state, COUNT(*) AS n FROM wechat_outbox o JOIN users u ON u.id = o.user_id WHERE (u.role = 'public') = ? GROUP BY o.state`,
      [guardians],
    );
    return Object.fromEntries((rows as { state: string; n: number }[]).map((r) => [r.state, Number(r.n)]));
  };
  const states = await outboxStates(true);
  const staffStates = await outboxStates(false);
  const [maxRows] = await t.runtime.database.pool.query('SELECT MAX(attempts) AS m FROM wechat_outbox');
  const maxAttempts = Number((maxRows as { m: number }[])[0].m);
  const figures = {
    messages: GUARDIANS,
    failingRounds: FAILING_ROUNDS,
    retriedWhileFailing,
    recoveryRounds,
    delivered: delivered.length,
    recipients: perUser.size,
    sentTwice: [...perUser.values()].filter((n) => n > 1).length,
    lost: [...openids].filter((o) => !perUser.has(o)).length,
    outboxStates: states,
    staffOutboxStates: staffStates,
    maxAttemptsPerMessage: maxAttempts,
  };
  console.log(`fault (c) notifications failing: ${JSON.stringify(figures)}`);
  expect(retriedWhileFailing).toBeGreaterThanOrEqual(GUARDIANS);
  expect(figures).toMatchObject({ delivered: GUARDIANS, recipients: GUARDIANS, sentTwice: 0, lost: 0 });
  expect(states).toEqual({ sent: GUARDIANS });
  expect(Object.keys(staffStates).filter((k) => k !== 'dropped')).toEqual([]);
  // One attempt per failing round and one to deliver: two workers never spend two on a row at once.
  expect(maxAttempts).toBeLessThanOrEqual(FAILING_ROUNDS + 1);
});

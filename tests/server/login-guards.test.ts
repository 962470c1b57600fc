import { ManualClock } from '../../server/src/lib/clock';
import { startTestServer, type TestServer } from './harness';

/** Failed sign-ins are counted atomically per account (and per unknown name), whatever the concurrency. */
let t: TestServer;
let clock: ManualClock;
beforeAll(async () => {
  clock = new ManualClock(new Date('2026-11-02T02:00:00Z'));
  t = await startTestServer({ clock });
});
afterAll(() => t.close());

let client = 0;
/** Each call from its own client address, so the per-client limit stays out of these tests. */
const login = (username: string, password: string) =>
  t.request('POST', '/api/auth/login', { body: { username, password }, headers: { 'x-forwarded-for': `10.9.${Math.floor(client / 250)}.${(client++ % 250) + 1}` } });
const auditRows = async (action: string) =>
  (await t.runtime.database.pool.query('SELECT * FROM audit_log WHERE action = ? ORDER BY id', [action]))[0] as Record<string, unknown>[];
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('lockout under parallel guesses', () => {
  it('checks at most 5 passwords when 29 wrong guesses and the right one arrive together', async () => {
    const wrong = Array.from({ length: 29 }, (_, i) => login('zhuren05', `wrong-${i}`));
    await delay(20);
    const right = login('zhuren05', 'Demo@2026');
    const all = await Promise.all([...wrong, right]);
    expect((await right).status).toBe(429);
    expect(all.filter((r) => r.status === 200)).toHaveLength(0);
    const checked = (await auditRows('auth.login')).filter((r) => r.result === 'failed' || r.result === 'ok');
    expect(checked.length).toBeLessThanOrEqual(5);
    expect((await auditRows('auth.lock')).length).toBe(1);
    // Still locked afterwards.
    expect((await login('zhuren05', 'Demo@2026')).status).toBe(429);
    clock.advance(15 * 60_000 + 1000);
    expect((await login('zhuren05', 'Demo@2026')).status).toBe(200);
  });

  it('cannot be sidestepped by changing the case of the username', async () => {
    for (let i = 0; i < 4; i += 1) expect((await login(i % 2 ? 'ZHUREN06' : 'zhuren06', 'wrong')).status).toBe(401);
    expect((await login('Zhuren06', 'wrong')).status).toBe(429);
    expect((await login('zhuren06', 'Demo@2026')).status).toBe(429);
  });
});

describe('the guard table', () => {
  it('forgets names whose window is over and whose lock has run out', async () => {
    const count = async () => Number(((await t.runtime.database.pool.query('SELECT COUNT(*) AS n FROM login_guards'))[0] as { n: number }[])[0].n);
    await t.runtime.services.auth.sweepLoginGuards();
    await login('swept-name', 'wrong');
    const before = await count();
    // A fresh guard stays while its window runs.
    expect(await t.runtime.services.auth.sweepLoginGuards()).toBe(0);
    clock.advance(16 * 60_000);
    expect(await t.runtime.services.auth.sweepLoginGuards()).toBeGreaterThan(0);
    expect(await count()).toBeLessThan(before);
  });
});

describe('unknown usernames', () => {
  it('lock exactly like real accounts', async () => {
    const answers = async (username: string) => {
      const out: { status: number; body: unknown; retry: string | null }[] = [];
      for (let i = 0; i < 6; i += 1) {
        const res = await login(username, 'wrong');
        out.push({ status: res.status, body: res.body, retry: res.headers.get('retry-after') });
      }
      return out;
    };
    const real = await answers('zhuren07');
    const unknown = await answers('no-such-person');
    expect(unknown).toEqual(real);
    expect(real.map((r) => r.status)).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it('take as long to refuse as a real account (a dummy password check runs)', async () => {
    const slow = await startTestServer({ env: { PASSWORD_COST: '16384' } });
    try {
      const time = async (username: string) => {
        const started = performance.now();
        await slow.request('POST', '/api/auth/login', { body: { username, password: 'wrong' }, headers: { 'x-forwarded-for': `10.8.0.${client++ % 250}` } });
        return performance.now() - started;
      };
      await time('warm-up-name');
      const real: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        real.push(await time(`zhuren0${i + 1}`));
        unknown.push(await time(`ghost0${i + 1}`));
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
      // Both sides run one scrypt at the same cost: neither median is a fraction of the other.
      expect(median(unknown)).toBeGreaterThan(median(real) * 0.5);
      expect(median(real)).toBeGreaterThan(median(unknown) * 0.5);
    } finally {
      await slow.close();
    }
  });
});

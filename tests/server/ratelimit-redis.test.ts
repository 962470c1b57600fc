import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import net from 'node:net';
import Redis from 'ioredis';
import { RECEIPT_ALPHABET } from '@wbt/shared';
import { AppError } from '../../server/src/http/errors';
import { ManualClock } from '../../server/src/lib/clock';
import {
  RATE_POLICIES,
  RateLimitService,
  REDIS_KEY_PREFIX,
  RedisRateLimitStore,
  type RatePolicy,
} from '../../server/src/modules/ratelimit/ratelimit.service';
import { startTestServer, type TestServer } from './harness';
import { allTableNames, dumpTables, minimalReport, sendReport, villageIds } from './reportsFixtures';

const REDIS_URL = 'redis://127.0.0.1:6379';
const receipt = RATE_POLICIES.receiptFailures;

/** Addresses unique to this run (and this file), so parallel files and earlier runs never collide. */
const net16 = `100.${randomInt(64, 128)}.${randomInt(0, 256)}`;
const ip = (n: number) => `${net16}.${n}`;

function nearMiss(c: string): string {
  const last = RECEIPT_ALPHABET[(RECEIPT_ALPHABET.indexOf(c[15]) + 1) % 32];
  return c.slice(0, 15) + last;
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

function memoryLogger() {
  const lines: { level: string; obj: object; msg: string }[] = [];
  return {
    lines,
    warn: (obj: object, msg: string) => void lines.push({ level: 'warn', obj, msg }),
    info: (obj: object, msg: string) => void lines.push({ level: 'info', obj, msg }),
    text: () => JSON.stringify(lines),
  };
}

async function expectTooMany(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).status).toBe(429);
  return err as AppError;
}

describe('Redis rate-limit store shared by two server processes', () => {
  // Both processes share config (INDEX_KEY) and, here, one manual clock; each has its own database.
  const env = { REDIS_URL, INDEX_KEY: randomBytes(32).toString('base64') };
  const clock = new ManualClock(new Date());
  let a: TestServer;
  let b: TestServer;
  let admin: Redis;
  let code: string;
  const used = new Set<string>();

  const open = (t: TestServer, receiptCode: string, client: string) => {
    used.add(client);
    return t.request('POST', '/api/receipts/session', { body: { receiptCode }, headers: { 'x-forwarded-for': client } });
  };
  const redisKey = (policy: RatePolicy, client: string) => REDIS_KEY_PREFIX + a.runtime.services.rateLimit['key'](policy, client);

  beforeAll(async () => {
    admin = new Redis(REDIS_URL);
    [a, b] = await Promise.all([startTestServer({ env, clock }), startTestServer({ env, clock })]);
    const orgs = await villageIds(a);
    const res = await sendReport(a, minimalReport(orgs.villages['英雄湾村']), { ip: ip(1) });
    expect(res.status).toBe(201);
    code = res.body.receiptCode;
    used.add(ip(1));
  });
  afterAll(async () => {
    // Only this file's keys: the HMACs of the addresses it used, under every policy.
    const keys = [...used].flatMap((c) => Object.values(RATE_POLICIES).map((p) => redisKey(p, c)));
    if (keys.length) await admin.del(...keys);
    await Promise.all([a?.close(), b?.close()]);
    await admin.quit();
  });

  it('uses the Redis store in both processes', () => {
    expect(a.runtime.services.rateLimit.store).toBeInstanceOf(RedisRateLimitStore);
    expect(b.runtime.services.rateLimit.store).toBeInstanceOf(RedisRateLimitStore);
  });

  it('counts failures from both processes together: the 11th on either gets 429 with Retry-After', async () => {
    const client = ip(50);
    // Ten seconds apart, alternating processes: hits at t0, t0+10 s, …, t0+90 s; now is t0+100 s.
    for (let i = 0; i < 10; i++) {
      const res = await open(i % 2 === 0 ? a : b, nearMiss(code), client);
      expect(res.status).toBe(404);
      clock.advance(10_000);
    }
    // Each process alone saw only 5 failures; only the shared count can reach 10.
    expect(await admin.zcard(redisKey(receipt, client))).toBe(10);
    const onA = await open(a, code, client); // even the right code
    const onB = await open(b, nearMiss(code), client);
    for (const res of [onA, onB]) {
      expect(res.status).toBe(429);
      expect(res.body.error).toMatchObject({ code: 'RATE_LIMITED', message: '回执码错误次数过多，请稍后再试' });
      // The oldest failure (t0) leaves the 15-minute window at t0+900 s.
      expect(res.headers.get('retry-after')).toBe('800');
    }
    // A 429 is not itself a failure: the count stays at 10.
    expect(await admin.zcard(redisKey(receipt, client))).toBe(10);
    // No fallback happened.
    expect([...a.logs, ...b.logs].join('\n')).not.toMatch(/rate-limit store unavailable/);
  });

  it('keeps different clients independent', async () => {
    expect((await open(a, code, ip(51))).status).toBe(200);
    expect((await open(b, nearMiss(code), ip(52))).status).toBe(404);
    expect(await admin.zcard(redisKey(receipt, ip(52)))).toBe(1);
    expect(await admin.exists(redisKey(receipt, ip(51)))).toBe(0);
  });

  it('keeps no raw address in Redis, the database or the log', async () => {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await admin.scan(cursor, 'MATCH', `${REDIS_KEY_PREFIX}*`, 'COUNT', '1000');
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    const mine = redisKey(receipt, ip(50));
    expect(keys).toContain(mine);
    expect(mine).toMatch(/^wbt:rl:receipt:[A-Za-z0-9_-]{43}$/);
    const values: string[] = [];
    for (const key of keys) {
      if ((await admin.type(key)) === 'zset') values.push(...(await admin.zrange(key, '0', '-1', 'WITHSCORES')));
    }
    const stored = keys.join('\n') + '\n' + values.join('\n');
    for (const client of used) {
      expect(stored).not.toContain(client);
      // Not an unkeyed hash either: the HMAC key (INDEX_KEY) is needed to link a key to an address.
      expect(stored).not.toContain(createHash('sha256').update(client).digest('base64url'));
      expect(stored).not.toContain(createHash('sha256').update(client).digest('hex'));
    }
    const db = (await dumpTables(a, await allTableNames(a))) + (await dumpTables(b, await allTableNames(b)));
    const logs = [...a.logs, ...b.logs].join('\n');
    for (const client of used) {
      expect(db).not.toContain(client);
      expect(logs).not.toContain(client);
    }
    expect(logs).not.toContain(mine.slice(REDIS_KEY_PREFIX.length + 'receipt:'.length));
  });

  it('lets the window expire: keys carry a PEXPIRE of one window, and the count slides with the clock', async () => {
    const client = ip(50);
    const ttl = await admin.pttl(redisKey(receipt, client));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(receipt.windowMs);
    const limited = await open(b, code, client);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('800');
    clock.advance(Number(limited.headers.get('retry-after')) * 1000);
    // The oldest failure has left the window: one more attempt is allowed, on either process.
    expect((await open(a, code, client)).status).toBe(200);
    expect((await open(b, nearMiss(code), client)).status).toBe(404);
    expect((await open(a, code, client)).status).toBe(429);
    clock.advance(receipt.windowMs);
    expect((await open(a, code, client)).status).toBe(200);
    // Stale hits are trimmed from the sorted set on the next look-up.
    expect(await admin.zcard(redisKey(receipt, client))).toBe(0);
  });

  it('adds hits atomically under concurrency from both processes', async () => {
    const key = `test:${randomBytes(8).toString('hex')}`;
    const now = clock.now().getTime();
    const stores = [a, b].map((t) => t.runtime.services.rateLimit.store);
    await Promise.all(Array.from({ length: 40 }, (_, i) => stores[i % 2].add(key, 60_000, now)));
    try {
      expect(await admin.zcard(REDIS_KEY_PREFIX + key)).toBe(40);
      expect(await stores[0].hits(key, 60_000, now)).toHaveLength(40);
    } finally {
      await admin.del(REDIS_KEY_PREFIX + key);
    }
  });

  it('checks and counts in one step (take): 40 concurrent takes with a limit of 5 let exactly 5 through, and one can be taken back', async () => {
    const key = `test:${randomBytes(8).toString('hex')}`;
    const now = clock.now().getTime();
    const stores = [a, b].map((t) => t.runtime.services.rateLimit.store);
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => stores[i % 2].take(key, 60_000, now, 5)));
    try {
      expect(answers.filter((x) => x === null)).toHaveLength(5);
      expect(answers.filter((x) => x !== null).every((x) => x!.length === 5)).toBe(true);
      await stores[0].remove(key, now);
      expect(await admin.zcard(REDIS_KEY_PREFIX + key)).toBe(4);
      expect(await stores[1].take(key, 60_000, now, 5)).toBeNull();
    } finally {
      await admin.del(REDIS_KEY_PREFIX + key);
    }
  });
});

describe('Redis unreachable: falls back to counting in memory', () => {
  it('still limits per process at a closed port, quickly, with one warning and no address logged', async () => {
    const port = await freePort();
    const log = memoryLogger();
    const clock = new ManualClock(new Date());
    const store = new RedisRateLimitStore(`redis://127.0.0.1:${port}`, log);
    const limiter = new RateLimitService(clock, store, randomBytes(32));
    const client = '192.0.2.77';
    try {
      const started = Date.now();
      for (let i = 0; i < receipt.limit; i++) {
        await limiter.assertAllowed(receipt, client);
        await limiter.hit(receipt, client);
      }
      const err = await expectTooMany(limiter.assertAllowed(receipt, client));
      expect(Number(err.headers?.['Retry-After'])).toBe(900);
      // 21 store calls; only the first waits for the failed connection attempt.
      expect(Date.now() - started).toBeLessThan(2000);
      await limiter.assertAllowed(receipt, '192.0.2.78');
      const warnings = log.lines.filter((l) => l.level === 'warn');
      expect(warnings).toHaveLength(1);
      expect(warnings[0].obj).toMatchObject({ store: 'redis', fallback: 'memory', reason: 'ECONNREFUSED' });
      expect(log.text()).not.toContain(client);
      clock.advance(receipt.windowMs);
      await limiter.assertAllowed(receipt, client);
    } finally {
      const closing = Date.now();
      await limiter.close();
      expect(Date.now() - closing).toBeLessThan(500);
    }
  });

  it('answers 429 (not 500 or 503) for receipt checks through the server when REDIS_URL points at a closed port', async () => {
    const port = await freePort();
    const t = await startTestServer({ env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
    try {
      const client = '192.0.2.80';
      for (let i = 0; i < 10; i++) {
        const res = await t.request('POST', '/api/receipts/session', { body: { receiptCode: 'ZZZZZZZZZZZZZZZZ' }, headers: { 'x-forwarded-for': client } });
        expect(res.status).toBe(404);
      }
      const limited = await t.request('POST', '/api/receipts/session', { body: { receiptCode: 'ZZZZZZZZZZZZZZZZ' }, headers: { 'x-forwarded-for': client } });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      const logs = t.logs.join('\n');
      expect(logs.match(/rate-limit store unavailable/g)).toHaveLength(1);
      expect(logs).not.toContain(client);
      expect(logs).not.toContain('redis://');
    } finally {
      await t.close();
    }
  });

  describe('outage while running (a private redis-server on a free port)', () => {
    let port: number;
    let proc: ChildProcess | undefined;

    async function startRedis(): Promise<void> {
      proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
      probe.on('error', () => undefined);
      try {
        for (let i = 0; i < 100; i++) {
          try {
            await probe.connect();
            if ((await probe.ping()) === 'PONG') return;
          } catch {
            await new Promise((r) => setTimeout(r, 50));
          }
        }
        throw new Error('private redis-server did not start');
      } finally {
        probe.disconnect();
      }
    }
    async function stopRedis(): Promise<void> {
      const p = proc;
      proc = undefined;
      if (!p || p.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        p.once('exit', () => resolve());
        p.kill('SIGKILL');
      });
    }

    beforeAll(async () => {
      port = await freePort();
      await startRedis();
    });
    afterAll(() => stopRedis());

    it('keeps this process’s recent hits through the outage and returns to Redis when it is back', async () => {
      const log = memoryLogger();
      const clock = new ManualClock(new Date());
      const store = new RedisRateLimitStore(`redis://127.0.0.1:${port}`, log);
      const limiter = new RateLimitService(clock, store, randomBytes(32));
      const client = '192.0.2.90';
      try {
        for (let i = 0; i < 6; i++) await limiter.hit(receipt, client);
        expect(await store.redis.dbsize()).toBe(1);
        expect(log.lines).toHaveLength(0);

        await stopRedis();
        // Hits written through to memory before the outage still count.
        for (let i = 0; i < 4; i++) await limiter.hit(receipt, client);
        await expectTooMany(limiter.assertAllowed(receipt, client));
        expect(log.lines.filter((l) => l.level === 'warn')).toHaveLength(1);

        await startRedis();
        for (let i = 0; i < 100 && store.redis.status !== 'ready'; i++) await new Promise((r) => setTimeout(r, 100));
        expect(store.redis.status).toBe('ready');
        // The new Redis is empty (no persistence): Redis is the source of truth again.
        await limiter.assertAllowed(receipt, client);
        await limiter.hit(receipt, client);
        expect(await store.redis.dbsize()).toBe(1);
        expect(log.lines.map((l) => l.level)).toEqual(['warn', 'info']);
        expect(log.text()).not.toContain(client);
      } finally {
        await limiter.close();
      }
    });
  });
});

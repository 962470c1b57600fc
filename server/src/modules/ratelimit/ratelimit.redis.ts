import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { MemoryRateLimitStore, type RateLimitStore } from './ratelimit.memory';

/** Every rate-limit key in Redis starts with this; the rest is `<policy>:<HMAC of the client>`. */
export const REDIS_KEY_PREFIX = 'wbt:rl:';

/**
 * One sorted set per key: members are unique per hit, scores the hit time (ms, from the app's clock,
 * so all processes and the in-memory store share one notion of the window). Each script runs
 * atomically inside Redis, so concurrent processes never lose or double-count a hit.
 */
const SCRIPTS = {
  /** KEYS[1] key; ARGV[1] window floor (now - windowMs). Drops stale hits, returns the live scores. */
  rlHits: {
    numberOfKeys: 1,
    lua: `redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
return redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. ARGV[1], '+inf', 'WITHSCORES')`,
  },
  /**
   * KEYS[1] key; ARGV[1] now; ARGV[2] window floor; ARGV[3] unique member; ARGV[4] windowMs;
   * ARGV[5] most hits kept. Adds the hit, keeps the set bounded, and lets the key expire one
   * window after its newest hit (so idle clients leave nothing behind).
   */
  rlAdd: {
    numberOfKeys: 1,
    lua: `redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[3])
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(tonumber(ARGV[5]) + 1))
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1`,
  },
  /**
   * KEYS[1] key; ARGV[1] now; ARGV[2] window floor; ARGV[3] unique member; ARGV[4] windowMs;
   * ARGV[5] limit. Check and add in one script: returns {} when the hit was added, else the live scores.
   */
  rlTake: {
    numberOfKeys: 1,
    lua: `redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[5]) then
  return redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. ARGV[2], '+inf', 'WITHSCORES')
end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return {}`,
  },
  /** KEYS[1] key; ARGV[1] score. Removes one member with that score. */
  rlRemove: {
    numberOfKeys: 1,
    lua: `local m = redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], ARGV[1], 'LIMIT', 0, 1)
if m[1] then redis.call('ZREM', KEYS[1], m[1]) end
return 1`,
  },
} as const;

interface ScriptCommands {
  rlTake(key: string, now: string, floor: string, member: string, windowMs: string, limit: string): Promise<string[]>;
  rlRemove(key: string, score: string): Promise<number>;
  rlHits(key: string, floor: string): Promise<string[]>;
  rlAdd(key: string, now: string, floor: string, member: string, windowMs: string, cap: string): Promise<number>;
}

export interface RedisStoreLogger {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export interface RedisStoreOptions {
  /** Per-command bound (ms), including the wait for a (re)connection. */
  commandTimeoutMs?: number;
  /** Hits kept per key; must be ≥ the largest policy limit (Retry-After needs the newest `limit`). */
  maxHitsPerKey?: number;
  keyPrefix?: string;
}

/**
 * Rate-limit counters shared by every server process through Redis (REDIS_URL).
 *
 * When Redis cannot answer (down, unreachable, slow beyond the command timeout), the store falls
 * back to counting in this process's memory and logs one warning per outage — it neither fails
 * open nor fails closed:
 * - Failing closed (503) would stop anonymous reports and photo uploads about children at risk,
 *   which share this limiter, whenever Redis hiccups; for a child-protection reporting channel
 *   that is the worse failure.
 * - Failing open would drop the brute-force bound on receipt codes altogether.
 * - In memory every process still enforces each limit on its own, so a client gets at most
 *   N × limit attempts per window across N processes while Redis is away; receipt codes carry
 *   80 random bits, so the limiter is defence in depth, not their only protection.
 * Every hit is also written to memory (cheap, swept), so the fallback starts from this process's
 * recent history instead of from zero. Once Redis answers again, it is the source of truth again.
 */
export class RedisRateLimitStore implements RateLimitStore {
  readonly redis: Redis & ScriptCommands;
  readonly fallback = new MemoryRateLimitStore();
  private readonly maxHits: number;
  private readonly prefix: string;
  /** True between a connection loss/failure and the next 'ready': skip Redis, count in memory. */
  private down = false;
  /** True while requests are being answered from memory (one warning per outage). */
  private degraded = false;
  private closing = false;

  constructor(
    redisUrl: string,
    private readonly logger: RedisStoreLogger,
    opts: RedisStoreOptions = {},
  ) {
    this.maxHits = opts.maxHitsPerKey ?? 1000;
    this.prefix = opts.keyPrefix ?? REDIS_KEY_PREFIX;
    this.redis = new Redis(redisUrl, {
      scripts: SCRIPTS,
      // Queue commands until the first connection is up, but never let one wait long.
      enableOfflineQueue: true,
      commandTimeout: opts.commandTimeoutMs ?? 500,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      retryStrategy: (times) => Math.min(times * 200, 5000),
    }) as Redis & ScriptCommands;
    // Without an 'error' listener ioredis prints every failed reconnect to stderr. The error text
    // names only the Redis address, never a client; the URL (it may hold a password) is not logged.
    this.redis.on('error', (err: NodeJS.ErrnoException) => this.markDown(err.code ?? err.name));
    this.redis.on('close', () => this.markDown('closed'));
    this.redis.on('ready', () => {
      this.down = false;
    });
  }

  private markDown(reason: string): void {
    if (this.closing) return;
    this.down = true;
    this.degrade(reason);
  }

  private degrade(reason: string): void {
    if (this.degraded) return;
    this.degraded = true;
    this.logger.warn(
      { store: 'redis', fallback: 'memory', reason },
      'Redis rate-limit store unavailable; counting in this process only until Redis answers again',
    );
  }

  private recovered(): void {
    if (!this.degraded) return;
    this.degraded = false;
    this.logger.info({ store: 'redis' }, 'Redis rate-limit store answering again');
  }

  private async viaRedis<T>(op: () => Promise<T>, fallback: () => Promise<T>): Promise<T> {
    if (this.down) return fallback();
    let value: T;
    try {
      value = await op();
    } catch (err) {
      this.degrade(err instanceof Error ? err.name : 'error');
      return fallback();
    }
    this.recovered();
    return value;
  }

  async hits(key: string, windowMs: number, now: number): Promise<number[]> {
    const floor = String(now - windowMs);
    return this.viaRedis(
      async () => {
        const flat = await this.redis.rlHits(this.prefix + key, floor);
        const scores: number[] = [];
        for (let i = 1; i < flat.length; i += 2) scores.push(Number(flat[i]));
        return scores;
      },
      () => this.fallback.hits(key, windowMs, now),
    );
  }

  async add(key: string, windowMs: number, now: number): Promise<void> {
    await this.fallback.add(key, windowMs, now);
    const member = `${now}:${randomBytes(6).toString('hex')}`;
    await this.viaRedis(
      async () => {
        await this.redis.rlAdd(this.prefix + key, String(now), String(now - windowMs), member, String(windowMs), String(this.maxHits));
      },
      async () => undefined,
    );
  }

  async take(key: string, windowMs: number, now: number, limit: number): Promise<number[] | null> {
    const member = `${now}:${randomBytes(6).toString('hex')}`;
    let inMemory = false;
    const out = await this.viaRedis(
      async () => {
        const flat = await this.redis.rlTake(this.prefix + key, String(now), String(now - windowMs), member, String(windowMs), String(limit));
        if (flat.length === 0) return null;
        const scores: number[] = [];
        for (let i = 1; i < flat.length; i += 2) scores.push(Number(flat[i]));
        return scores;
      },
      () => {
        inMemory = true;
        return this.fallback.take(key, windowMs, now, limit);
      },
    );
    // Keep this process's memory in step, so a Redis outage starts from recent history.
    if (out === null && !inMemory) await this.fallback.add(key, windowMs, now);
    return out;
  }

  async remove(key: string, at: number): Promise<void> {
    await this.fallback.remove(key, at);
    await this.viaRedis(
      async () => {
        await this.redis.rlRemove(this.prefix + key, String(at));
      },
      async () => undefined,
    );
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.redis.status === 'ready') {
      try {
        await this.redis.quit();
        return;
      } catch {
        // fall through to a hard disconnect
      }
    }
    this.redis.disconnect();
  }
}

import { createHmac, randomBytes } from 'node:crypto';
import { AppError } from '../../http/errors';
import type { Clock } from '../../lib/clock';
import { RedisRateLimitStore, type RedisStoreLogger } from './ratelimit.redis';
import { MemoryRateLimitStore, type RateLimitStore } from './ratelimit.memory';

export { MemoryRateLimitStore, type RateLimitStore } from './ratelimit.memory';
export { RedisRateLimitStore, REDIS_KEY_PREFIX } from './ratelimit.redis';

/**
 * The store for this deployment: Redis when REDIS_URL is set, so several server processes share
 * exact counts (falling back to memory while Redis is unreachable, see RedisRateLimitStore);
 * otherwise memory, where each process counts on its own.
 */
export function createRateLimitStore(redisUrl: string | undefined, logger: RedisStoreLogger): RateLimitStore {
  return redisUrl ? new RedisRateLimitStore(redisUrl, logger) : new MemoryRateLimitStore();
}

export interface RatePolicy {
  name: string;
  limit: number;
  windowMs: number;
  message: string;
}

export const RATE_POLICIES = {
  /** 10 wrong receipt codes in 15 minutes from one client → 429. */
  receiptFailures: { name: 'receipt', limit: 10, windowMs: 15 * 60_000, message: '回执码错误次数过多，请稍后再试' },
  /** Anonymous uploads and reports: generous, but bounded per client. */
  uploads: { name: 'upload', limit: 60, windowMs: 15 * 60_000, message: '上传过于频繁，请稍后再试' },
  reports: { name: 'report', limit: 30, windowMs: 15 * 60_000, message: '提交过于频繁，请稍后再试' },
  /**
   * Staff sign-in attempts that did not succeed, per client and per username: counted before the
   * password is checked (so a concurrent flood is bounded too) and taken back when it succeeds, so
   * an office signing in every morning behind one address never runs into it.
   */
  loginClient: { name: 'login-client', limit: 20, windowMs: 15 * 60_000, message: '登录尝试过于频繁，请稍后再试' },
  loginUser: { name: 'login-user', limit: 10, windowMs: 15 * 60_000, message: '登录尝试过于频繁，请稍后再试' },
  /** Duplicate look-ups of ID numbers by staff (each one probes the county's child files). */
  duplicateChecks: { name: 'duplicates', limit: 60, windowMs: 15 * 60_000, message: '查重过于频繁，请稍后再试' },
  /** Policy questions asked without signing in. */
  anonymousQuestions: { name: 'question', limit: 20, windowMs: 15 * 60_000, message: '提问过于频繁，请稍后再试' },
} satisfies Record<string, RatePolicy>;

/**
 * Per-client limits keyed by the client address (ctx.ip, behind a trusted proxy). The address is
 * only used as an HMAC-SHA256 input, so neither memory nor Redis holds it in clear. The HMAC key
 * is config.indexKey in the app, so every process sharing a Redis derives the same key for a client.
 */
export class RateLimitService {
  constructor(
    private readonly clock: Clock,
    readonly store: RateLimitStore = new MemoryRateLimitStore(),
    private readonly keyKey: Buffer = randomBytes(32),
  ) {}

  /** `<policy>:<HMAC>` (the Redis store prefixes it with `wbt:rl:`). */
  private key(policy: RatePolicy, client: string): string {
    const mac = createHmac('sha256', this.keyKey).update('ratelimit').update('\0').update(client).digest('base64url');
    return `${policy.name}:${mac}`;
  }

  close(): Promise<void> {
    return this.store.close?.() ?? Promise.resolve();
  }

  /** Throws 429 with Retry-After when the client has used up the policy's window. */
  async assertAllowed(policy: RatePolicy, client: string): Promise<void> {
    const now = this.clock.now().getTime();
    const hits = await this.store.hits(this.key(policy, client), policy.windowMs, now);
    if (hits.length >= policy.limit) {
      const retryAfterMs = hits[hits.length - policy.limit] + policy.windowMs - now;
      throw AppError.tooMany('RATE_LIMITED', policy.message, retryAfterMs / 1000);
    }
  }

  async hit(policy: RatePolicy, client: string): Promise<void> {
    await this.store.add(this.key(policy, client), policy.windowMs, this.clock.now().getTime());
  }

  /**
   * Counts a request before it is served, atomically (a burst of concurrent requests cannot all
   * pass the check first); throws 429 when the window is used up. The returned function takes the
   * hit back, for requests that turn out not to count (a successful sign-in).
   */
  async take(policy: RatePolicy, client: string): Promise<() => Promise<void>> {
    const now = this.clock.now().getTime();
    const key = this.key(policy, client);
    const hits = await this.store.take(key, policy.windowMs, now, policy.limit);
    if (hits) {
      const retryAfterMs = hits[hits.length - policy.limit] + policy.windowMs - now;
      throw AppError.tooMany('RATE_LIMITED', policy.message, retryAfterMs / 1000);
    }
    return () => this.store.remove(key, now);
  }

  /** assertAllowed + hit: for policies that count every request, not only failures. */
  async consume(policy: RatePolicy, client: string): Promise<void> {
    await this.assertAllowed(policy, client);
    await this.hit(policy, client);
  }
}

/**
 * Where counters live: in memory for one process (below), or in Redis for several (REDIS_URL,
 * ratelimit.redis.ts, a sorted set per key). State is never written to the database or the log.
 */
export interface RateLimitStore {
  /** Timestamps (ms) of the hits still inside the window, oldest first. */
  hits(key: string, windowMs: number, now: number): Promise<number[]>;
  add(key: string, windowMs: number, now: number): Promise<void>;
  /**
   * Check and count in one step (no other request can slip between them): adds a hit at `now` and
   * returns null when fewer than `limit` hits are in the window; otherwise adds nothing and returns
   * the hits in the window.
   */
  take(key: string, windowMs: number, now: number, limit: number): Promise<number[] | null>;
  /** Takes back one hit made at `at` (a request that turned out not to count). */
  remove(key: string, at: number): Promise<void>;
  /** Releases connections (runtime close). */
  close?(): Promise<void>;
}

export class MemoryRateLimitStore implements RateLimitStore {
  /** Each key remembers its own window, so a sweep for a short policy never drops a longer one's hits. */
  private readonly buckets = new Map<string, { windowMs: number; times: number[] }>();
  private lastSweep = 0;

  async hits(key: string, windowMs: number, now: number): Promise<number[]> {
    const bucket = this.buckets.get(key);
    if (!bucket) return [];
    const live = bucket.times.filter((t) => t > now - windowMs);
    if (live.length === 0) this.buckets.delete(key);
    else this.buckets.set(key, { windowMs, times: live });
    return live;
  }

  async add(key: string, windowMs: number, now: number): Promise<void> {
    const live = (this.buckets.get(key)?.times ?? []).filter((t) => t > now - windowMs);
    live.push(now);
    this.buckets.set(key, { windowMs, times: live });
    this.sweep(now);
  }

  async take(key: string, windowMs: number, now: number, limit: number): Promise<number[] | null> {
    // No await before the decision: in one process the check and the add cannot interleave.
    const live = (this.buckets.get(key)?.times ?? []).filter((t) => t > now - windowMs);
    if (live.length >= limit) return live;
    live.push(now);
    this.buckets.set(key, { windowMs, times: live });
    this.sweep(now);
    return null;
  }

  async remove(key: string, at: number): Promise<void> {
    const bucket = this.buckets.get(key);
    const i = bucket?.times.indexOf(at) ?? -1;
    if (bucket && i >= 0) bucket.times.splice(i, 1);
  }

  /** Drops idle keys (every hit older than the key's own window) so memory stays bounded by recent clients. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, b] of this.buckets) if (b.times.every((t) => t <= now - b.windowMs)) this.buckets.delete(key);
  }

  /** Number of tracked keys (tests, diagnostics). */
  get size(): number {
    return this.buckets.size;
  }
}

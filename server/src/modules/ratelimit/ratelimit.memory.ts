/**
 * Where counters live: in memory for one process (below), or in Redis for several (REDIS_URL,
 * ratelimit.redis.ts, a sorted set per key). State is never written to the database or the log.
 */
export interface RateLimitStore {
  /** Timestamps (ms) of the hits still inside the window, oldest first. */
  hits(key: string, windowMs: number, now: number): Promise<number[]>;
  add(key: string, windowMs: number, now: number): Promise<void>;
  /** Releases connections (runtime close). */
  close?(): Promise<void>;
}

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly buckets = new Map<string, number[]>();
  private lastSweep = 0;

  async hits(key: string, windowMs: number, now: number): Promise<number[]> {
    const list = this.buckets.get(key);
    if (!list) return [];
    const live = list.filter((t) => t > now - windowMs);
    if (live.length === 0) this.buckets.delete(key);
    else this.buckets.set(key, live);
    return live;
  }

  async add(key: string, windowMs: number, now: number): Promise<void> {
    const live = (this.buckets.get(key) ?? []).filter((t) => t > now - windowMs);
    live.push(now);
    this.buckets.set(key, live);
    this.sweep(windowMs, now);
  }

  /** Drops idle keys so memory stays bounded by recent clients. */
  private sweep(windowMs: number, now: number): void {
    if (now - this.lastSweep < windowMs) return;
    this.lastSweep = now;
    for (const [key, list] of this.buckets) if (list.every((t) => t <= now - windowMs)) this.buckets.delete(key);
  }

  /** Number of tracked keys (tests, diagnostics). */
  get size(): number {
    return this.buckets.size;
  }
}

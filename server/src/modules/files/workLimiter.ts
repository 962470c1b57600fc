import { AppError } from '../../http/errors';

/**
 * Bounds CPU- and memory-heavy work (decoding and re-encoding photos): at most `concurrency` jobs
 * run, at most `maxWaiting` wait their turn, and anything beyond that is refused at once with 503
 * and Retry-After — a flood of uploads cannot pile up decoded images in memory or starve the
 * rest of the API of CPU.
 */
export class WorkLimiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** The most jobs seen running at once (for tests and diagnostics). */
  peakActive = 0;
  refused = 0;

  constructor(
    readonly concurrency: number,
    readonly maxWaiting: number,
    private readonly busy: () => AppError,
  ) {}

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.active < this.concurrency) {
      this.active += 1;
    } else if (this.waiting.length < this.maxWaiting) {
      // The finishing job hands its slot over: `active` stays the same.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.refused += 1;
      throw this.busy();
    }
    this.peakActive = Math.max(this.peakActive, this.active);
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}

/** Timing, percentiles and number formatting shared by the benchmarks. */

/** The p-th percentile (nearest rank, rounding down) of samples sorted ascending. */
export const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

export const median = (samples: number[]): number => percentile([...samples].sort((a, b) => a - b), 50);

export const ms = (x: number, digits = 2): string => `${x.toFixed(digits)} ms`;
export const mb = (bytes: number, digits = 0): string => `${(bytes / 1048576).toFixed(digits)} MB`;

/** "p50 …, p95 …[, max …]" of samples in milliseconds, in any order. */
export function spread(samples: number[], { digits = 2, max = true }: { digits?: number; max?: boolean } = {}): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const parts = [`p50 ${ms(percentile(sorted, 50), digits)}`, `p95 ${ms(percentile(sorted, 95), digits)}`];
  if (max) parts.push(`max ${ms(sorted[sorted.length - 1], digits)}`);
  return parts.join(', ');
}

/** Milliseconds `fn` took, with its result. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

/**
 * Closed-loop load: `concurrency` loops call `one` (with a running call number) back to back until
 * `seconds` have passed. Returns the calls completed and the seconds it really took.
 */
export async function closedLoop(concurrency: number, seconds: number, one: (i: number) => Promise<void>): Promise<{ calls: number; seconds: number }> {
  let started = 0;
  let calls = 0;
  const until = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        await one(started++);
        calls += 1;
      }
    }),
  );
  return { calls, seconds: (performance.now() - t0) / 1000 };
}

/** Runs a benchmark's main function; a failure prints and exits 1. */
export function runBench(main: () => Promise<void>): void {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

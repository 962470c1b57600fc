import { scrypt as scryptCb, type ScryptOptions } from 'node:crypto';
import { availableParallelism } from 'node:os';

/**
 * scrypt runs on libuv's thread pool (4 threads by default), shared with file I/O and zlib. Without
 * a bound, a flood of sign-ins queues hundreds of password hashes there and every other use waits
 * behind them: anonymous reports (one receipt hash each) went from tens of milliseconds to over a
 * second. Each lane runs at most `concurrency` hashes at a time and queues the rest in order, and
 * the lanes together stay below the pool size, so a full password lane never delays a receipt.
 */
export class ScryptLane {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly concurrency: number) {}

  async hash(input: string | Buffer, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
    if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      return await new Promise<Buffer>((resolve, reject) =>
        scryptCb(input, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))),
      );
    } finally {
      // Hand the slot straight to the next waiter (running stays the same), or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }

  /** Hashes queued behind the running ones (diagnostics, tests). */
  get queued(): number {
    return this.waiting.length;
  }
}

/**
 * Staff passwords (sign-in, dummy checks for unknown names, new accounts): at most half the cores
 * (scrypt is CPU-bound: on a 2-core machine a second password thread would leave nothing for the
 * event loop) and at most 2 of libuv's 4 threads.
 */
export const passwordLane = new ScryptLane(Math.min(2, Math.max(1, Math.floor(availableParallelism() / 2))));
/** Receipt codes (anonymous reports and questions, opening a receipt): their own thread. */
export const receiptLane = new ScryptLane(1);

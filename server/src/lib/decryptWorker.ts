import { Worker } from 'node:worker_threads';

/**
 * Opens many "<keyId>:<base64(iv | tag | ciphertext)>" values (FieldCrypto's format) off the main
 * thread, so a long export decrypts on one core while it reads and writes on the other. The worker
 * is plain JavaScript evaluated from this string: no file to locate, the same under tsx, jest and the
 * bundled server.
 */
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createDecipheriv } = require('node:crypto');
const keys = new Map(workerData.keys.map((k) => [k.id, Buffer.from(k.key)]));
function open(stored) {
  if (stored === null || stored === undefined) return null;
  const sep = stored.indexOf(':');
  const key = keys.get(stored.slice(0, sep));
  if (!key) throw new Error('unknown data key id "' + stored.slice(0, sep) + '"');
  const raw = Buffer.from(stored.slice(sep + 1), 'base64');
  const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  d.setAuthTag(raw.subarray(12, 28));
  return d.update(raw.subarray(28), undefined, 'utf8') + d.final('utf8');
}
parentPort.on('message', ({ id, items }) => {
  try {
    parentPort.postMessage({ id, out: items.map(open) });
  } catch (err) {
    parentPort.postMessage({ id, error: err.message });
  }
});
`;

type Reply = { id: number; out?: (string | null)[]; error?: string };

export class DecryptWorker {
  private worker: Worker | null = null;
  private seq = 0;
  private readonly waiting = new Map<number, { resolve: (v: (string | null)[]) => void; reject: (e: Error) => void }>();

  constructor(private readonly keys: { id: string; key: Buffer }[]) {}

  private start(): Worker {
    const w = new Worker(SOURCE, { eval: true, workerData: { keys: this.keys.map((k) => ({ id: k.id, key: new Uint8Array(k.key) })) } });
    // An idle worker never keeps the process alive; pending requests keep it referenced.
    w.unref();
    w.on('message', (m: Reply) => {
      const p = this.waiting.get(m.id);
      if (!p) return;
      this.waiting.delete(m.id);
      if (!this.waiting.size) w.unref();
      if (m.error !== undefined) p.reject(new Error(m.error));
      else p.resolve(m.out!);
    });
    const fail = (err: Error) => {
      this.worker = null;
      for (const p of this.waiting.values()) p.reject(err);
      this.waiting.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`decrypt worker exited (${code})`)));
    return w;
  }

  open(items: (string | null)[]): Promise<(string | null)[]> {
    const w = (this.worker ??= this.start());
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      w.ref();
      w.postMessage({ id, items });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}

import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { DecryptWorker } from './decryptWorker';

/**
 * Field-level encryption at rest (AES-256-GCM) with key ids for rotation,
 * and keyed blind indexes (HMAC-SHA256) for exact look-ups of encrypted values.
 * Ciphertext format: "<keyId>:<base64(iv[12] | tag[16] | ciphertext)>".
 */
export class FieldCrypto {
  private readonly active: { id: string; key: Buffer };
  private readonly byId: Map<string, Buffer>;
  private readonly worker: DecryptWorker;

  constructor(
    keys: { id: string; key: Buffer }[],
    private readonly indexKey: Buffer,
  ) {
    if (keys.length === 0) throw new Error('at least one data key is required');
    this.active = keys[0];
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
    this.worker = new DecryptWorker(keys);
  }

  /**
   * `decrypt` of many values at once in a worker thread (started on first use): for long exports,
   * where decryption would otherwise take the main thread's time from reading and writing.
   */
  decryptMany(stored: (string | null)[]): Promise<(string | null)[]> {
    return stored.length ? this.worker.open(stored) : Promise.resolve([]);
  }

  /** Stops the worker thread, if one was started. */
  close(): Promise<void> {
    return this.worker.close();
  }

  encrypt(plain: string): string;
  encrypt(plain: string | null | undefined): string | null;
  encrypt(plain: string | null | undefined): string | null {
    if (plain === null || plain === undefined) return null;
    return this.encryptBytes(Buffer.from(plain, 'utf8'));
  }

  decrypt(stored: string): string;
  decrypt(stored: string | null | undefined): string | null;
  decrypt(stored: string | null | undefined): string | null {
    if (stored === null || stored === undefined) return null;
    return this.decryptBytes(stored).toString('utf8');
  }

  encryptBytes(plain: Buffer): string {
    return `${this.active.id}:${this.sealBytes(plain).toString('base64')}`;
  }

  decryptBytes(stored: string): Buffer {
    const sep = stored.indexOf(':');
    const keyId = stored.slice(0, sep);
    return this.openBytes(Buffer.from(stored.slice(sep + 1), 'base64'), keyId);
  }

  /** Raw binary envelope for files: keyIdLength[1] | keyId | iv | tag | ciphertext. */
  sealFile(plain: Buffer): Buffer {
    const id = Buffer.from(this.active.id, 'utf8');
    return Buffer.concat([Buffer.from([id.length]), id, this.sealBytes(plain)]);
  }

  openFile(sealed: Buffer): Buffer {
    const idLen = sealed[0];
    const keyId = sealed.subarray(1, 1 + idLen).toString('utf8');
    return this.openBytes(sealed.subarray(1 + idLen), keyId);
  }

  /** Deterministic keyed hash for equality look-ups; `purpose` separates index domains. */
  blindIndex(purpose: string, value: string): string {
    return createHmac('sha256', this.indexKey).update(purpose).update('\0').update(value.normalize('NFKC').trim()).digest('hex');
  }

  private sealBytes(plain: Buffer): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.active.key, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  private openBytes(raw: Buffer, keyId: string): Buffer {
    const key = this.byId.get(keyId);
    if (!key) throw new Error(`unknown data key id "${keyId}"`);
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
  }
}

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { normalizeReceiptCode, RECEIPT_ALPHABET, RECEIPT_LENGTH, type ReceiptKind } from '@wbt/shared';
import type { Clock } from '../../lib/clock';
import { receiptLane } from '../../lib/scryptPool';

/**
 * scrypt cost of a receipt hash, chosen on purpose rather than copied from passwords: N = 2^11,
 * r = 8 (2 MiB, a few ms per hash on one core). A receipt code carries 80 random bits and the salt
 * is a secret pepper, so the stretching only matters to someone holding both a database dump and
 * INDEX_KEY, and even then 2^79 expected guesses at 2^11 scrypt each are out of reach; password
 * costs (2^14+) exist for low-entropy human secrets. Every anonymous report and every receipt look-up
 * pays this cost, so a cheaper hash keeps report submission fast under load.
 * Stored as `v2:<base64url>`.
 */
const SCRYPT_V2 = { N: 2048, r: 8, p: 1, maxmem: 8 * 1024 * 1024 };
/** The first version: N = 2^14, stored as bare hex. Still accepted when a receipt is opened. */
const SCRYPT_V1 = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const V2_PREFIX = 'v2:';
const TOKEN_TTL_S = 30 * 60;
const TOKEN_PREFIX: Record<ReceiptKind, string> = { report: 'r2', consultation: 'c2' };

/**
 * Receipt codes and receipt sessions.
 *
 * A code is 16 characters of Crockford base32: 80 random bits. The server keeps only
 * scrypt(code, salt = HMAC-SHA256(INDEX_KEY, "receipt-code/v1")) — a slow hash with a secret
 * pepper as salt. Because the salt is per deployment rather than per row, the hash is
 * deterministic and indexed (UNIQUE), so opening a receipt costs one scrypt plus one index probe,
 * never a scan over all reports. Per-row salts would add little here: they protect low-entropy
 * secrets from multi-target guessing, while 80 random bits are out of reach either way; the pepper
 * keeps a stolen database alone useless for guessing, and scrypt makes each guess expensive even
 * with the key. (A fast HMAC look-up column next to a per-row scrypt hash would let an attacker
 * holding the key test guesses at HMAC speed, defeating the slow hash.)
 */
export class ReceiptCodes {
  private readonly salt: Buffer;
  private readonly tokenKey: Buffer;

  constructor(
    indexKey: Buffer,
    tokenSecret: string,
    private readonly clock: Clock,
  ) {
    this.salt = createHmac('sha256', indexKey).update('receipt-code/v1').digest();
    this.tokenKey = createHmac('sha256', tokenSecret).update('receipt-token/v1').digest();
  }

  /** 16 characters, 5 bits each from a uniform byte (32 divides 256, so no bias). */
  generate(): string {
    const bytes = randomBytes(RECEIPT_LENGTH);
    let out = '';
    for (const b of bytes) out += RECEIPT_ALPHABET[b & 31];
    return out;
  }

  /** The stored form of a new code (current version). Malformed input is hashed too, so every answer costs the same. */
  async hash(code: string): Promise<string> {
    const normalized = normalizeReceiptCode(code) ?? `invalid:${code}`;
    return V2_PREFIX + (await receiptLane.hash(normalized, this.salt, 32, SCRYPT_V2)).toString('base64url');
  }

  /** The stored forms a code may have, current version first; the first version only when asked for. */
  async candidates(code: string, withLegacy: boolean): Promise<string[]> {
    if (!withLegacy) return [await this.hash(code)];
    const normalized = normalizeReceiptCode(code) ?? `invalid:${code}`;
    const legacy = (await receiptLane.hash(normalized, this.salt, 32, SCRYPT_V1)).toString('hex');
    return [await this.hash(code), legacy];
  }

  /**
   * A short-lived bearer for one record's reporter view (a report, or an anonymous question); sent in
   * the X-Receipt-Token header only. The kind is part of what is signed: a report's token never opens
   * a question with the same id.
   */
  issueToken(kind: ReceiptKind, id: number): { token: string; expiresIn: number; kind: ReceiptKind } {
    const exp = Math.floor(this.clock.now().getTime() / 1000) + TOKEN_TTL_S;
    const prefix = TOKEN_PREFIX[kind];
    const payload = Buffer.from(`${id}.${exp}`).toString('base64url');
    return { token: `${prefix}.${payload}.${this.sign(`${prefix}.${payload}`)}`, expiresIn: TOKEN_TTL_S, kind };
  }

  /** The id of a valid, unexpired token of that kind; null otherwise. */
  verifyToken(kind: ReceiptKind, token: string | undefined): number | null {
    const prefix = TOKEN_PREFIX[kind];
    const m = /^([a-z]\d)\.([A-Za-z0-9_-]{1,80})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
    if (!m || m[1] !== prefix) return null;
    const expected = Buffer.from(this.sign(`${prefix}.${m[2]}`));
    const given = Buffer.from(m[3]);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    const [id, exp] = Buffer.from(m[2], 'base64url').toString().split('.').map(Number);
    if (!Number.isInteger(id) || !Number.isFinite(exp) || exp * 1000 <= this.clock.now().getTime()) return null;
    return id;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.tokenKey).update(payload).digest('base64url');
  }
}

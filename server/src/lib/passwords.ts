import { randomBytes, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { passwordLane } from './scryptPool';

const scrypt = (password: string, salt: Buffer, keylen: number, opts: ScryptOptions) => passwordLane.hash(password, salt, keylen, opts);

const KEYLEN = 32;

/** Slow salted hash: "scrypt$N$r$p$salt$hash" (base64). */
export async function hashPassword(password: string, cost: number): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, { N: cost, r: 8, p: 1, maxmem: 256 * cost * 8 });
  return ['scrypt', cost, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const N = Number(n);
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N,
    r: Number(r),
    p: Number(p),
    maxmem: 256 * N * Number(r),
  });
  return timingSafeEqual(key, expected);
}

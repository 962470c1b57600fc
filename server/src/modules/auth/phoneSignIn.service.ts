import { randomInt, timingSafeEqual } from 'node:crypto';
import {
  PHONE_CODE_LENGTH,
  PHONE_CODE_MAX_ATTEMPTS,
  PHONE_CODE_RESEND_SECONDS,
  PHONE_CODE_TTL_MINUTES,
  type AuthTokens,
  type PhoneCodeSent,
} from '@wbt/shared';
import type { Db } from '../../db/client';
import { AppError } from '../../http/errors';
import type { SmsClient } from '../../integrations/sms/client';
import type { Clock } from '../../lib/clock';
import type { FieldCrypto } from '../../lib/fieldCrypto';
import type { Logger } from '../../logger';
import type { AuditService } from '../audit/audit.service';
import type { RatePolicy, RateLimitService } from '../ratelimit/ratelimit.service';
import { authRepo } from './auth.repo';
import type { AuthService } from './auth.service';
import { phoneCodesRepo } from './phoneCodes.repo';

const TTL_MS = PHONE_CODE_TTL_MINUTES * 60_000;

/** Sends are limited per number (a resend pause and an hourly cap) and per client; wrong codes per client. */
export const PHONE_POLICIES = {
  resend: { name: 'sms-resend', limit: 1, windowMs: PHONE_CODE_RESEND_SECONDS * 1000, message: `验证码已发送，请${PHONE_CODE_RESEND_SECONDS}秒后再重新获取` },
  perPhone: { name: 'sms-phone', limit: 5, windowMs: 3600_000, message: '这个手机号获取验证码次数过多，请1小时后再试' },
  perClient: { name: 'sms-client', limit: 10, windowMs: 3600_000, message: '获取验证码次数过多，请稍后再试' },
  wrongCodes: { name: 'sms-verify', limit: 20, windowMs: 15 * 60_000, message: '验证码错误次数过多，请稍后再试' },
} satisfies Record<string, RatePolicy>;

const mask = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;
const codeError = (message: string) => AppError.validation('code', message);

/**
 * Public sign-in by mobile number where WeChat's login is not available (the H5 build): a 6-digit
 * code by SMS, kept only as a keyed hash, valid 5 minutes, spent on first use or after 5 wrong
 * tries. The number is stored encrypted with a blind index; the account is a public user like a
 * WeChat one (same role, same 我的… lists).
 */
export class PhoneSignInService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly crypto: FieldCrypto,
    private readonly sms: SmsClient,
    private readonly rateLimit: RateLimitService,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly logger: Logger,
  ) {}

  private phoneIndex(phone: string): string {
    return this.crypto.blindIndex('phone', phone);
  }

  private codeHash(phoneIndex: string, code: string): string {
    return this.crypto.blindIndex('phone-code', `${phoneIndex}:${code}`);
  }

  async sendCode(phone: string, client: string): Promise<PhoneCodeSent> {
    const phoneIndex = this.phoneIndex(phone);
    await this.rateLimit.assertAllowed(PHONE_POLICIES.perClient, client);
    await this.rateLimit.assertAllowed(PHONE_POLICIES.resend, phoneIndex);
    await this.rateLimit.assertAllowed(PHONE_POLICIES.perPhone, phoneIndex);
    await this.rateLimit.hit(PHONE_POLICIES.perClient, client);
    await this.rateLimit.hit(PHONE_POLICIES.resend, phoneIndex);
    await this.rateLimit.hit(PHONE_POLICIES.perPhone, phoneIndex);

    const now = this.clock.now();
    const code = String(randomInt(0, 10 ** PHONE_CODE_LENGTH)).padStart(PHONE_CODE_LENGTH, '0');
    const id = await this.db.transaction(async (tx) => {
      await phoneCodesRepo.voidAll(tx, phoneIndex, now);
      return phoneCodesRepo.insert(tx, { phoneIndex, codeHash: this.codeHash(phoneIndex, code), createdAt: now, expiresAt: new Date(now.getTime() + TTL_MS) });
    });
    await phoneCodesRepo.purgeExpired(this.db, new Date(now.getTime() - 24 * 3600_000)).catch(() => undefined);
    try {
      await this.sms.sendVerificationCode(phone, code, PHONE_CODE_TTL_MINUTES);
    } catch (err) {
      await phoneCodesRepo.spend(this.db, id, now);
      this.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'sms send failed');
      throw new AppError('UNAVAILABLE', '短信没有发出去，请稍后重试');
    }
    await this.audit.record({ actor: null, action: 'auth.phone_code', result: 'ok' });
    return { sentTo: mask(phone), expiresIn: TTL_MS / 1000, resendIn: PHONE_CODE_RESEND_SECONDS };
  }

  async signIn(phone: string, code: string, client: string): Promise<AuthTokens> {
    await this.rateLimit.assertAllowed(PHONE_POLICIES.wrongCodes, client);
    const now = this.clock.now();
    const phoneIndex = this.phoneIndex(phone);
    const row = await phoneCodesRepo.latest(this.db, phoneIndex);
    if (!row || row.usedAt || row.expiresAt <= now) {
      await this.rateLimit.hit(PHONE_POLICIES.wrongCodes, client);
      throw codeError('验证码已失效，请重新获取');
    }
    const expected = Buffer.from(row.codeHash, 'hex');
    const given = Buffer.from(this.codeHash(phoneIndex, code), 'hex');
    if (!timingSafeEqual(expected, given)) {
      await this.rateLimit.hit(PHONE_POLICIES.wrongCodes, client);
      const counted = await phoneCodesRepo.countAttempt(this.db, row.id);
      const left = PHONE_CODE_MAX_ATTEMPTS - (row.attempts + 1);
      await this.audit.record({ actor: null, action: 'auth.phone_login', result: 'failed', detail: { reason: 'wrong_code' } });
      if (!counted || left <= 0) {
        await phoneCodesRepo.spend(this.db, row.id, now);
        throw codeError('验证码错误次数过多，已失效，请重新获取');
      }
      throw codeError(`验证码不正确，还可以再试${left}次`);
    }
    if (!(await phoneCodesRepo.spend(this.db, row.id, now))) throw codeError('验证码已失效，请重新获取');

    let user = await phoneCodesRepo.userByPhoneIndex(this.db, phoneIndex);
    if (!user) {
      try {
        await authRepo.insertUser(this.db, { role: 'public', name: '手机用户', phoneIndex, phoneEnc: this.crypto.encrypt(phone), createdAt: now });
      } catch (err) {
        // Two first sign-ins of one number at once: the other one created the account.
        if ((err as { cause?: { errno?: number } }).cause?.errno !== 1062) throw err;
      }
      user = (await phoneCodesRepo.userByPhoneIndex(this.db, phoneIndex))!;
    }
    if (!user.active || user.role !== 'public') throw AppError.unauthenticated('这个手机号不能在这里登录，请联系未保站');
    await this.audit.record({ actor: { userId: user.id, role: user.role }, action: 'auth.phone_login', targetType: 'user', targetId: user.id, result: 'ok' });
    return this.auth.sessionFor(user);
  }
}

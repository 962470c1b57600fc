import { z } from 'zod';
import { Role } from './org';

export const LoginRequest = z.object({
  username: z.string({ error: '请输入用户名' }).trim().min(1, '请输入用户名').max(64, '用户名不能超过64个字符'),
  password: z.string({ error: '请输入密码' }).min(1, '请输入密码').max(128, '密码不能超过128个字符'),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const WechatLoginRequest = z.object({
  code: z.string({ error: '缺少微信登录凭证 code' }).trim().min(1, '缺少微信登录凭证 code').max(128),
});
export type WechatLoginRequest = z.infer<typeof WechatLoginRequest>;

export const RefreshRequest = z.object({
  refreshToken: z.string({ error: '缺少刷新令牌' }).min(10, '刷新令牌格式不正确').max(512),
});
export type RefreshRequest = z.infer<typeof RefreshRequest>;

export const SessionUser = z.object({
  id: z.number().int(),
  role: z.enum(Role.codes),
  orgId: z.number().int().nullable(),
  name: z.string(),
  /** The password was set by someone else (new account, reset): choose a new one before anything else. */
  mustChangePassword: z.boolean().optional(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const AuthTokens = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  user: SessionUser,
});
export type AuthTokens = z.infer<typeof AuthTokens>;

// ---- Phone sign-in for the public (H5, where there is no WeChat login): a one-time code by SMS ----

/** Digits of a one-time sign-in code, and how long it is valid. */
export const PHONE_CODE_LENGTH = 6;
export const PHONE_CODE_TTL_MINUTES = 5;
/** Wrong codes allowed before the code is spent and a new one must be requested. */
export const PHONE_CODE_MAX_ATTEMPTS = 5;
/** Seconds before another code may be sent to the same number. */
export const PHONE_CODE_RESEND_SECONDS = 60;

/** A mainland mobile number, as people type or paste it: spaces, dashes, "+86" are dropped. */
export function normalizeMobile(input: string): string | null {
  const digits = input.normalize('NFKC').replace(/[\s\p{Pd}()（）]/gu, '').replace(/^(\+?86|0086)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

export const MobileNumber = z
  .string({ error: '请输入手机号' })
  .trim()
  .min(1, '请输入手机号')
  .max(20, '手机号格式不正确，请输入11位手机号')
  .transform((v, ctx) => {
    const n = normalizeMobile(v);
    if (!n) {
      ctx.addIssue({ code: 'custom', message: '手机号格式不正确，请输入11位手机号' });
      return z.NEVER;
    }
    return n;
  });

export const PhoneCodeRequest = z.object({ phone: MobileNumber });
export type PhoneCodeRequest = z.input<typeof PhoneCodeRequest>;

export const PhoneCodeSent = z.object({
  /** The number, masked: "138****5678". */
  sentTo: z.string(),
  expiresIn: z.number(),
  resendIn: z.number(),
});
export type PhoneCodeSent = z.infer<typeof PhoneCodeSent>;

export const PhoneLoginRequest = z.object({
  phone: MobileNumber,
  code: z
    .string({ error: '请输入验证码' })
    .trim()
    .regex(new RegExp(`^\\d{${PHONE_CODE_LENGTH}}$`), `验证码是${PHONE_CODE_LENGTH}位数字`),
});
export type PhoneLoginRequest = z.input<typeof PhoneLoginRequest>;

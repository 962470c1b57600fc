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
});
export type SessionUser = z.infer<typeof SessionUser>;

export const AuthTokens = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  user: SessionUser,
});
export type AuthTokens = z.infer<typeof AuthTokens>;

import Taro from '@tarojs/taro';
import type { AuthTokens, LoginRequest, PhoneCodeSent, Role } from '@wbt/shared';
import { api, ApiError } from './api';
import { IS_WEAPP } from './config';
import { clearSession, getSession, setSession } from './session';

/** GET /api/me */
export interface MeResponse {
  user: { id: number; role: Role; orgId: number | null; name: string; orgName: string | null; mustChangePassword?: boolean };
}

/** Staff sign-in with username and password. */
export async function passwordSignIn(input: LoginRequest): Promise<AuthTokens> {
  const tokens = await api.post<AuthTokens>('/api/auth/login', input, { auth: false });
  setSession(tokens);
  return tokens;
}

/** Public sign-in with WeChat: Taro.login's code is exchanged by the server. Mini-program only. */
export async function wechatSignIn(): Promise<AuthTokens> {
  if (!IS_WEAPP) throw new ApiError(0, 'UNSUPPORTED', '微信登录仅可在微信小程序中使用');
  const { code } = await Taro.login();
  if (!code) throw new ApiError(0, 'WECHAT_LOGIN_FAILED', '微信登录失败，请稍后重试');
  const tokens = await api.post<AuthTokens>('/api/auth/wechat', { code }, { auth: false });
  setSession(tokens);
  return tokens;
}

/** Phone sign-in (H5): asks the server to text a one-time code to the number. */
export const sendPhoneCode = (phone: string) => api.post<PhoneCodeSent>('/api/auth/phone/code', { phone }, { auth: false });

/** Phone sign-in (H5): the code for a session, as a public user like a WeChat one. */
export async function phoneSignIn(phone: string, code: string): Promise<AuthTokens> {
  const tokens = await api.post<AuthTokens>('/api/auth/phone/login', { phone, code }, { auth: false });
  setSession(tokens);
  return tokens;
}

export function fetchMe(): Promise<MeResponse> {
  return api.get<MeResponse>('/api/me');
}

/** Revoke the session on the server (best effort) and forget it locally. */
export async function signOut(): Promise<void> {
  const session = getSession();
  try {
    // Authenticated like any call (an expired access token is refreshed first), so that the
    // server can revoke the whole token family.
    if (session) await api.post<void>('/api/auth/logout', { refreshToken: session.refreshToken });
  } catch {
    // The local session is dropped either way; the tokens expire on their own.
  } finally {
    clearSession();
  }
}

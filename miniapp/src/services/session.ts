import Taro from '@tarojs/taro';
import type { AuthTokens } from '@wbt/shared';

/** The signed-in session as the server returned it at login or refresh. */
export type Session = AuthTokens;

const SESSION_KEY = 'wbt.session';

function isSession(value: unknown): value is Session {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<Session>;
  return typeof v.accessToken === 'string' && typeof v.refreshToken === 'string' && typeof v.user === 'object';
}

export function getSession(): Session | null {
  try {
    const stored: unknown = Taro.getStorageSync(SESSION_KEY);
    return isSession(stored) ? stored : null;
  } catch {
    return null;
  }
}

export function setSession(session: Session): void {
  Taro.setStorageSync(SESSION_KEY, session);
}

export function clearSession(): void {
  try {
    Taro.removeStorageSync(SESSION_KEY);
  } catch {
    // Storage unavailable: nothing to clear.
  }
}

import Taro from '@tarojs/taro';
import type { AuthTokens } from '@wbt/shared';
import { ApiError, errorFromResponse, networkError } from './api-error';
import { API_BASE, LOGIN_PAGE, PASSWORD_CHANGE_PAGE } from './config';
import { clearSession, getSession, setSession } from './session';

export { ApiError, NETWORK_ERROR_MESSAGE } from './api-error';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Show the error's Chinese message in a toast before throwing. */
  showError?: boolean;
  /** Send the access token and refresh it on 401 (default true). */
  auth?: boolean;
  timeoutMs?: number;
}

/** Retry policy for network failures of idempotent requests; tests may shorten the backoff. */
export const retryPolicy = {
  maxNetworkRetries: 2,
  backoffMs: (attempt: number): number => 400 * 2 ** attempt,
};

const DEFAULT_TIMEOUT_MS = 15_000;
const REFRESH_PATH = '/api/auth/refresh';

interface RawResponse {
  statusCode: number;
  data: unknown;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function hasIdempotencyKey(headers: Record<string, string>): boolean {
  return Object.keys(headers).some((k) => k.toLowerCase() === 'idempotency-key');
}

/** One HTTP exchange. Resolves for every HTTP status; rejects only when the network fails. */
async function send(
  method: HttpMethod,
  path: string,
  body: unknown,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<RawResponse> {
  const res = await Taro.request({
    url: API_BASE + path,
    method,
    data: body as TaroGeneral.IAnyObject | undefined,
    header: { Accept: 'application/json', ...headers },
    dataType: 'json',
    timeout: timeoutMs,
  });
  return { statusCode: res.statusCode, data: res.data };
}

/** send() with retries on network failure, for GETs and requests that carry an Idempotency-Key. */
async function sendWithRetry(
  method: HttpMethod,
  path: string,
  body: unknown,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<RawResponse> {
  const retryable = method === 'GET' || hasIdempotencyKey(headers);
  const attempts = retryable ? retryPolicy.maxNetworkRetries + 1 : 1;
  for (let attempt = 0; ; attempt++) {
    try {
      return await send(method, path, body, headers, timeoutMs);
    } catch {
      if (attempt + 1 >= attempts) throw networkError();
      await sleep(retryPolicy.backoffMs(attempt));
    }
  }
}

type RefreshResult = 'refreshed' | 'rejected';
let refreshInFlight: Promise<RefreshResult> | null = null;

/** Exchange the refresh token for a new pair. Concurrent callers share one request. */
function refreshSession(): Promise<RefreshResult> {
  if (!refreshInFlight) {
    refreshInFlight = (async (): Promise<RefreshResult> => {
      const refreshToken = getSession()?.refreshToken;
      if (!refreshToken) return 'rejected';
      const res = await sendWithRetry('POST', REFRESH_PATH, { refreshToken }, {}, DEFAULT_TIMEOUT_MS);
      if (res.statusCode >= 200 && res.statusCode < 300 && res.data && typeof res.data === 'object') {
        setSession(res.data as AuthTokens);
        return 'refreshed';
      }
      return 'rejected';
    })().finally(() => {
      refreshInFlight = null;
    });
  }
  return refreshInFlight;
}

let endingSession = false;

/** The session cannot be renewed: forget it and send the user to the sign-in page. */
function endSession(): void {
  clearSession();
  if (endingSession) return;
  endingSession = true;
  let onLoginPage = false;
  try {
    const pages = Taro.getCurrentPages();
    const route = pages[pages.length - 1]?.route ?? '';
    onLoginPage = route.replace(/^\//, '') === LOGIN_PAGE.replace(/^\//, '');
  } catch {
    // getCurrentPages is unavailable before the first page mounts.
  }
  const done = () => {
    endingSession = false;
  };
  if (onLoginPage) done();
  else Taro.reLaunch({ url: LOGIN_PAGE }).then(done, done);
}

async function request<T>(method: HttpMethod, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const useAuth = opts.auth !== false;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const headersFor = (token: string | undefined): Record<string, string> => ({
    ...(body !== undefined && method !== 'GET' ? { 'Content-Type': 'application/json' } : {}),
    ...opts.headers,
    ...(useAuth && token ? { Authorization: `Bearer ${token}` } : {}),
  });

  try {
    const sentToken = useAuth ? getSession()?.accessToken : undefined;
    let res = await sendWithRetry(method, path, body, headersFor(sentToken), timeoutMs);

    if (res.statusCode === 401 && useAuth && sentToken) {
      // Another request may already have renewed the token while this one was in flight.
      const current = getSession()?.accessToken;
      const renewed = current && current !== sentToken ? 'refreshed' : await refreshSession();
      const token = getSession()?.accessToken;
      if (renewed === 'refreshed' && token) {
        res = await sendWithRetry(method, path, body, headersFor(token), timeoutMs);
      }
      if (renewed !== 'refreshed' || res.statusCode === 401) {
        endSession();
        throw errorFromResponse(401, res.data);
      }
    }

    if (res.statusCode >= 200 && res.statusCode < 300) {
      return (res.statusCode === 204 ? undefined : res.data) as T;
    }
    // A password set by someone else must be replaced before anything else (the session stays).
    if (res.statusCode === 403 && (res.data as { error?: { code?: string } } | undefined)?.error?.code === 'PASSWORD_CHANGE_REQUIRED') {
      openPasswordChange();
    }
    throw errorFromResponse(res.statusCode, res.data);
  } catch (err) {
    const apiErr = err instanceof ApiError ? err : networkError();
    if (opts.showError) void Taro.showToast({ title: apiErr.message, icon: 'none', duration: 2500 });
    throw apiErr;
  }
}

let openingPasswordPage = false;

/**
 * Opens the password page once: a page's requests all answer PASSWORD_CHANGE_REQUIRED together, and a
 * second relaunch would replace the form the person is already typing into.
 */
function openPasswordChange(): void {
  const pages = Taro.getCurrentPages();
  const here = pages.length ? `/${pages[pages.length - 1].route ?? ''}`.replace(/^\/+/, '/') : '';
  if (openingPasswordPage || here.split('?')[0] === PASSWORD_CHANGE_PAGE.split('?')[0]) return;
  openingPasswordPage = true;
  void Taro.reLaunch({ url: PASSWORD_CHANGE_PAGE })
    .catch(() => undefined)
    .finally(() => {
      openingPasswordPage = false;
    });
}

/** The one request client of the mini-program. Paths start with /api. */
export const api = {
  get: <T>(path: string, query?: Record<string, string | number | boolean>, opts?: RequestOptions) =>
    request<T>('GET', path, query, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, body, opts),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', path, body, opts),
  patch: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PATCH', path, body, opts),
  del: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('DELETE', path, body, opts),
};

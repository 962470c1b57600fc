import Taro from '@tarojs/taro';
import { api, ApiError, NETWORK_ERROR_MESSAGE, retryPolicy } from '../../miniapp/src/services/api';
import { clearSession, getSession, setSession } from '../../miniapp/src/services/session';
import { delay, fakeServer, type FakeRequest } from './support/fake-server';

const user = { id: 7, role: 'director' as const, orgId: 12, name: '李春梅' };
const bearer = (req: FakeRequest) => req.header.Authorization;

let reLaunch: jest.SpyInstance;
let showToast: jest.SpyInstance;

beforeEach(() => {
  clearSession();
  retryPolicy.backoffMs = () => 1;
  reLaunch = jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' });
  showToast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' });
  jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([]);
});

afterEach(() => jest.restoreAllMocks());

describe('api client: tokens', () => {
  it('sends the access token and returns the body', async () => {
    setSession({ accessToken: 'access-1', refreshToken: 'refresh-1', user });
    const server = fakeServer(() => ({ statusCode: 200, data: { ok: true } }));
    await expect(api.get('/api/me')).resolves.toEqual({ ok: true });
    expect(bearer(server.calls[0])).toBe('Bearer access-1');
  });

  it('refreshes once for concurrent 401s and retries each request with the new token', async () => {
    setSession({ accessToken: 'stale', refreshToken: 'refresh-1', user });
    const server = fakeServer(async (req) => {
      if (req.url === '/api/auth/refresh') {
        await delay(20); // keep the refresh in flight while the other 401s arrive
        expect(req.data).toEqual({ refreshToken: 'refresh-1' });
        return { statusCode: 200, data: { accessToken: 'fresh', refreshToken: 'refresh-2', user } };
      }
      if (bearer(req) !== 'Bearer fresh') return { statusCode: 401, data: { error: { code: 'UNAUTHENTICATED', message: '登录已失效' } } };
      return { statusCode: 200, data: { path: req.url } };
    });

    const results = await Promise.all([api.get('/api/a'), api.get('/api/b'), api.post('/api/c', { x: 1 })]);

    expect(results).toEqual([{ path: '/api/a' }, { path: '/api/b' }, { path: '/api/c' }]);
    expect(server.paths().filter((p) => p === 'POST /api/auth/refresh')).toHaveLength(1);
    expect(server.calls.filter((c) => c.url === '/api/c').map(bearer)).toEqual(['Bearer stale', 'Bearer fresh']);
    expect(getSession()).toMatchObject({ accessToken: 'fresh', refreshToken: 'refresh-2' });
    expect(reLaunch).not.toHaveBeenCalled();
  });

  it('does not refresh again when another request already renewed the token', async () => {
    setSession({ accessToken: 'stale', refreshToken: 'refresh-1', user });
    let answerLate: (() => void) | undefined;
    const server = fakeServer(async (req) => {
      if (req.url === '/api/auth/refresh') return { statusCode: 200, data: { accessToken: 'fresh', refreshToken: 'refresh-2', user } };
      if (req.url === '/api/slow' && bearer(req) === 'Bearer stale') {
        await new Promise<void>((resolve) => (answerLate = resolve));
        return { statusCode: 401, data: {} };
      }
      return bearer(req) === 'Bearer fresh' ? { statusCode: 200, data: req.url } : { statusCode: 401, data: {} };
    });

    const slow = api.get('/api/slow');
    await expect(api.get('/api/fast')).resolves.toBe('/api/fast');
    answerLate?.();
    await expect(slow).resolves.toBe('/api/slow');
    expect(server.paths().filter((p) => p === 'POST /api/auth/refresh')).toHaveLength(1);
  });

  it('ends the session and opens the sign-in page when the refresh is refused', async () => {
    setSession({ accessToken: 'stale', refreshToken: 'spent', user });
    const server = fakeServer((req) =>
      req.url === '/api/auth/refresh'
        ? { statusCode: 401, data: { error: { code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录' } } }
        : { statusCode: 401, data: { error: { code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录' } } },
    );

    const results = await Promise.allSettled([api.get('/api/a'), api.get('/api/b')]);

    for (const r of results) {
      expect(r.status).toBe('rejected');
      const err = (r as PromiseRejectedResult).reason as ApiError;
      expect(err).toBeInstanceOf(ApiError);
      expect(err.status).toBe(401);
      expect(err.message).toBe('登录已失效，请重新登录');
    }
    expect(server.paths().filter((p) => p === 'POST /api/auth/refresh')).toHaveLength(1);
    expect(getSession()).toBeNull();
    expect(reLaunch).toHaveBeenCalledTimes(1);
    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' });
  });

  it('opens the password page when the server asks for a new password first, keeping the session', async () => {
    setSession({ accessToken: 'access-1', refreshToken: 'refresh-1', user });
    fakeServer(() => ({ statusCode: 403, data: { error: { code: 'PASSWORD_CHANGE_REQUIRED', message: '请先修改初始密码，再继续使用' } } }));
    await expect(api.get('/api/tasks/mine')).rejects.toMatchObject({ status: 403, code: 'PASSWORD_CHANGE_REQUIRED' });
    expect(reLaunch).toHaveBeenCalledWith({ url: '/staff/pages/admin/password?forced=1' });
    expect(getSession()).toMatchObject({ accessToken: 'access-1' });
  });

  it('opens the password page once for a page whose requests all ask for it, and not over the open form', async () => {
    setSession({ accessToken: 'access-1', refreshToken: 'refresh-1', user });
    fakeServer(() => ({ statusCode: 403, data: { error: { code: 'PASSWORD_CHANGE_REQUIRED', message: '请先修改初始密码，再继续使用' } } }));
    const pages = Taro.getCurrentPages as unknown as jest.Mock;
    pages.mockReturnValue([{ route: 'staff/pages/workbench/index' }]);
    // The relaunch settles only once the password page is showing.
    let shown: () => void = () => undefined;
    reLaunch.mockImplementation(
      () =>
        new Promise((resolve) => {
          shown = () => {
            pages.mockReturnValue([{ route: '/staff/pages/admin/password' }]);
            resolve({ errMsg: 'reLaunch:ok' });
          };
        }),
    );
    await Promise.all(['/api/tasks/mine', '/api/notifications/unread', '/api/deadlines/summary'].map((p) => api.get(p).catch(() => undefined)));
    expect(reLaunch).toHaveBeenCalledTimes(1);
    shown();
    await new Promise((r) => setTimeout(r, 0));
    // A late answer while the form is open (an unread-count poll, say) leaves it alone.
    await api.get('/api/notifications/unread').catch(() => undefined);
    expect(reLaunch).toHaveBeenCalledTimes(1);
  });

  it('does not try to refresh for requests sent without auth', async () => {
    const server = fakeServer(() => ({ statusCode: 401, data: { error: { code: 'UNAUTHENTICATED', message: '用户名或密码错误' } } }));
    await expect(api.post('/api/auth/login', { username: 'a', password: 'b' }, { auth: false })).rejects.toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
      message: '用户名或密码错误',
    });
    expect(server.calls).toHaveLength(1);
    expect(reLaunch).not.toHaveBeenCalled();
  });
});

describe('api client: network failures and errors', () => {
  it('retries a GET twice on network failure, then gives up with a Chinese message', async () => {
    const server = fakeServer(() => 'network');
    await expect(api.get('/api/health')).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR', message: NETWORK_ERROR_MESSAGE });
    expect(server.calls).toHaveLength(3);
  });

  it('succeeds when a retry gets through', async () => {
    let n = 0;
    const server = fakeServer(() => (++n < 3 ? 'network' : { statusCode: 200, data: 'ok' }));
    await expect(api.get('/api/health')).resolves.toBe('ok');
    expect(server.calls).toHaveLength(3);
  });

  it('does not retry a POST, unless it carries an Idempotency-Key', async () => {
    const server = fakeServer(() => 'network');
    await expect(api.post('/api/reports', {})).rejects.toBeInstanceOf(ApiError);
    expect(server.calls).toHaveLength(1);
    await expect(api.post('/api/reports', {}, { headers: { 'Idempotency-Key': 'k-1' } })).rejects.toBeInstanceOf(ApiError);
    expect(server.calls).toHaveLength(4);
  });

  it("maps the server's error body to ApiError with its details", async () => {
    fakeServer(() => ({
      statusCode: 400,
      data: { error: { code: 'VALIDATION_FAILED', message: '请检查填写的内容', details: [{ path: 'username', message: '请输入用户名' }] } },
    }));
    const err = (await api.post('/api/x', {}).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: '请检查填写的内容' });
    expect(err.fieldErrors()).toEqual({ username: '请输入用户名' });
  });

  it('falls back to a Chinese message when the body is not the error shape', async () => {
    fakeServer(() => ({ statusCode: 502, data: '<html>Bad Gateway</html>' }));
    await expect(api.get('/api/x')).rejects.toMatchObject({ status: 502, message: '服务暂时不可用，请稍后再试' });
  });

  it('shows the message in a toast when asked to', async () => {
    fakeServer(() => ({ statusCode: 403, data: { error: { code: 'FORBIDDEN', message: '没有权限' } } }));
    await expect(api.get('/api/x', undefined, { showError: true })).rejects.toBeInstanceOf(ApiError);
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '没有权限', icon: 'none' }));
  });

  it('returns undefined for 204', async () => {
    fakeServer(() => ({ statusCode: 204 }));
    await expect(api.del('/api/x')).resolves.toBeUndefined();
  });
});

import { AuthTokens, LoginRequest, RefreshRequest, Role, WechatLoginRequest } from '@wbt/shared';
import { z } from 'zod';
import type { RouteTable } from '../../http/route';
import type { AuthService } from './auth.service';

const MeResponse = z.object({
  user: z.object({ id: z.number(), role: z.enum(Role.codes), orgId: z.number().nullable(), name: z.string(), orgName: z.string().nullable() }),
});

export function authRoutes(routes: RouteTable, auth: AuthService): void {
  routes.add({
    method: 'post', path: '/api/auth/login', summary: '工作人员用户名密码登录', tags: ['auth'], auth: 'public',
    body: LoginRequest, response: AuthTokens,
    handler: ({ body }) => auth.login(body.username, body.password),
  });
  routes.add({
    method: 'post', path: '/api/auth/wechat', summary: '微信登录（code2Session）', tags: ['auth'], auth: 'public',
    body: WechatLoginRequest, response: AuthTokens,
    handler: ({ body }) => auth.wechatLogin(body.code),
  });
  routes.add({
    method: 'post', path: '/api/auth/refresh', summary: '刷新令牌（轮换）', tags: ['auth'], auth: 'public',
    body: RefreshRequest, response: AuthTokens,
    handler: ({ body }) => auth.refresh(body.refreshToken),
  });
  routes.add({
    method: 'post', path: '/api/auth/logout', summary: '退出登录并吊销令牌', tags: ['auth'], auth: 'user',
    handler: ({ actor }) => auth.logout(actor),
  });
  routes.add({
    method: 'get', path: '/api/me', summary: '当前登录用户', tags: ['auth'], auth: 'user', response: MeResponse,
    handler: async ({ actor }) => ({ user: await auth.me(actor) }),
  });
}

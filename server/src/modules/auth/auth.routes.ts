import { AuthTokens, LoginRequest, PasswordChangeRequest, PhoneCodeRequest, PhoneCodeSent, PhoneLoginRequest, RefreshRequest, Role, WechatLoginRequest } from '@wbt/shared';
import { z } from 'zod';
import type { RouteTable } from '../../http/route';
import { clientKey } from '../../http/clientKey';
import type { AuthService } from './auth.service';
import type { PhoneSignInService } from './phoneSignIn.service';

const MeResponse = z.object({
  user: z.object({ id: z.number(), role: z.enum(Role.codes), orgId: z.number().nullable(), name: z.string(), orgName: z.string().nullable(), mustChangePassword: z.boolean() }),
});

export function authRoutes(routes: RouteTable, auth: AuthService, phone: PhoneSignInService): void {
  routes.add({
    method: 'post', path: '/api/auth/login', summary: '工作人员用户名密码登录', tags: ['auth'], auth: 'public',
    body: LoginRequest, response: AuthTokens,
    handler: ({ body, koa }) => auth.login(body.username, body.password, clientKey(koa)),
  });
  routes.add({
    method: 'post', path: '/api/auth/wechat', summary: '微信登录（code2Session）', tags: ['auth'], auth: 'public',
    body: WechatLoginRequest, response: AuthTokens,
    handler: ({ body }) => auth.wechatLogin(body.code),
  });
  routes.add({
    method: 'post', path: '/api/auth/wechat/bind', summary: '工作人员绑定微信，用于接收工作提醒（订阅消息，内容不含个人信息）', tags: ['auth'], auth: 'staff',
    body: WechatLoginRequest,
    handler: ({ actor, body }) => auth.bindWechat(actor, body.code),
  });
  routes.add({
    method: 'post', path: '/api/auth/phone/code', summary: '手机号登录：发送6位验证码（5分钟有效；同一号码60秒一次、每小时5次，同一来源每小时10次）', tags: ['auth'], auth: 'public',
    body: PhoneCodeRequest, response: PhoneCodeSent,
    handler: ({ body, koa }) => phone.sendCode(body.phone, clientKey(koa)),
  });
  routes.add({
    method: 'post', path: '/api/auth/phone/login', summary: '手机号登录：验证码换取登录令牌（一次有效，错5次作废）；身份与微信登录的群众用户相同', tags: ['auth'], auth: 'public',
    body: PhoneLoginRequest, response: AuthTokens,
    handler: ({ body, koa }) => phone.signIn(body.phone, body.code, clientKey(koa)),
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
    method: 'post', path: '/api/auth/password', summary: '修改本人密码（初始密码或被重置后必须先修改）；其他登录会话随之下线', tags: ['auth'], auth: 'staff',
    body: PasswordChangeRequest,
    handler: ({ actor, body }) => auth.changePassword(actor, body.currentPassword, body.newPassword),
  });
  routes.add({
    method: 'get', path: '/api/me', audit: 'none', summary: '当前登录用户', tags: ['auth'], auth: 'user', response: MeResponse,
    handler: async ({ actor }) => ({ user: await auth.me(actor) }),
  });
}

import { weakPasswordReason, type AuthTokens, type Role } from '@wbt/shared';
import type Koa from 'koa';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import type { WechatClient } from '../../integrations/wechat/client';
import type { Clock } from '../../lib/clock';
import type { FieldCrypto } from '../../lib/fieldCrypto';
import { newId, randomToken, sha256Hex } from '../../lib/ids';
import { hashPassword, verifyPassword } from '../../lib/passwords';
import type { AuditService } from '../audit/audit.service';
import { RATE_POLICIES, type RateLimitService } from '../ratelimit/ratelimit.service';
import { authRepo, type UserRow } from './auth.repo';
import { loginGuardsRepo, userGuardKey } from './loginGuards.repo';
import { AccessTokens } from './tokens';

/** At most MAX_FAILURES passwords are checked per name per FAILURE_WINDOW_MS; then it locks for LOCK_MS. */
const MAX_FAILURES = 5;
const FAILURE_WINDOW_MS = 15 * 60 * 1000;
const LOCK_MS = 15 * 60 * 1000;
/** lastSeen is written at most this often, to keep authentication cheap. */
const TOUCH_EVERY_MS = 30 * 1000;
const BAD_CREDENTIALS = '用户名或密码错误';
const asActor = (u: UserRow) => ({ userId: u.id, role: u.role });
/** What a person whose password was set by someone else may still do before choosing their own. */
const OPEN_WHILE_PASSWORD_CHANGE: ReadonlySet<string> = new Set(['/api/auth/password', '/api/auth/logout', '/api/me']);
const sessionUser = (u: UserRow) => ({ id: u.id, role: u.role, orgId: u.orgId, name: u.name, mustChangePassword: u.mustChangePassword });

export class AuthService {
  readonly tokens: AccessTokens;
  private dummyHash?: Promise<string>;

  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly wechat: WechatClient,
    private readonly crypto: FieldCrypto,
    private readonly rateLimit: RateLimitService,
  ) {
    this.tokens = new AccessTokens(config.jwtSecret, config.accessTtl, clock);
  }

  hashPassword(password: string): Promise<string> {
    return hashPassword(password, this.config.passwordCost);
  }

  async createStaff(input: { username: string; password: string; name: string; role: Exclude<Role, 'public'>; orgId: number }): Promise<number> {
    return authRepo.insertUser(this.db, {
      username: input.username,
      passwordHash: await this.hashPassword(input.password),
      name: input.name,
      role: input.role,
      orgId: input.orgId,
      createdAt: this.clock.now(),
    });
  }

  /**
   * Staff sign-in. `client` is the caller's rate-limit key (clientKey). Order matters:
   * 1. per-client and per-username rate limits (counted now, taken back on success);
   * 2. the name's login guard counts this guess before any password is checked, so concurrent
   *    guesses cannot outrun the lock;
   * 3. one scrypt, against the account's hash or a dummy one, so unknown names cost the same time
   *    and lock the same way as real ones.
   */
  async login(username: string, password: string, client: string): Promise<AuthTokens> {
    const name = username.trim().toLowerCase();
    const releaseClient = await this.rateLimit.take(RATE_POLICIES.loginClient, client);
    const releaseUser = await this.rateLimit.take(RATE_POLICIES.loginUser, name);
    const now = this.clock.now();
    const found = await authRepo.userByUsername(this.db, username);
    const user = found && found.passwordHash && found.active && found.role !== 'public' ? found : undefined;
    // Accounts by id (the column's collation matches names case-insensitively); unknown names by a keyed index.
    const guard = user ? userGuardKey(user.id) : `n:${this.crypto.blindIndex('login-name', name)}`;
    const who = user ? { actor: asActor(user), targetType: 'user', targetId: user.id } : { actor: null };
    const floor = new Date(now.getTime() - FAILURE_WINDOW_MS);
    if (!(await loginGuardsRepo.reserve(this.db, guard, now, floor, MAX_FAILURES))) {
      await this.audit.record({ ...who, action: 'auth.login', result: 'locked' });
      throw this.lockedError(await this.lockedUntil(guard, now), now);
    }
    const ok = await verifyPassword(password, user?.passwordHash ?? (await (this.dummyHash ??= this.hashPassword('dummy-password'))));
    if (!user || !ok) {
      await this.audit.record({ ...who, action: 'auth.login', result: 'failed', detail: user ? undefined : { reason: 'unknown_user' } });
      const until = new Date(now.getTime() + LOCK_MS);
      if (await loginGuardsRepo.lockIfExhausted(this.db, guard, now, floor, MAX_FAILURES, until)) {
        await this.audit.record({ ...who, action: 'auth.lock', result: 'locked' });
        throw this.lockedError(until, now);
      }
      throw AppError.unauthenticated(BAD_CREDENTIALS);
    }
    await loginGuardsRepo.clear(this.db, guard);
    await releaseClient();
    await releaseUser();
    await this.audit.record({ ...who, action: 'auth.login', result: 'ok', orgId: user.orgId });
    return this.sessionFor(user);
  }

  /** Forgets finished guards, so names tried once (most of them unknown) do not pile up. */
  sweepLoginGuards(): Promise<number> {
    const now = this.clock.now();
    return loginGuardsRepo.sweep(this.db, now, new Date(now.getTime() - FAILURE_WINDOW_MS));
  }

  /** When a refused guard opens again: its lock, or the end of the window its guesses filled. */
  private async lockedUntil(guard: string, now: Date): Promise<Date> {
    const row = await loginGuardsRepo.get(this.db, guard);
    if (row?.lockedUntil && row.lockedUntil > now) return row.lockedUntil;
    return new Date((row?.windowStartedAt ?? now).getTime() + FAILURE_WINDOW_MS);
  }

  private lockedError(until: Date, now: Date): AppError {
    const minutes = Math.ceil((until.getTime() - now.getTime()) / 60000);
    return AppError.tooMany('ACCOUNT_LOCKED', `登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试`, (until.getTime() - now.getTime()) / 1000);
  }

  /** Public users: the mini-program's Taro.login code, exchanged for an openid (code2Session). */
  async wechatLogin(code: string): Promise<AuthTokens> {
    let openid: string;
    try {
      ({ openid } = await this.wechat.code2Session(code));
    } catch {
      await this.audit.record({ actor: null, action: 'auth.wechat_login', result: 'failed' });
      throw AppError.unauthenticated('微信登录失败，请重新进入小程序后再试');
    }
    const openidIndex = this.crypto.blindIndex('openid', openid);
    let user = await authRepo.userByOpenidIndex(this.db, openidIndex);
    // A staff member's bound WeChat only receives their work reminders: it never stands in for the password.
    if (user && user.role !== 'public') {
      await this.audit.record({ actor: null, action: 'auth.wechat_login', targetType: 'user', targetId: user.id, result: 'denied' });
      throw AppError.conflict('这个微信已绑定工作人员账号，只用于接收工作提醒；请用工作人员账号和密码登录');
    }
    if (!user) {
      await authRepo.insertUser(this.db, {
        role: 'public',
        name: '微信用户',
        openidIndex,
        openidEnc: this.crypto.encrypt(openid),
        createdAt: this.clock.now(),
      });
      user = (await authRepo.userByOpenidIndex(this.db, openidIndex))!;
    }
    await this.audit.record({ actor: asActor(user), action: 'auth.wechat_login', targetType: 'user', targetId: user.id, result: 'ok' });
    return this.sessionFor(user);
  }

  /** Rotates the refresh token; a spent token presented again revokes its whole family (session). */
  async refresh(refreshToken: string): Promise<AuthTokens> {
    const now = this.clock.now();
    const row = await authRepo.refreshByHash(this.db, sha256Hex(refreshToken));
    if (!row) throw AppError.unauthenticated('登录已失效，请重新登录');
    const found = await authRepo.sessionWithUser(this.db, row.sessionId);
    if (!found || found.session.revokedAt || !found.user.active) throw AppError.unauthenticated('登录已失效，请重新登录');
    const { session, user } = found;
    if (row.usedAt || !(await authRepo.spendRefresh(this.db, row.id, now))) {
      await authRepo.revokeSession(this.db, session.id, now, 'refresh_reuse');
      await this.audit.record({ actor: asActor(user), action: 'auth.refresh_reuse', targetType: 'session', targetId: session.id, result: 'denied' });
      throw AppError.unauthenticated('登录凭证被重复使用，已强制下线，请重新登录');
    }
    if (row.expiresAt <= now) throw AppError.unauthenticated('登录已过期，请重新登录');
    if (this.idleExpired(user.role, session.lastSeenAt, now)) {
      await authRepo.revokeSession(this.db, session.id, now, 'idle');
      throw new AppError('SESSION_EXPIRED', '长时间未操作，请重新登录');
    }
    await authRepo.touchSession(this.db, session.id, now);
    return {
      accessToken: this.tokens.sign(user.id, session.id),
      refreshToken: await this.issueRefresh(session.id, now),
      user: sessionUser(user),
    };
  }

  async logout(actor: Actor): Promise<void> {
    await authRepo.revokeSession(this.db, actor.sessionId, this.clock.now(), 'logout');
    await this.audit.record({ actor, action: 'auth.logout', targetType: 'session', targetId: actor.sessionId, result: 'ok' });
  }

  /** A staff member sets their own password (the current one proves it is them); other sessions end. */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const user = await authRepo.userById(this.db, actor.userId);
    if (!user?.passwordHash) throw AppError.notFound('账号');
    if (!(await verifyPassword(currentPassword, user.passwordHash))) {
      await this.audit.record({ actor, action: 'auth.password_change', targetType: 'user', targetId: user.id, result: 'failed', orgId: user.orgId });
      throw AppError.validation('currentPassword', '当前密码不正确');
    }
    const weak = weakPasswordReason(newPassword, user.username ?? undefined);
    if (weak) throw AppError.validation('newPassword', weak);
    if (await verifyPassword(newPassword, user.passwordHash)) throw AppError.validation('newPassword', '新密码不能与当前密码相同');
    const hash = await this.hashPassword(newPassword);
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      await authRepo.setPassword(tx, user.id, hash, false, now);
      await authRepo.revokeAllSessions(tx, user.id, now, 'password_change', actor.sessionId);
      await this.audit.record({ actor, action: 'auth.password_change', targetType: 'user', targetId: user.id, result: 'ok', orgId: user.orgId }, tx);
    });
  }

  /** Resolves the bearer token of a request to an actor; null when none was sent. */
  async authenticate(ctx: Koa.Context): Promise<Actor | null> {
    const header = ctx.get('authorization');
    if (!header) return null;
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
    const claims = token ? this.tokens.verify(token) : null;
    if (!claims) throw AppError.unauthenticated('登录已过期，请重新登录');
    const found = await authRepo.sessionWithUser(this.db, claims.sid);
    if (!found || found.session.revokedAt || !found.user.active || String(found.user.id) !== claims.sub) {
      throw AppError.unauthenticated('登录已失效，请重新登录');
    }
    const now = this.clock.now();
    const { session, user } = found;
    if (this.idleExpired(user.role, session.lastSeenAt, now)) {
      await authRepo.revokeSession(this.db, session.id, now, 'idle');
      throw new AppError('SESSION_EXPIRED', '长时间未操作，请重新登录');
    }
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await authRepo.touchSession(this.db, session.id, now);
    if (user.mustChangePassword && !OPEN_WHILE_PASSWORD_CHANGE.has(ctx.path)) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', '请先修改初始密码，再继续使用');
    }
    return {
      userId: user.id,
      role: user.role,
      name: user.name,
      orgId: user.orgId,
      orgPath: found.orgPath,
      orgLevel: found.orgLevel,
      sessionId: session.id,
    };
  }

  /** The WeChat openid of a public user (for subscribe messages); null for staff. */
  /**
   * Staff: binds the WeChat of the signed-in staff member (a Taro.login code) so that work reminders
   * reach them as subscribe messages. One WeChat, one account.
   */
  async bindWechat(actor: Actor, code: string): Promise<void> {
    if (actor.role === 'public') throw AppError.forbidden('只有工作人员需要绑定微信提醒');
    let openid: string;
    try {
      ({ openid } = await this.wechat.code2Session(code));
    } catch {
      throw AppError.validation('code', '微信授权失败，请在小程序中重试');
    }
    const openidIndex = this.crypto.blindIndex('openid', openid);
    const holder = await authRepo.userByOpenidIndex(this.db, openidIndex);
    if (holder && holder.id !== actor.userId) throw AppError.conflict('这个微信已绑定另一个账号，请换一个微信或联系管理员');
    await authRepo.setOpenid(this.db, actor.userId, openidIndex, this.crypto.encrypt(openid));
    await this.audit.record({ actor, action: 'auth.wechat_bind', targetType: 'user', targetId: actor.userId, result: 'ok' });
  }

  /** Where a subscribe message for this user goes, and whether the user is staff (generic work text). */
  async subscriberOf(userId: number): Promise<{ openid: string; staff: boolean } | null> {
    const user = await authRepo.userById(this.db, userId);
    return user?.openidEnc ? { openid: this.crypto.decrypt(user.openidEnc), staff: user.role !== 'public' } : null;
  }

  async openidOf(userId: number): Promise<string | null> {
    const user = await authRepo.userById(this.db, userId);
    return user?.openidEnc ? this.crypto.decrypt(user.openidEnc) : null;
  }

  async me(actor: Actor) {
    const found = await authRepo.sessionWithUser(this.db, actor.sessionId);
    return { id: actor.userId, role: actor.role, orgId: actor.orgId, name: actor.name, orgName: found?.orgName ?? null, mustChangePassword: found?.user.mustChangePassword ?? false };
  }

  private idleExpired(role: Role, lastSeen: Date, now: Date): boolean {
    return role !== 'public' && now.getTime() - lastSeen.getTime() > this.config.staffIdleTimeout * 1000;
  }

  /** A new session (one refresh-token family) for a user who has just proven who they are. */
  async sessionFor(user: UserRow): Promise<AuthTokens> {
    const now = this.clock.now();
    const sessionId = newId();
    await authRepo.insertSession(this.db, { id: sessionId, userId: user.id, createdAt: now, lastSeenAt: now });
    return {
      accessToken: this.tokens.sign(user.id, sessionId),
      refreshToken: await this.issueRefresh(sessionId, now),
      user: sessionUser(user),
    };
  }

  private async issueRefresh(sessionId: string, now: Date): Promise<string> {
    const token = randomToken(32);
    await authRepo.insertRefresh(this.db, {
      sessionId,
      tokenHash: sha256Hex(token),
      expiresAt: new Date(now.getTime() + this.config.refreshTtl * 1000),
    });
    return token;
  }
}

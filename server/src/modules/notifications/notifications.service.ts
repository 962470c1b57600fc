import { formatDateTime } from '@wbt/shared';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import { WechatError, WX_NO_SUBSCRIBE_QUOTA, type WechatClient } from '../../integrations/wechat/client';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import type { Logger } from '../../logger';
import type { AuthService } from '../auth/auth.service';
import { notificationsRepo } from './notifications.repo';

export interface NotificationInput {
  userId: number;
  kind: string;
  /** Shown in-app. Keep it free of case details where the recipient is a member of the public. */
  title: string;
  body?: string;
  /** Mini-program page to open, e.g. "/pages/my-reports/index". */
  link?: string;
  /**
   * Also send a WeChat subscribe message (default: yes). It carries generic text only, and goes out
   * only when the recipient has a WeChat (public users; staff who bound theirs).
   */
  wechat?: boolean;
}

const MAX_ATTEMPTS = 8;
const CLAIM_MS = 60_000;
/** The only text a subscribe message ever carries: never case details. */
export const GENERIC_PROGRESS_TEXT = '您提交的事项有新进展';
/** The staff variant: a reminder to open the inbox, never what it is about. */
export const GENERIC_STAFF_TEXT = '您有新的工作提醒，请进入未保通查看';
const STAFF_INBOX_PAGE = 'staff/pages/notifications/index';
export const SUBSCRIBE_TEMPLATE_ID = 'status-update';

export class NotificationsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly wechat: WechatClient,
    private readonly auth: AuthService,
    private readonly logger: Logger,
  ) {}

  /** Writes the in-app notification and the WeChat outbox row inside the caller's transaction. */
  async enqueue(tx: DbOrTx, input: NotificationInput): Promise<void> {
    const now = this.clock.now();
    const notificationId = await notificationsRepo.insert(tx, {
      userId: input.userId,
      kind: input.kind,
      title: input.title,
      body: input.body ?? null,
      link: input.link ?? null,
      createdAt: now,
    });
    if (input.wechat !== false) await notificationsRepo.insertOutbox(tx, { notificationId, userId: input.userId, createdAt: now, nextAttemptAt: now });
  }

  list(actor: Actor, beforeId: number | undefined, limit: number) {
    return notificationsRepo.listForUser(this.db, actor.userId, beforeId, limit);
  }

  unreadCount(actor: Actor): Promise<number> {
    return notificationsRepo.unreadCount(this.db, actor.userId);
  }

  async markRead(actor: Actor, id: number): Promise<void> {
    if (!(await notificationsRepo.markRead(this.db, actor.userId, id, this.clock.now()))) throw AppError.notFound('通知');
  }

  async markAllRead(actor: Actor): Promise<void> {
    await notificationsRepo.markAllRead(this.db, actor.userId, this.clock.now());
  }

  /**
   * Sends due subscribe messages. Each row is claimed before sending, so two workers never send
   * the same row; 43101 (no quota) is dropped, other failures retry with exponential back-off.
   */
  async deliverDue(limit = 50): Promise<{ sent: number; dropped: number; retried: number; failed: number }> {
    const stats = { sent: 0, dropped: 0, retried: 0, failed: 0 };
    const now = this.clock.now();
    for (const row of await notificationsRepo.dueOutbox(this.db, now, limit)) {
      const token = newId();
      if (!(await notificationsRepo.claim(this.db, row.id, token, now, new Date(now.getTime() + CLAIM_MS)))) continue;
      const attempts = row.attempts + 1;
      try {
        const to = await this.auth.subscriberOf(row.userId);
        if (!to) {
          await notificationsRepo.finish(this.db, row.id, token, { state: 'dropped', attempts, lastError: 'no openid', doneAt: now });
          stats.dropped += 1;
          continue;
        }
        await this.wechat.sendSubscribeMessage({
          openid: to.openid,
          templateId: SUBSCRIBE_TEMPLATE_ID,
          page: to.staff ? STAFF_INBOX_PAGE : 'pages/index/index',
          data: { thing1: { value: to.staff ? GENERIC_STAFF_TEXT : GENERIC_PROGRESS_TEXT }, time2: { value: formatDateTime(row.createdAt) } },
        });
        await notificationsRepo.finish(this.db, row.id, token, { state: 'sent', attempts, doneAt: this.clock.now() });
        stats.sent += 1;
      } catch (err) {
        const errcode = err instanceof WechatError ? err.errcode : -1;
        const message = (err instanceof Error ? err.message : String(err)).slice(0, 200);
        if (errcode === WX_NO_SUBSCRIBE_QUOTA) {
          await notificationsRepo.finish(this.db, row.id, token, { state: 'dropped', attempts, lastError: message, doneAt: now });
          stats.dropped += 1;
        } else if (attempts >= MAX_ATTEMPTS) {
          await notificationsRepo.finish(this.db, row.id, token, { state: 'failed', attempts, lastError: message, doneAt: now });
          this.logger.warn({ outboxId: row.id, errcode }, 'subscribe message gave up');
          stats.failed += 1;
        } else {
          const backoffMs = 30_000 * 2 ** (attempts - 1);
          await notificationsRepo.finish(this.db, row.id, token, { attempts, lastError: message, nextAttemptAt: new Date(now.getTime() + backoffMs) });
          stats.retried += 1;
        }
      }
    }
    return stats;
  }

  outboxFor(notificationId: number) {
    return notificationsRepo.outboxFor(this.db, notificationId);
  }
}

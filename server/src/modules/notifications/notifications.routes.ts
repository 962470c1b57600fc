import { z } from 'zod';
import type { RouteTable } from '../../http/route';
import type { NotificationsService } from './notifications.service';

const Notification = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
});

export function notificationRoutes(routes: RouteTable, notifications: NotificationsService): void {
  routes.add({
    method: 'get', path: '/api/notifications', audit: 'none', summary: '我的通知（按时间倒序，游标分页）', tags: ['notifications'], auth: 'user',
    query: z.object({
      before: z.coerce.number().int().positive().optional(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
    response: z.object({ items: z.array(Notification), unread: z.number(), nextBefore: z.number().nullable() }),
    handler: async ({ actor, query }) => {
      const rows = await notifications.list(actor, query.before, query.limit);
      return {
        items: rows.map((n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, createdAt: n.createdAt.toISOString(), read: n.readAt !== null })),
        unread: await notifications.unreadCount(actor),
        nextBefore: rows.length === query.limit ? rows[rows.length - 1].id : null,
      };
    },
  });
  routes.add({
    method: 'get', path: '/api/notifications/unread', audit: 'none', summary: '未读通知数（工作台红点）', tags: ['notifications'], auth: 'user',
    response: z.object({ unread: z.number() }),
    handler: async ({ actor }) => ({ unread: await notifications.unreadCount(actor) }),
  });
  routes.add({
    method: 'post', path: '/api/notifications/read-all', summary: '全部标为已读', tags: ['notifications'], auth: 'user',
    handler: ({ actor }) => notifications.markAllRead(actor),
  });
  routes.add({
    method: 'post', path: '/api/notifications/:id/read', summary: '标记通知为已读', tags: ['notifications'], auth: 'user',
    params: z.object({ id: z.coerce.number().int().positive() }),
    handler: ({ actor, params }) => notifications.markRead(actor, params.id),
  });
}

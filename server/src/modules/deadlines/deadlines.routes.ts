import { Board, ClockKind } from '@wbt/shared';
import { z } from 'zod';
import type { RouteTable } from '../../http/route';
import type { DeadlinesService } from './deadlines.service';

const ClockViewSchema = z.object({
  id: z.number(),
  kind: z.enum(ClockKind.codes),
  kindLabel: z.string(),
  subjectType: z.string(),
  subjectId: z.number(),
  caseId: z.number().nullable(),
  subject: z.string(),
  link: z.string(),
  ownerUserId: z.number().nullable(),
  ownerName: z.string().nullable(),
  startedAt: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  dueText: z.string(),
  breachedAt: z.string().nullable(),
});

const ListQuery = z.object({
  overdue: z
    .enum(['true', 'false'], { error: 'overdue 只能是 true 或 false' })
    .optional()
    .transform((v) => v === 'true'),
  withinHours: z.coerce.number({ error: 'withinHours 必须是数字' }).int().min(1).max(24 * 60).optional(),
});

export function deadlineRoutes(routes: RouteTable, deadlines: DeadlinesService): void {
  routes.add({
    method: 'get', path: '/api/deadlines', audit: 'list', summary: '我负责或督办的时限（超时的在前）', tags: ['deadlines'], auth: 'staff', query: ListQuery,
    response: z.object({ items: z.array(ClockViewSchema) }),
    handler: async ({ actor, query }) => ({ items: await deadlines.listFor(actor, { overdueOnly: query.overdue, withinHours: query.withinHours }) }),
  });
  routes.add({
    method: 'get', path: '/api/deadlines/board', audit: 'list', summary: '超时与24小时内到期的工作（任务与时限）：本人的，或督办的乡镇/全县的；含已通知谁、何时', tags: ['deadlines'], auth: 'staff',
    query: z.object({ overdue: ListQuery.shape.overdue }),
    response: Board,
    handler: ({ actor, query }) => deadlines.boardFor(actor, { overdueOnly: query.overdue }),
  });
  routes.add({
    method: 'get', path: '/api/deadlines/summary', audit: 'none', summary: '超时与24小时内到期的数量（角标；任务与时限，与看板同一口径）', tags: ['deadlines'], auth: 'staff',
    response: z.object({ overdue: z.number(), dueSoon: z.number(), mine: z.number() }),
    handler: ({ actor }) => deadlines.summaryFor(actor),
  });
}

import { z } from 'zod';
import { labelled } from './labels';

/**
 * Work given to a person with a due time: home visits dispatched from a case (issue 5), the periodic
 * visits of a child's plan, and the supervisor's confirmation of a child file.
 */
export const TaskKind = labelled({
  first_visit: '首次家访',
  verification: '核查',
  follow_up: '跟踪回访',
  periodic_visit: '定期走访',
  file_confirm: '档案确认',
});
export type TaskKind = (typeof TaskKind.codes)[number];

/** Kinds completed by recording a home visit. */
export const VISIT_TASK_KINDS: readonly TaskKind[] = ['first_visit', 'verification', 'follow_up', 'periodic_visit'];

export const TaskStatus = labelled({ open: '待办', done: '已完成', cancelled: '已取消' });
export type TaskStatus = (typeof TaskStatus.codes)[number];

/** My-tasks buckets, most urgent first. */
export const TaskBucket = labelled({ overdue: '已逾期', today: '今天到期', week: '未来7天' });
export type TaskBucket = (typeof TaskBucket.codes)[number];

export const TaskSource = labelled({ case: '个案派发', plan: '走访计划', file: '档案确认' });
export type TaskSource = (typeof TaskSource.codes)[number];

export const TaskChild = z.object({
  id: z.number(),
  name: z.string(),
  maskedName: z.string(),
  address: z.string(),
  orgName: z.string(),
  riskTier: z.enum(['high', 'medium', 'low']),
});

/**
 * What the visitor of a case's task needs (as the role may see it — never who reported): the
 * account of events, the child and guardian as known, the place, the risk and why it is urgent.
 */
export const TaskBrief = z.object({
  caseCode: z.string(),
  serious: z.boolean(),
  riskLabel: z.string().nullable(),
  /** Why it is urgent, in words (e.g. 严重侵害: 报告后24小时内须首次入户). */
  urgency: z.string().nullable(),
  situations: z.array(z.string()),
  /** The reports' accounts of events, oldest first. */
  accounts: z.array(z.object({ receivedAt: z.string(), text: z.string(), occurredAt: z.string().nullable() })),
  place: z.string().nullable(),
  child: z.object({ name: z.string().nullable(), sex: z.string().nullable(), age: z.number().nullable(), address: z.string().nullable(), phone: z.string().nullable() }),
  guardian: z.object({ name: z.string().nullable(), relation: z.string().nullable(), phone: z.string().nullable() }).nullable(),
  /** The suspected perpetrator's relation to the child (for the visitor's safety). */
  perpetratorRelation: z.string().nullable(),
  /** False when neither the child's address nor the place is known: the visitor may not find the child. */
  locationKnown: z.boolean(),
});
export type TaskBrief = z.infer<typeof TaskBrief>;

export const TaskView = z.object({
  id: z.number(),
  kind: z.enum(TaskKind.codes),
  kindLabel: z.string(),
  status: z.enum(TaskStatus.codes),
  source: z.enum(TaskSource.codes),
  title: z.string(),
  /** Why this task exists (decrypted for the people it is for). */
  reason: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  assigneeUserId: z.number().nullable(),
  assigneeName: z.string().nullable(),
  childId: z.number().nullable(),
  caseId: z.number().nullable(),
  /** The case's number ("2026-000123"), shown instead of its database id. */
  caseCode: z.string().nullable(),
  dueAt: z.string(),
  bucket: z.enum(TaskBucket.codes).nullable(),
  overdue: z.boolean(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  visitId: z.number().nullable(),
  child: TaskChild.nullable(),
  /** The first visit of a 严重侵害 case: due 24 hours after the report, before anything else. */
  serious: z.boolean(),
  /** A case task's brief; only on the task's own page (GET /api/tasks/:id). */
  brief: TaskBrief.nullable().optional(),
});
export type TaskView = z.infer<typeof TaskView>;

export const MyTasksQuery = z.object({
  bucket: z.enum(TaskBucket.codes, { error: 'bucket 只能是 overdue、today 或 week' }).optional(),
  /** Keyset cursor "dueAtMillis_id" from the previous page. */
  after: z
    .string()
    .regex(/^\d+_\d+$/, 'after 游标格式不正确')
    .optional(),
  limit: z.coerce.number({ error: 'limit 必须是数字' }).int().min(1, 'limit 至少为1').max(100, 'limit 最大为100').default(50),
});
export type MyTasksQuery = z.input<typeof MyTasksQuery>;

export const ScopeTasksQuery = z.object({
  orgId: z.coerce.number({ error: 'orgId 必须是数字' }).int().positive().optional(),
  kind: z.enum(TaskKind.codes, { error: '任务类型不正确' }).optional(),
  status: z.enum(TaskStatus.codes, { error: '任务状态不正确' }).default('open'),
  overdue: z
    .enum(['true', 'false'], { error: 'overdue 只能是 true 或 false' })
    .transform((v) => v === 'true')
    .optional(),
  assigneeUserId: z.coerce.number({ error: 'assigneeUserId 必须是数字' }).int().positive().optional(),
  after: z
    .string()
    .regex(/^\d+_\d+$/, 'after 游标格式不正确')
    .optional(),
  limit: z.coerce.number({ error: 'limit 必须是数字' }).int().min(1).max(100, 'limit 最大为100').default(50),
});
export type ScopeTasksQuery = z.input<typeof ScopeTasksQuery>;

export const TaskList = z.object({
  items: z.array(TaskView),
  nextCursor: z.string().nullable(),
  counts: z.object({ overdue: z.number(), today: z.number(), week: z.number() }),
});
export type TaskList = z.infer<typeof TaskList>;

/** A calendar date (YYYY-MM-DD) plus n days. */
export function addDaysYmd(ymd: string, n: number): string {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The last millisecond of a calendar day in China (UTC+8): a visit due that day is late after it. */
export function endOfChinaDay(ymd: string): Date {
  return new Date(`${ymd}T23:59:59.999+08:00`);
}

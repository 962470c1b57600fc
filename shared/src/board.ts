import { z } from 'zod';

/** One line of the overdue / due-soon board: an open task or an SLA clock. */
export const BoardItem = z.object({
  type: z.enum(['task', 'clock']),
  id: z.number(),
  kind: z.string(),
  kindLabel: z.string(),
  /** e.g. "个案 2026-000012" or the village for a task. */
  subject: z.string(),
  caseId: z.number().nullable(),
  link: z.string(),
  ownerName: z.string().nullable(),
  dueAt: z.string(),
  dueText: z.string(),
  overdue: z.boolean(),
  /** 严重侵害: the 24-hour first visit of a serious case. */
  serious: z.boolean(),
  /** Escalation: when the people below were told that it ran out (null: not yet). */
  escalatedAt: z.string().nullable(),
  escalatedTo: z.array(z.string()),
});
export type BoardItem = z.infer<typeof BoardItem>;

export const BoardCounts = z.object({
  /** Open work past its due time (tasks and clocks, one definition: isOverdue). */
  overdue: z.number(),
  /** Open work due within DUE_SOON_HOURS. */
  dueSoon: z.number(),
  /** Of the overdue: the caller's own. */
  mine: z.number(),
});
export type BoardCounts = z.infer<typeof BoardCounts>;

export const Board = BoardCounts.extend({ items: z.array(BoardItem) });
export type Board = z.infer<typeof Board>;

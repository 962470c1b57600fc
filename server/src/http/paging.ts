import { z } from 'zod';
import { AppError } from './errors';

/** An opaque page cursor for lists ordered by (time, id), newest or oldest first. */
export function encodeCursor(at: Date, id: number): string {
  return Buffer.from(JSON.stringify([at.getTime(), id])).toString('base64url');
}

/** The (time, id) of a cursor from `encodeCursor`; a 400 validation error on anything else. */
export function decodeCursor(cursor: string): { at: Date; id: number } {
  try {
    const [t, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [number, number];
    if (Number.isFinite(t) && Number.isInteger(id)) return { at: new Date(t), id };
  } catch {
    // fall through
  }
  throw AppError.validation('cursor', '分页游标格式不正确，请从第一页重新加载');
}

/** `?before=<id>&limit=` of a guardian's own list (我的咨询 / 我的申办): newest first, 20 a page, at most 50. */
export const MineQuery = z.object({
  before: z.coerce.number({ error: '分页参数必须是数字' }).int().positive().optional(),
  limit: z.coerce.number({ error: '条数必须是数字' }).int().min(1).max(50, '条数不能超过50').default(20),
});

import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { AppError } from '../../http/errors';
import type { RouteTable } from '../../http/route';

export function healthRoutes(routes: RouteTable, db: Db): void {
  routes.add({
    method: 'get', path: '/api/health', summary: '健康检查（含数据库）', tags: ['health'], auth: 'public',
    handler: async () => {
      try {
        await db.execute(sql`SELECT 1`);
      } catch {
        throw new AppError('UNAVAILABLE', '数据库无法连接');
      }
      return { status: 'ok', db: 'ok' };
    },
  });
}

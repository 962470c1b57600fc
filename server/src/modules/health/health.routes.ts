import { z } from 'zod';
import { databaseUnavailableError } from '../../db/unavailable';
import type { RouteTable } from '../../http/route';
import type { HealthService } from './health.service';

export function healthRoutes(routes: RouteTable, health: HealthService): void {
  routes.add({
    method: 'get', path: '/api/health', audit: 'none', summary: '健康检查（含数据库）', tags: ['health'], auth: 'public',
    response: z.object({ status: z.literal('ok'), db: z.literal('ok') }),
    handler: async () => {
      if (!(await health.databaseAnswers())) throw databaseUnavailableError();
      return { status: 'ok', db: 'ok' };
    },
  });
}

import { HalfYearQuery, LedgerFilter, StatsSchema } from '@wbt/shared';
import { z } from 'zod';
import type { RouteTable } from '../../http/route';
import { LEDGER_ROLES } from '../ledgers/ledgers.scope';
import type { HalfYearReports } from './stats.halfYear';
import type { StatsService } from './stats.service';

export function statsRoutes(routes: RouteTable, stats: StatsService, halfYear: HalfYearReports): void {
  routes.add({
    method: 'get', path: '/api/stats', audit: 'none', tags: ['stats'], auth: LEDGER_ROLES,
    summary: '统计看板：报告来源、分类、月份，在办个案，超时，走访覆盖，报告时延与办理用时（默认本年1月1日至今）',
    query: LedgerFilter, response: StatsSchema,
    handler: ({ actor, query }) => stats.forNode(actor, query),
  });
  routes.add({
    method: 'get', path: '/api/stats/half-year', audit: 'none', tags: ['stats'], auth: LEDGER_ROLES,
    summary: '半年工作报告的数据（所选半年和机构）',
    query: HalfYearQuery, response: z.object({ periodLabel: z.string(), stats: StatsSchema }),
    handler: ({ actor, query }) => halfYear.data(actor, query),
  });
  routes.add({
    method: 'get', path: '/api/stats/half-year/docx', audit: 'service', tags: ['stats'], auth: LEDGER_ROLES,
    summary: '半年工作报告（.docx，由可编辑模板 server/templates/half-year-report.docx 生成；记入审计日志）',
    query: HalfYearQuery,
    handler: async ({ actor, query, koa }) => {
      const out = await halfYear.docx(actor, query);
      koa.type = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
      koa.set('Content-Disposition', `attachment; filename="report.docx"; filename*=UTF-8''${encodeURIComponent(out.filename)}`);
      koa.set('Cache-Control', 'private, no-store');
      return out.data;
    },
  });
}

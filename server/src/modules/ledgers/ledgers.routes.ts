import { LedgerFilter, LedgerPageQuery, LedgerPageSchema, LedgerRosterParam } from '@wbt/shared';
import type { RouteTable } from '../../http/route';
import { LEDGER_ROLES } from './ledgers.scope';
import type { LedgersService } from './ledgers.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function ledgerRoutes(routes: RouteTable, ledgers: LedgersService): void {
  routes.add({
    method: 'get', path: '/api/ledgers/:roster/export', audit: 'service', tags: ['ledgers'], auth: LEDGER_ROLES,
    summary: '导出台账或名册（.xlsx，按机构和期间筛选；无权查看全文的角色导出脱敏数据；每次导出记入审计日志）',
    params: LedgerRosterParam, query: LedgerFilter,
    handler: async ({ actor, params, query, koa }) => {
      const exp = await ledgers.exportXlsx(actor, params.roster, query);
      koa.type = XLSX;
      koa.set('Content-Disposition', `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(exp.filename)}`);
      koa.set('Cache-Control', 'private, no-store');
      return exp.stream;
    },
  });
  routes.add({
    method: 'get', path: '/api/ledgers/:roster', audit: 'service', tags: ['ledgers'], auth: LEDGER_ROLES,
    summary: '台账或名册的一页（打印页用；游标分页，按机构和期间筛选，敏感信息按角色脱敏）',
    params: LedgerRosterParam, query: LedgerPageQuery, response: LedgerPageSchema,
    handler: ({ actor, params, query }) => ledgers.page(actor, params.roster, query),
  });
}

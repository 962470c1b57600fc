import { LedgerFilter, StatsSchema } from '@wbt/shared';
import type { RouteTable } from '../../http/route';
import { LEDGER_ROLES } from '../ledgers/ledgers.scope';
import type { StatsService } from './stats.service';

export function statsRoutes(routes: RouteTable, stats: StatsService): void {
  routes.add({
    method: 'get', path: '/api/stats', tags: ['stats'], auth: LEDGER_ROLES,
    summary: '统计看板：报告来源、分类、月份，在办个案，超时，走访覆盖，报告时延与办理用时（默认本年1月1日至今）',
    query: LedgerFilter, response: StatsSchema,
    handler: ({ actor, query }) => stats.forNode(actor, query),
  });
}

import { AuditEntryView, AuditQuery } from '@wbt/shared';
import { z } from 'zod';
import type { RouteTable } from '../../http/route';
import type { AuditViewer } from './audit.viewer';

export function auditRoutes(routes: RouteTable, viewer: AuditViewer): void {
  routes.add({
    method: 'get', path: '/api/audit', audit: 'service', summary: '操作日志查询（站长：本镇；县级管理员：本县）；查询本身也记入日志', tags: ['audit'], auth: ['station_head', 'county_admin'],
    query: AuditQuery, response: z.object({ items: z.array(AuditEntryView), nextBefore: z.number().nullable() }),
    handler: ({ actor, query }) => viewer.list(actor, query),
  });
}

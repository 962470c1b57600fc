import { RESOURCE_EDITOR_ROLES, ResourceCreate, ResourceListQuery, ResourceUpdate, ResourceView } from '@wbt/shared';
import { z } from 'zod';
import type { RouteTable } from '../../http/route';
import type { ResourcesService } from './resources.service';

const IdParams = z.object({ id: z.coerce.number({ error: '资源单位编号必须是数字' }).int().positive('资源单位编号必须是正整数') });

export function resourceRoutes(routes: RouteTable, resources: ResourcesService): void {
  routes.add({
    method: 'get', path: '/api/resources', audit: 'none', tags: ['resources'], auth: 'staff', query: ResourceListQuery,
    response: z.object({ items: z.array(ResourceView) }),
    summary: '资源名录：本乡镇和本县的派出所、卫生院、学校、司法所、妇联、残联、县未保中心等（转介时直接带出单位、地址和对接人）',
    handler: async ({ actor, query }) => ({ items: await resources.list(actor, query) }),
  });
  routes.add({
    method: 'get', path: '/api/resources/:id', audit: 'none', tags: ['resources'], auth: 'staff', params: IdParams, response: ResourceView,
    summary: '资源单位详情',
    handler: ({ actor, params }) => resources.get(actor, params.id),
  });
  routes.add({
    method: 'post', path: '/api/resources', tags: ['resources'], auth: RESOURCE_EDITOR_ROLES, body: ResourceCreate, response: ResourceView, status: 201,
    summary: '添加资源单位（乡镇工作站维护本乡镇的，县级管理员维护县级和各乡镇的）',
    handler: ({ actor, body }) => resources.create(actor, body),
  });
  routes.add({
    method: 'patch', path: '/api/resources/:id', tags: ['resources'], auth: RESOURCE_EDITOR_ROLES, params: IdParams, body: ResourceUpdate, response: ResourceView,
    summary: '修改或停用（status: archived）资源单位',
    handler: ({ actor, params, body }) => resources.update(actor, params.id, body),
  });
}

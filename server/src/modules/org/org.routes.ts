import { OrgAdminNode, OrgCreateRequest, OrgLevel, OrgUpdateRequest } from '@wbt/shared';
import type { Clock } from '../../lib/clock';
import type { OrgAdminService } from './org.admin';
import { z } from 'zod';
import type { RouteTable } from '../../http/route';
import type { OrgService } from './org.service';

const OrgNode = z.object({ id: z.number(), parentId: z.number().nullable(), level: z.enum(OrgLevel.codes), name: z.string(), phone: z.string().nullable() });
const IdParams = z.object({ id: z.coerce.number({ error: 'id 必须是数字' }).int().positive() });
const toNode = (o: z.infer<typeof OrgNode>) => ({ id: o.id, parentId: o.parentId, level: o.level, name: o.name, phone: o.phone });

const toAdminNode = (o: { id: number; parentId: number | null; level: z.infer<typeof OrgNode>['level']; name: string; phone: string | null; retiredAt: Date | null }) => ({ id: o.id, parentId: o.parentId, level: o.level, name: o.name, phone: o.phone, retired: o.retiredAt !== null });

export function orgRoutes(routes: RouteTable, org: OrgService, admin: OrgAdminService, clock: Clock): void {
  routes.add({
    method: 'get', path: '/api/admin/orgs', audit: 'none', summary: '组织架构管理：本县全部节点（含已撤销）', tags: ['org'], auth: ['county_admin'],
    response: z.object({ items: z.array(OrgAdminNode) }),
    handler: async ({ actor }) => ({ items: (await org.tree(actor)).map(toAdminNode) }),
  });
  routes.add({
    method: 'post', path: '/api/admin/orgs', summary: '新增乡镇（街道）或村（社区）', tags: ['org'], auth: ['county_admin'], status: 201,
    body: OrgCreateRequest, response: OrgAdminNode,
    handler: async ({ actor, body }) => toAdminNode(await admin.create(actor, body)),
  });
  routes.add({
    method: 'patch', path: '/api/admin/orgs/:id', summary: '修改名称或未保站电话', tags: ['org'], auth: ['county_admin'], params: IdParams,
    body: OrgUpdateRequest, response: OrgAdminNode,
    handler: async ({ actor, params, body }) => toAdminNode(await admin.update(actor, params.id, body)),
  });
  routes.add({
    method: 'post', path: '/api/admin/orgs/:id/retire', summary: '撤销节点（及其下级）；仍有在用账号时拒绝', tags: ['org'], auth: ['county_admin'], params: IdParams,
    response: OrgAdminNode,
    handler: async ({ actor, params }) => toAdminNode(await admin.retire(actor, params.id, clock.now())),
  });
  routes.add({
    method: 'get', path: '/api/orgs', audit: 'none', summary: '本人可见的组织树（本级及下级）', tags: ['org'], auth: 'staff',
    response: z.object({ items: z.array(OrgNode) }),
    handler: async ({ actor }) => ({ items: (await org.tree(actor)).filter((o) => !o.retiredAt).map(toNode) }),
  });
  routes.add({
    method: 'get', path: '/api/orgs/:id', audit: 'none', summary: '组织节点详情及下级', tags: ['org'], auth: 'staff', params: IdParams,
    response: OrgNode.extend({ children: z.array(OrgNode) }),
    handler: async ({ actor, params }) => {
      await org.assertInScope(actor, params.id, { type: 'org', id: params.id, what: '组织' });
      const node = (await org.get(params.id))!;
      return { ...toNode(node), children: (await org.children(node.id)).map(toNode) };
    },
  });
}

import { OrgLevel } from '@wbt/shared';
import { z } from 'zod';
import type { RouteTable } from '../../http/route';
import type { OrgService } from './org.service';

const OrgNode = z.object({ id: z.number(), parentId: z.number().nullable(), level: z.enum(OrgLevel.codes), name: z.string(), phone: z.string().nullable() });
const IdParams = z.object({ id: z.coerce.number({ error: 'id 必须是数字' }).int().positive() });
const toNode = (o: z.infer<typeof OrgNode>) => ({ id: o.id, parentId: o.parentId, level: o.level, name: o.name, phone: o.phone });

export function orgRoutes(routes: RouteTable, org: OrgService): void {
  routes.add({
    method: 'get', path: '/api/orgs', audit: 'none', summary: '本人可见的组织树（本级及下级）', tags: ['org'], auth: 'staff',
    response: z.object({ items: z.array(OrgNode) }),
    handler: async ({ actor }) => ({ items: (await org.tree(actor)).map(toNode) }),
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

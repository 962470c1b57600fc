import {
  POLICY_EDITOR_ROLES,
  PolicyArticle,
  PolicyArticleInput,
  PolicyArticleUpdate,
  PolicyListItem,
  PolicyListQuery,
  PolicySearchHit,
  PolicySearchQuery,
} from '@wbt/shared';
import { z } from 'zod';
import type { RouteTable } from '../../http/route';
import type { PoliciesService } from './policies.service';

const IdParams = z.object({ id: z.coerce.number({ error: '文章编号必须是数字' }).int().positive('文章编号必须是正整数') });

export function policyRoutes(routes: RouteTable, policies: PoliciesService): void {
  routes.add({
    method: 'get', path: '/api/policies/search', audit: 'none', summary: '搜索政策（中文分词，按相关度排序）', tags: ['policies'], auth: 'optional',
    query: PolicySearchQuery,
    response: z.object({ items: z.array(PolicySearchHit), took: z.number() }),
    handler: ({ actor, query }) => policies.search(actor, query),
  });
  routes.add({
    method: 'get', path: '/api/policies', audit: 'none', summary: '政策列表（已发布；工作人员可按状态查看草稿）', tags: ['policies'], auth: 'optional',
    query: PolicyListQuery,
    response: z.object({ items: z.array(PolicyListItem), nextAfter: z.number().nullable() }),
    handler: ({ actor, query }) => policies.list(actor, query),
  });
  routes.add({
    method: 'get', path: '/api/policies/:id', audit: 'none', summary: '政策文章（草稿仅工作人员可见）', tags: ['policies'], auth: 'optional',
    params: IdParams, response: PolicyArticle,
    handler: ({ actor, params }) => policies.get(actor, params.id),
  });
  routes.add({
    method: 'post', path: '/api/policies', summary: '新建政策文章（草稿）', tags: ['policies'], auth: POLICY_EDITOR_ROLES,
    body: PolicyArticleInput, response: PolicyArticle, status: 201,
    handler: ({ actor, body }) => policies.create(actor, body),
  });
  routes.add({
    method: 'put', path: '/api/policies/:id', summary: '修改政策文章', tags: ['policies'], auth: POLICY_EDITOR_ROLES,
    params: IdParams, body: PolicyArticleUpdate, response: PolicyArticle,
    handler: ({ actor, params, body }) => policies.update(actor, params.id, body),
  });
  routes.add({
    method: 'post', path: '/api/policies/:id/publish', summary: '发布政策文章', tags: ['policies'], auth: POLICY_EDITOR_ROLES,
    params: IdParams, response: PolicyArticle,
    handler: ({ actor, params }) => policies.setStatus(actor, params.id, 'published'),
  });
  routes.add({
    method: 'post', path: '/api/policies/:id/unpublish', summary: '下线政策文章', tags: ['policies'], auth: POLICY_EDITOR_ROLES,
    params: IdParams, response: PolicyArticle,
    handler: ({ actor, params }) => policies.setStatus(actor, params.id, 'archived'),
  });
}

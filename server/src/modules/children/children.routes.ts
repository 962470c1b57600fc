import {
  ChildClose,
  ChildMove,
  ChildReopen,
  NationalEntryCreate,
  ChildConfirm,
  ChildCreate,
  ChildDetail,
  ChildHistoryEntry,
  ChildListQuery,
  ChildSummary,
  ChildUpdate,
  DuplicateCheck,
  DuplicateMatch,
  TaskView,
  VillageOverview,
} from '@wbt/shared';
import { z } from 'zod';
import { RATE_POLICIES, type RateLimitService } from '../ratelimit/ratelimit.service';
import type { RouteTable } from '../../http/route';
import { CHILD_CONFIRM_ROLES, CHILD_OVERVIEW_ROLES, CHILD_READ_ROLES, CHILD_WRITE_ROLES, type ChildrenService } from './children.service';

const IdParams = z.object({ id: z.coerce.number({ error: '档案编号必须是数字' }).int().positive('档案编号必须是正整数') });

export function childrenRoutes(routes: RouteTable, children: ChildrenService, rateLimit: RateLimitService): void {
  routes.add({
    method: 'post', path: '/api/children/duplicates', tags: ['children'], auth: CHILD_WRITE_ROLES, body: DuplicateCheck,
    response: z.object({ items: z.array(DuplicateMatch) }),
    summary: '保存前查重：本人可见范围内的同一身份证号，或同村同名同出生日期（其他辖区的同号档案转该乡镇督导员核实；每人15分钟内最多60次）',
    handler: async ({ actor, body }) => {
      // Per account, not per address: each check probes the county's files for an ID number.
      await rateLimit.consume(RATE_POLICIES.duplicateChecks, `user:${actor.userId}`);
      return { items: await children.duplicates(actor, body) };
    },
  });
  routes.add({
    method: 'post', path: '/api/children', tags: ['children'], auth: CHILD_WRITE_ROLES, body: ChildCreate, response: ChildDetail, status: 201,
    summary: '建立儿童档案（一人一档）；儿童主任建档需乡镇督导员在5个工作日内确认。疑似重复时 409，确认不是同一人后带 confirmNotDuplicate 重新提交',
    handler: ({ actor, body }) => children.create(actor, body),
  });
  routes.add({
    method: 'get', path: '/api/children', audit: 'service', tags: ['children'], auth: CHILD_READ_ROLES, query: ChildListQuery,
    response: z.object({ items: z.array(ChildSummary), nextAfter: z.number().nullable() }),
    summary: '辖区内的儿童档案（按类别、风险等级、待确认、走访逾期筛选；游标分页）',
    handler: ({ actor, query }) => children.list(actor, query),
  });
  routes.add({
    method: 'get', path: '/api/children/overview', audit: 'none', tags: ['children'], auth: CHILD_OVERVIEW_ROLES,
    response: z.object({ villages: z.array(VillageOverview) }),
    summary: '全镇概况：各村档案数（按类别、风险等级）、各儿童主任近30天走访完成情况、逾期走访、待确认档案',
    handler: async ({ actor }) => ({ villages: await children.overview(actor) }),
  });
  routes.add({
    method: 'get', path: '/api/children/:id', audit: 'service', tags: ['children'], auth: CHILD_READ_ROLES, params: IdParams, response: ChildDetail,
    summary: '儿童档案详情（查看记入审计日志）',
    handler: ({ actor, params }) => children.get(actor, params.id),
  });
  routes.add({
    method: 'patch', path: '/api/children/:id', tags: ['children'], auth: CHILD_WRITE_ROLES, params: IdParams, body: ChildUpdate, response: ChildDetail,
    summary: '修改儿童档案（只传要改的字段；每次修改记入档案历史；调整风险等级会重排走访计划）',
    handler: ({ actor, params, body }) => children.update(actor, params.id, body),
  });
  routes.add({
    method: 'post', path: '/api/children/:id/confirm', tags: ['children'], auth: CHILD_CONFIRM_ROLES, params: IdParams, body: ChildConfirm, response: ChildDetail,
    summary: '督导员确认儿童主任建立或修改的档案',
    handler: ({ actor, params, body }) => children.confirm(actor, params.id, body.note),
  });
  routes.add({
    method: 'get', path: '/api/children/:id/history', audit: 'service', tags: ['children'], auth: CHILD_READ_ROLES, params: IdParams,
    response: z.object({ items: z.array(ChildHistoryEntry) }),
    summary: '档案修改历史（谁、何时、旧值→新值）',
    handler: async ({ actor, params }) => ({ items: await children.history(actor, params.id) }),
  });
  routes.add({
    method: 'get', path: '/api/children/:id/tasks', audit: 'list', tags: ['children'], auth: CHILD_READ_ROLES, params: IdParams,
    response: z.object({ items: z.array(TaskView) }),
    summary: '这名儿童的任务（走访计划、个案派发的家访、档案确认）',
    handler: async ({ actor, params }) => ({ items: await children.tasksOf(actor, params.id) }),
  });
  routes.add({
    method: 'post', path: '/api/children/:id/close', tags: ['children'], auth: CHILD_CONFIRM_ROLES, params: IdParams, body: ChildClose, response: ChildDetail,
    summary: '销档（年满18周岁、迁出本县、脱离困境等）：停止走访计划，档案和历史保留',
    handler: ({ actor, params, body }) => children.close(actor, params.id, body),
  });
  routes.add({
    method: 'post', path: '/api/children/:id/reopen', tags: ['children'], auth: CHILD_CONFIRM_ROLES, params: IdParams, body: ChildReopen, response: ChildDetail,
    summary: '恢复已销档的档案（未满18周岁），重新排定走访计划',
    handler: ({ actor, params, body }) => children.reopen(actor, params.id, body.note),
  });
  routes.add({
    method: 'post', path: '/api/children/:id/move', tags: ['children'], auth: CHILD_CONFIRM_ROLES, params: IdParams, body: ChildMove, response: ChildDetail,
    summary: '把档案迁到本镇另一个村/社区：走访计划和待确认事项随档案转给新村的儿童主任，记入档案历史',
    handler: ({ actor, params, body }) => children.move(actor, params.id, body),
  });
  routes.add({
    method: 'post', path: '/api/children/:id/national-entry', tags: ['children'], auth: CHILD_CONFIRM_ROLES, params: IdParams, body: NationalEntryCreate, response: ChildDetail,
    summary: '登记录入或更新全国儿童福利信息系统（建档后5个工作日内首次录入；按月、按季度更新）',
    handler: ({ actor, params, body }) => children.nationalEntry(actor, params.id, body),
  });
}

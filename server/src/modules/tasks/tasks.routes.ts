import { MyTasksQuery, ScopeTasksQuery, TaskList, TaskView } from '@wbt/shared';
import { z } from 'zod';
import type { RouteTable } from '../../http/route';
import type { TasksService } from './tasks.service';

const IdParams = z.object({ id: z.coerce.number({ error: '任务编号必须是数字' }).int().positive('任务编号必须是正整数') });

export function tasksRoutes(routes: RouteTable, tasks: TasksService): void {
  routes.add({
    method: 'get', path: '/api/tasks/mine', audit: 'list', tags: ['tasks'], auth: 'staff', query: MyTasksQuery, response: TaskList,
    summary: '我的任务：已逾期 / 今天到期 / 未来7天，最紧急的在前（含本人岗位的待领任务）',
    handler: ({ actor, query }) => tasks.listMine(actor, query),
  });
  routes.add({
    method: 'get', path: '/api/tasks', audit: 'list', tags: ['tasks'], auth: 'staff', query: ScopeTasksQuery, response: TaskList,
    summary: '辖区内的任务（督导员看全镇各村），可按村、类型、状态、是否逾期筛选；含逾期数',
    handler: ({ actor, query }) => tasks.listForScope(actor, query),
  });
  routes.add({
    method: 'post', path: '/api/tasks/:id/child', tags: ['tasks'], auth: ['director', 'supervisor', 'station_head', 'social_worker'], params: IdParams,
    body: z.object({ childId: z.number({ error: '请选择儿童档案' }).int().positive('请选择儿童档案') }), response: TaskView,
    summary: '为个案派发的走访任务关联本村的儿童档案（任务派发时儿童尚未建档）',
    handler: ({ actor, params, body }) => tasks.linkChild(actor, params.id, body.childId),
  });
  routes.add({
    method: 'get', path: '/api/tasks/:id', audit: 'service', tags: ['tasks'], auth: 'staff', params: IdParams, response: TaskView,
    summary: '任务详情（含儿童姓名、住址与原因；不含报告人信息）',
    handler: ({ actor, params }) => tasks.get(actor, params.id),
  });
}

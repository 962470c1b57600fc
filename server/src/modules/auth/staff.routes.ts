import {
  PasswordResetRequest,
  StaffCreateRequest,
  StaffDisableRequest,
  StaffListQuery,
  StaffMoveRequest,
  StaffUpdateRequest,
  StaffView,
  TrainingCreateRequest,
  TrainingState,
} from '@wbt/shared';
import { z } from 'zod';
import type { RouteTable } from '../../http/route';
import type { HandoverService } from './handover.service';
import type { StaffService } from './staff.service';

const ADMINS = ['station_head', 'county_admin'] as const;
const IdParams = z.object({ id: z.coerce.number({ error: 'id 必须是数字' }).int().positive() });
const Moved = z.object({ moved: z.object({ tasks: z.number(), cases: z.number(), clocks: z.number() }), successorUserId: z.number().nullable() });
const RosterQuery = StaffListQuery.pick({ after: true, limit: true });
const RosterItem = StaffView.extend({
  trainings: z.number(),
  lastTrainedOn: z.string().nullable(),
  trainingDueOn: z.string().nullable(),
  trainingState: z.enum(TrainingState.codes),
  trainingDaysLeft: z.number().nullable(),
});

export function staffRoutes(routes: RouteTable, staff: StaffService, handover: HandoverService): void {
  routes.add({
    method: 'get', path: '/api/staff', audit: 'list', summary: '工作人员账号（站长：本镇及所辖村；县级管理员：全县）', tags: ['staff'], auth: ADMINS, query: StaffListQuery,
    response: z.object({ items: z.array(StaffView), nextAfter: z.number().nullable() }),
    handler: ({ actor, query }) => staff.list(actor, query),
  });
  routes.add({
    method: 'post', path: '/api/staff', summary: '新建工作人员账号（首次登录须修改初始密码）', tags: ['staff'], auth: ADMINS, status: 201,
    body: StaffCreateRequest, response: StaffView,
    handler: ({ actor, body }) => staff.create(actor, body),
  });
  routes.add({
    method: 'get', path: '/api/staff/directors', audit: 'list', summary: '儿童主任花名册：村（社区）、电话、任职日期、培训记录及培训时限', tags: ['staff'], auth: ADMINS, query: RosterQuery,
    response: z.object({ items: z.array(RosterItem), nextAfter: z.number().nullable() }),
    handler: ({ actor, query }) => staff.directorRoster(actor, query),
  });
  routes.add({
    method: 'get', path: '/api/staff/:id', audit: 'read', summary: '一个工作人员账号', tags: ['staff'], auth: ADMINS, params: IdParams, response: StaffView,
    handler: async ({ actor, params }) => staff.view(actor, await staff.manageable(actor, params.id)),
  });
  routes.add({
    method: 'patch', path: '/api/staff/:id', summary: '修改姓名、电话、任职日期', tags: ['staff'], auth: ADMINS, params: IdParams,
    body: StaffUpdateRequest, response: StaffView,
    handler: ({ actor, params, body }) => staff.update(actor, params.id, body),
  });
  routes.add({
    method: 'post', path: '/api/staff/:id/password-reset', summary: '重置密码（下次登录须修改；其全部登录会话立即失效）', tags: ['staff'], auth: ADMINS, params: IdParams,
    body: PasswordResetRequest,
    handler: ({ actor, params, body }) => staff.resetPassword(actor, params.id, body.password),
  });
  routes.add({
    method: 'get', path: '/api/staff/:id/handover', audit: 'read', summary: '交接预览：待办任务、在办案件、进行中的时限及可选接替人', tags: ['staff'], auth: ADMINS, params: IdParams,
    handler: ({ actor, params }) => handover.preview(actor, params.id),
  });
  routes.add({
    method: 'post', path: '/api/staff/:id/disable', summary: '停用账号：全部会话立即失效，未完成工作一次交给接替人', tags: ['staff'], auth: ADMINS, params: IdParams,
    body: StaffDisableRequest, response: Moved,
    handler: ({ actor, params, body }) => handover.disable(actor, params.id, body.successorUserId),
  });
  routes.add({
    method: 'post', path: '/api/staff/:id/enable', summary: '重新启用账号', tags: ['staff'], auth: ADMINS, params: IdParams,
    handler: ({ actor, params }) => handover.enable(actor, params.id),
  });
  routes.add({
    method: 'post', path: '/api/staff/:id/move', summary: '调动到同级的另一节点，原节点的未完成工作交给接替人', tags: ['staff'], auth: ADMINS, params: IdParams,
    body: StaffMoveRequest, response: Moved,
    handler: ({ actor, params, body }) => handover.move(actor, params.id, body.orgId, body.successorUserId),
  });
  routes.add({
    method: 'get', path: '/api/staff/:id/trainings', audit: 'read', summary: '培训记录', tags: ['staff'], auth: ADMINS, params: IdParams,
    response: z.object({ items: z.array(z.object({ id: z.number(), trainedOn: z.string(), title: z.string(), hours: z.number().nullable() })) }),
    handler: async ({ actor, params }) => ({ items: await staff.trainings(actor, params.id) }),
  });
  routes.add({
    method: 'post', path: '/api/staff/:id/trainings', summary: '登记一次培训', tags: ['staff'], auth: ADMINS, params: IdParams, status: 201,
    body: TrainingCreateRequest, response: z.object({ id: z.number() }),
    handler: ({ actor, params, body }) => staff.addTraining(actor, params.id, body),
  });
}

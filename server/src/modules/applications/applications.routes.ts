import {
  APPLICATION_STAFF_ROLES,
  ApplicationAddPhotos,
  ApplicationCreate,
  ApplicationDetail,
  ApplicationQueueQuery,
  ApplicationResubmit,
  ApplicationStatusChange,
  ApplicationSummary,
} from '@wbt/shared';
import { z } from 'zod';
import { MineQuery } from '../../http/paging';
import type { RouteTable } from '../../http/route';
import { sendPrivatePhoto } from '../files/photoResponse';
import type { ApplicationsService } from './applications.service';

const IdParams = z.object({ id: z.coerce.number({ error: '申办编号必须是数字' }).int().positive('申办编号必须是正整数') });
const PhotoParams = IdParams.extend({ fileId: z.string().uuid('照片编号格式不正确') });

export function applicationRoutes(routes: RouteTable, applications: ApplicationsService): void {
  // ---- guardian (public user signed in with WeChat)
  routes.add({
    method: 'post', path: '/api/applications', tags: ['applications'], auth: 'user', status: 201,
    summary: '监护人申请协助申办（照片先经 /api/uploads/images 上传，凭 ticket 认领到材料清单的某一项）',
    body: ApplicationCreate, response: ApplicationDetail,
    handler: ({ actor, body }) => applications.create(actor, body),
  });
  routes.add({
    method: 'get', path: '/api/my/applications', audit: 'none', summary: '我的申办（新到旧）', tags: ['applications'], auth: 'user',
    query: MineQuery, response: z.object({ items: z.array(ApplicationSummary), nextBefore: z.number().nullable() }),
    handler: ({ actor, query }) => applications.listMine(actor, query.before, query.limit),
  });
  routes.add({
    method: 'get', path: '/api/my/applications/:id', audit: 'read', summary: '我的申办：办理进度', tags: ['applications'], auth: 'user',
    params: IdParams, response: ApplicationDetail,
    handler: ({ actor, params }) => applications.getMine(actor, params.id),
  });
  routes.add({
    method: 'post', path: '/api/my/applications/:id/photos', summary: '我的申办：补充材料照片', tags: ['applications'], auth: 'user',
    params: IdParams, body: ApplicationAddPhotos, response: ApplicationDetail, status: 201,
    handler: ({ actor, params, body }) => applications.addPhotos(actor, params.id, body.photos),
  });
  routes.add({
    method: 'post', path: '/api/my/applications/:id/resubmit', summary: '我的申办：材料已补充，重新提交', tags: ['applications'], auth: 'user',
    params: IdParams, body: ApplicationResubmit, response: ApplicationDetail,
    handler: ({ actor, params, body }) => applications.resubmit(actor, params.id, body.note),
  });
  routes.add({
    method: 'get', path: '/api/my/applications/:id/photos/:fileId', audit: 'read', summary: '我的申办：材料照片', tags: ['applications'], auth: 'user',
    params: PhotoParams,
    handler: async ({ actor, params, koa }) => {
      return sendPrivatePhoto(koa, await applications.readPhotoMine(actor, params.id, params.fileId), params.fileId);
    },
  });

  // ---- station staff
  routes.add({
    method: 'get', path: '/api/applications', audit: 'list', summary: '申办列表（本乡镇，最近变动在前）', tags: ['applications'], auth: APPLICATION_STAFF_ROLES,
    query: ApplicationQueueQuery, response: z.object({ items: z.array(ApplicationSummary), nextCursor: z.string().nullable() }),
    handler: ({ actor, query }) => applications.queue(actor, query),
  });
  routes.add({
    method: 'get', path: '/api/applications/:id', audit: 'service', summary: '申办详情（每次查看写入审计日志）', tags: ['applications'], auth: APPLICATION_STAFF_ROLES,
    params: IdParams, response: ApplicationDetail,
    handler: ({ actor, params }) => applications.getForStaff(actor, params.id),
  });
  routes.add({
    method: 'post', path: '/api/applications/:id/status', tags: ['applications'], auth: APPLICATION_STAFF_ROLES,
    summary: '更改办理状态：需补充材料（写明补什么）/ 已转办（写明部门）/ 已办结（写明结果）；通知监护人',
    params: IdParams, body: ApplicationStatusChange, response: ApplicationDetail,
    handler: ({ actor, params, body }) => applications.changeStatus(actor, params.id, body),
  });
  routes.add({
    method: 'get', path: '/api/applications/:id/photos/:fileId', audit: 'service', summary: '申办材料照片（已去除位置等信息；查看写入审计日志）', tags: ['applications'], auth: APPLICATION_STAFF_ROLES,
    params: PhotoParams,
    handler: async ({ actor, params, koa }) => {
      return sendPrivatePhoto(koa, await applications.readPhotoForStaff(actor, params.id, params.fileId), params.fileId);
    },
  });
}

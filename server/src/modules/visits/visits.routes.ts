import { VISIT_IDEMPOTENCY_KEY_RE, VisitCreate, VisitView } from '@wbt/shared';
import { z } from 'zod';
import { AppError } from '../../http/errors';
import type { RouteTable } from '../../http/route';
import { VISIT_ROLES, type VisitsService } from './visits.service';
import { sendPrivatePhoto } from '../files/photoResponse';

const IdParams = z.object({ id: z.coerce.number({ error: '编号必须是数字' }).int().positive('编号必须是正整数') });
const PhotoParams = IdParams.extend({ fileId: z.string().uuid('照片编号格式不正确') });

export function visitsRoutes(routes: RouteTable, visits: VisitsService): void {
  routes.add({
    method: 'post', path: '/api/visits', tags: ['visits'], auth: VISIT_ROLES, body: VisitCreate, response: VisitView, status: 201,
    summary: '提交走访记录（完成任务并顺延走访计划）。离线保存的记录带请求头 Idempotency-Key：重发只生效一次',
    handler: async ({ actor, body, koa }) => {
      const key = koa.get('idempotency-key') || null;
      if (key !== null && !VISIT_IDEMPOTENCY_KEY_RE.test(key)) {
        throw AppError.validation('headers.idempotency-key', 'Idempotency-Key 格式不正确（8–64 位字母、数字、- 或 _）');
      }
      const { visit, replayed } = await visits.create(actor, body, key);
      if (replayed) koa.set('Idempotent-Replayed', 'true');
      return visit;
    },
  });
  routes.add({
    method: 'get', path: '/api/visits/:id', audit: 'service', tags: ['visits'], auth: VISIT_ROLES, params: IdParams, response: VisitView,
    summary: '走访记录详情（查看记入审计日志）',
    handler: ({ actor, params }) => visits.get(actor, params.id),
  });
  routes.add({
    method: 'get', path: '/api/children/:id/visits', audit: 'service', tags: ['visits'], auth: VISIT_ROLES, params: IdParams,
    response: z.object({ items: z.array(VisitView) }),
    summary: '这名儿童的全部走访记录（新到旧）',
    handler: async ({ actor, params }) => ({ items: await visits.listForChild(actor, params.id) }),
  });
  routes.add({
    method: 'get', path: '/api/visits/:id/photos/:fileId', audit: 'service', tags: ['visits'], auth: VISIT_ROLES, params: PhotoParams,
    summary: '走访照片（已去除位置等信息）',
    handler: async ({ actor, params, koa }) => {
      return sendPrivatePhoto(koa, await visits.photo(actor, params.id, params.fileId), params.fileId);
    },
  });
  routes.add({
    method: 'post', path: '/api/visits/:id/report', tags: ['visits'], auth: VISIT_ROLES, params: IdParams,
    response: z.object({ reportId: z.number(), created: z.boolean() }),
    summary: '发现侵害迹象：一键强制报告（自动填入儿童信息和报告人）；重复点击返回同一份报告',
    handler: ({ actor, params }) => visits.report(actor, params.id),
  });
}

import {
  CONSULTATION_STAFF_ROLES,
  ConsultationConversion,
  ConsultationConvertRequest,
  ConsultationCreate,
  ConsultationDetail,
  ConsultationQueueQuery,
  ConsultationReply,
  ConsultationSummary,
} from '@wbt/shared';
import { z } from 'zod';
import { MineQuery } from '../../http/paging';
import type { RouteTable } from '../../http/route';
import { CONVERT_ROLES, type ConsultationsService } from './consultations.service';

const IdParams = z.object({ id: z.coerce.number({ error: '咨询编号必须是数字' }).int().positive('咨询编号必须是正整数') });
const StaffDetail = ConsultationDetail.extend({ conversions: z.array(z.enum(ConsultationConversion.codes)) });

export function consultationRoutes(routes: RouteTable, consultations: ConsultationsService): void {
  // ---- guardian (public user signed in with WeChat)
  routes.add({
    method: 'post', path: '/api/consultations', summary: '监护人提交政策咨询（微信登录）', tags: ['consultations'], auth: 'user',
    body: ConsultationCreate, response: ConsultationDetail, status: 201,
    handler: ({ actor, body }) => consultations.ask(actor, body),
  });
  routes.add({
    method: 'get', path: '/api/my/consultations', audit: 'none', summary: '我的咨询（新到旧）', tags: ['consultations'], auth: 'user',
    query: MineQuery, response: z.object({ items: z.array(ConsultationSummary), nextBefore: z.number().nullable() }),
    handler: ({ actor, query }) => consultations.listMine(actor, query.before, query.limit),
  });
  routes.add({
    method: 'get', path: '/api/my/consultations/:id', audit: 'read', summary: '我的咨询：问答记录', tags: ['consultations'], auth: 'user',
    params: IdParams, response: ConsultationDetail,
    handler: ({ actor, params }) => consultations.getMine(actor, params.id),
  });
  routes.add({
    method: 'post', path: '/api/my/consultations/:id/messages', summary: '我的咨询：继续提问', tags: ['consultations'], auth: 'user',
    params: IdParams, body: ConsultationReply, response: ConsultationDetail, status: 201,
    handler: ({ actor, params, body }) => consultations.guardianMessage(actor, params.id, body.body),
  });
  routes.add({
    method: 'post', path: '/api/my/consultations/:id/close', summary: '我的咨询：问题已解决，结束咨询', tags: ['consultations'], auth: 'user',
    params: IdParams, response: ConsultationDetail,
    handler: ({ actor, params }) => consultations.guardianClose(actor, params.id),
  });

  // ---- station staff
  routes.add({
    method: 'get', path: '/api/consultations', audit: 'list', summary: '咨询队列（本乡镇；待答复按到期时间，可筛选已超时）', tags: ['consultations'], auth: CONSULTATION_STAFF_ROLES,
    query: ConsultationQueueQuery,
    response: z.object({ items: z.array(ConsultationSummary), nextCursor: z.string().nullable(), counts: z.object({ waiting: z.number(), overdue: z.number() }) }),
    handler: ({ actor, query }) => consultations.queue(actor, query),
  });
  routes.add({
    method: 'get', path: '/api/consultations/:id', audit: 'service', summary: '咨询详情与问答记录（每次查看写入审计日志）', tags: ['consultations'], auth: CONSULTATION_STAFF_ROLES,
    params: IdParams, response: StaffDetail,
    handler: ({ actor, params }) => consultations.getForStaff(actor, params.id),
  });
  routes.add({
    method: 'post', path: '/api/consultations/:id/messages', summary: '答复咨询（通知监护人）', tags: ['consultations'], auth: CONSULTATION_STAFF_ROLES,
    params: IdParams, body: ConsultationReply, response: ConsultationDetail, status: 201,
    handler: ({ actor, params, body }) => consultations.staffReply(actor, params.id, body.body),
  });
  routes.add({
    method: 'post', path: '/api/consultations/:id/close', summary: '结束咨询', tags: ['consultations'], auth: CONSULTATION_STAFF_ROLES,
    params: IdParams, response: ConsultationDetail,
    handler: ({ actor, params }) => consultations.staffClose(actor, params.id),
  });
  routes.add({
    method: 'post', path: '/api/consultations/:id/convert', summary: '一键转为求助或个案（保留问答记录）', tags: ['consultations'], auth: CONVERT_ROLES,
    params: IdParams, body: ConsultationConvertRequest, response: ConsultationDetail,
    handler: ({ actor, params, body }) => consultations.convert(actor, params.id, body),
  });
}

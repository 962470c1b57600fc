import {
  AnonymousConsultationCreated,
  ConsultationCreate,
  ConsultationDetail,
  ConsultationReply,
  ReceiptSession,
  ReceiptSessionRequest,
  ReporterView,
  ReportMessageCreate,
  ReportThreadMessage,
} from '@wbt/shared';
import type { RouteTable } from '../../http/route';
import { clientKey } from '../../http/clientKey';
import type { ReceiptsService } from './receipts.service';

/** The receipt token travels only in this header: never in a URL, a query string or a log. */
export const RECEIPT_TOKEN_HEADER = 'x-receipt-token';

export function receiptsRoutes(routes: RouteTable, receipts: ReceiptsService): void {
  routes.add({
    method: 'post', path: '/api/receipts/session', tags: ['receipts'], auth: 'public',
    summary: '凭回执码打开查询（回执码放在请求体中）；错误与不存在的回执码答复完全相同；同一来源15分钟内错误10次后返回429',
    body: ReceiptSessionRequest, response: ReceiptSession,
    handler: ({ body, koa }) => receipts.openSession(body.receiptCode, clientKey(koa)),
  });
  routes.add({
    method: 'get', path: '/api/receipts/report', audit: 'service', tags: ['receipts'], auth: 'public',
    summary: '回执查询：办理状态与留言（请求头 X-Receipt-Token）', response: ReporterView,
    handler: ({ koa }) => receipts.view(koa.get(RECEIPT_TOKEN_HEADER)),
  });
  routes.add({
    method: 'post', path: '/api/receipts/messages', tags: ['receipts'], auth: 'public', status: 201,
    summary: '回执查询：补充情况或照片（请求头 X-Receipt-Token；仍为匿名）', body: ReportMessageCreate, response: ReportThreadMessage,
    handler: ({ body, koa }) => receipts.addMessage(koa.get(RECEIPT_TOKEN_HEADER), body),
  });

  // ---- policy questions asked without signing in, followed with a receipt code
  routes.add({
    method: 'post', path: '/api/consultations/anonymous', tags: ['consultations', 'receipts'], auth: 'public', status: 201,
    summary: '不登录匿名提问（政策咨询）：不记录任何身份信息；答复含只显示一次的回执码，凭它查看答复（同一来源15分钟内最多20次）',
    body: ConsultationCreate, response: AnonymousConsultationCreated,
    handler: ({ body, koa }) => receipts.askConsultation(body, clientKey(koa)),
  });
  routes.add({
    method: 'get', path: '/api/receipts/consultation', audit: 'service', tags: ['receipts'], auth: 'public',
    summary: '回执查询：匿名提问的问答记录（请求头 X-Receipt-Token）', response: ConsultationDetail,
    handler: ({ koa }) => receipts.consultation(koa.get(RECEIPT_TOKEN_HEADER)),
  });
  routes.add({
    method: 'post', path: '/api/receipts/consultation/messages', tags: ['receipts'], auth: 'public', status: 201,
    summary: '回执查询：匿名提问继续追问（请求头 X-Receipt-Token）', body: ConsultationReply, response: ConsultationDetail,
    handler: ({ body, koa }) => receipts.consultationMessage(koa.get(RECEIPT_TOKEN_HEADER), body.body),
  });
  routes.add({
    method: 'post', path: '/api/receipts/consultation/close', tags: ['receipts'], auth: 'public',
    summary: '回执查询：匿名提问的问题已解决，结束咨询（请求头 X-Receipt-Token）', response: ConsultationDetail,
    handler: ({ koa }) => receipts.closeConsultation(koa.get(RECEIPT_TOKEN_HEADER)),
  });
}

import {
  IncomingReportItem,
  IncomingReportsQuery,
  MyReportItem,
  PublicOrgs,
  REPORT_READ_ROLES,
  REPORT_REPLY_ROLES,
  REPORTER_IDENTITY_ROLES,
  ReportCreate,
  ReportCreated,
  ReporterView,
  ReportMessageCreate,
  ReportThreadMessage,
  StationReply,
} from '@wbt/shared';
import { z } from 'zod';
import { AppError } from '../../http/errors';
import type { RouteTable } from '../../http/route';
import { clientKey } from '../../http/clientKey';
import { RATE_POLICIES, type RateLimitService } from '../ratelimit/ratelimit.service';
import type { ReportsService } from './reports.service';
import { sendPrivatePhoto } from '../files/photoResponse';

const IdParams = z.object({ id: z.coerce.number({ error: '报告编号必须是数字' }).int().positive('报告编号必须是正整数') });
const FileParams = IdParams.extend({ fileId: z.string().uuid('照片编号格式不正确') });
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

export function reportsRoutes(routes: RouteTable, reports: ReportsService, rateLimit: RateLimitService): void {
  routes.add({
    method: 'get', path: '/api/public/orgs', audit: 'none', tags: ['reports'], auth: 'public',
    summary: '乡镇（街道）及其村（社区）列表与未保站电话，供报告、求助时选择', response: PublicOrgs,
    handler: () => reports.publicOrgs(),
  });

  routes.add({
    method: 'post', path: '/api/reports', tags: ['reports'], auth: 'optional', status: 201,
    summary: '提交强制报告或求助（无需登录；请求头 Idempotency-Key 必填，重试返回同一回执且不重复创建）。匿名报告的答复含 receiptCode',
    body: ReportCreate, response: ReportCreated,
    handler: async ({ body, actor, koa }) => {
      const key = koa.get('idempotency-key');
      if (!IDEMPOTENCY_KEY.test(key)) {
        throw AppError.validation('headers.idempotency-key', '缺少或格式错误的 Idempotency-Key 请求头（8–128 位字母、数字、- 或 _）');
      }
      await rateLimit.assertAllowed(RATE_POLICIES.reports, clientKey(koa));
      const { created, replayed } = await reports.create(body, { actor, idempotencyKey: key });
      if (replayed) koa.set('Idempotent-Replayed', 'true');
      else await rateLimit.hit(RATE_POLICIES.reports, clientKey(koa));
      return created;
    },
  });

  routes.add({
    method: 'get', path: '/api/reports', audit: 'list', tags: ['reports'], auth: REPORT_READ_ROLES,
    summary: '本乡镇收到的报告（新到旧，游标分页）', query: IncomingReportsQuery,
    response: z.object({ items: z.array(IncomingReportItem), nextCursor: z.string().nullable() }),
    handler: ({ actor, query }) => reports.listIncoming(actor, query),
  });
  routes.add({
    method: 'get', path: '/api/reports/:id', audit: 'service', tags: ['reports'], auth: REPORT_READ_ROLES, params: IdParams,
    summary: '报告详情（每次查看写入审计日志；不含报告人姓名电话）',
    handler: ({ actor, params }) => reports.get(actor, params.id),
  });
  routes.add({
    method: 'get', path: '/api/reports/:id/reporter', audit: 'service', tags: ['reports'], auth: REPORTER_IDENTITY_ROLES, params: IdParams,
    summary: '查看实名报告人信息（仅接收乡镇的站长、督导员；每次查看写入审计日志）',
    response: z.object({ name: z.string().nullable(), phone: z.string().nullable(), signedIn: z.boolean() }),
    handler: ({ actor, params }) => reports.revealReporter(actor, params.id),
  });
  routes.add({
    method: 'post', path: '/api/reports/:id/messages', tags: ['reports'], auth: REPORT_REPLY_ROLES, params: IdParams, status: 201,
    summary: '未保站回复报告人', body: StationReply, response: ReportThreadMessage,
    handler: ({ actor, params, body }) => reports.postStationMessage(actor, params.id, body.text),
  });
  routes.add({
    method: 'get', path: '/api/reports/:id/files/:fileId', audit: 'service', tags: ['reports'], auth: REPORT_READ_ROLES, params: FileParams,
    summary: '报告照片（已去除位置等信息，仅可查看该报告的工作人员）',
    handler: async ({ actor, params, koa }) => {
      return sendPrivatePhoto(koa, await reports.readPhoto(actor, params.id, params.fileId), params.fileId);
    },
  });

  routes.add({
    method: 'get', path: '/api/reports/:id/documents/:fileId', audit: 'service', tags: ['reports'], auth: REPORT_READ_ROLES, params: FileParams,
    summary: '报告的录音或 PDF 附件（仅可查看该报告的工作人员；每次读取写入审计日志）',
    handler: async ({ actor, params, koa }) => {
      const doc = await reports.readDocument(actor, params.id, params.fileId);
      koa.type = doc.mime;
      koa.set('Cache-Control', 'private, no-store');
      koa.set('X-Content-Type-Options', 'nosniff');
      const ext = doc.mime === 'application/pdf' ? 'pdf' : (doc.mime.split('/')[1] ?? 'bin').replace(/[^a-z0-9]/g, '');
      koa.set('Content-Disposition', `attachment; filename="report-${params.id}-${params.fileId.replace(/[^A-Za-z0-9-]/g, '')}.${ext}"`);
      return doc.data;
    },
  });

  routes.add({
    method: 'get', path: '/api/my/reports', audit: 'none', tags: ['reports'], auth: 'user',
    summary: '我的报告（微信登录的实名报告人）', response: z.object({ items: z.array(MyReportItem) }),
    handler: async ({ actor }) => ({ items: await reports.listMine(actor) }),
  });
  routes.add({
    method: 'get', path: '/api/my/reports/:id', audit: 'read', tags: ['reports'], auth: 'user', params: IdParams,
    summary: '我的报告：办理状态与留言', response: ReporterView,
    handler: async ({ actor, params }) => reports.reporterView(await reports.assertMine(actor, params.id)),
  });
  routes.add({
    method: 'post', path: '/api/my/reports/:id/messages', tags: ['reports'], auth: 'user', params: IdParams, status: 201,
    summary: '我的报告：补充情况或照片', body: ReportMessageCreate, response: ReportThreadMessage,
    handler: async ({ actor, params, body }) => reports.postReporterMessage(await reports.assertMine(actor, params.id), body, actor),
  });
}

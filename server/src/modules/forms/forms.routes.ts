import { REPORT_READ_ROLES } from '@wbt/shared';
import type { Context } from 'koa';
import { z } from 'zod';
import type { RouteTable } from '../../http/route';
import { attachment, DOCX_TYPE } from '../../lib/docxTemplate';
import { CHILD_READ_ROLES } from '../children/children.service';
import type { FormFile, FormsService } from './forms.service';

const positive = (what: string) => z.coerce.number({ error: `${what}必须是数字` }).int(`${what}必须是整数`).positive(`${what}必须是正整数`);
const IdParams = z.object({ id: positive('档案编号') });
const ReportParams = z.object({ id: positive('报告编号') });
const CaseParams = z.object({ caseId: positive('个案编号') });
const ReferralParams = z.object({ caseId: positive('个案编号'), referralId: positive('转介编号') });

function sendDocx(koa: Context, out: FormFile, ascii: string): Buffer {
  koa.type = DOCX_TYPE;
  koa.set('Content-Disposition', attachment(out.filename, ascii));
  koa.set('Cache-Control', 'private, no-store');
  return out.data;
}

export function formsRoutes(routes: RouteTable, forms: FormsService): void {
  routes.add({
    method: 'get', path: '/api/forms/child/:id', audit: 'service', tags: ['forms'], auth: CHILD_READ_ROLES, params: IdParams,
    summary: '儿童档案（一人一档）打印页的字段（查看记入审计日志）',
    handler: ({ actor, params }) => forms.childFile(actor, params.id, 'json'),
  });
  routes.add({
    method: 'get', path: '/api/forms/child/:id/docx', audit: 'service', tags: ['forms'], auth: CHILD_READ_ROLES, params: IdParams,
    summary: '儿童档案（一人一档）Word 文件，由可编辑模板 server/templates/child-file.docx 生成（查看记入审计日志）',
    handler: async ({ actor, params, koa }) => sendDocx(koa, await forms.childFile(actor, params.id), 'child-file.docx'),
  });
  routes.add({
    method: 'get', path: '/api/forms/reports/:id', audit: 'service', tags: ['forms'], auth: REPORT_READ_ROLES, params: ReportParams,
    summary: '附件5 求助登记表 / 附件6 强制报告登记表打印页的字段；报告人姓名仅对可查看报告人的角色显示（查看记入审计日志）',
    handler: ({ actor, params }) => forms.reportForm(actor, params.id, 'json'),
  });
  routes.add({
    method: 'get', path: '/api/forms/reports/:id/docx', audit: 'service', tags: ['forms'], auth: REPORT_READ_ROLES, params: ReportParams,
    summary: '附件5 / 附件6（.docx，由可编辑模板 server/templates/report-help.docx、report-harm.docx 生成；记入审计日志）',
    handler: async ({ actor, params, koa }) => sendDocx(koa, await forms.reportForm(actor, params.id, 'docx'), 'report.docx'),
  });
  routes.add({
    method: 'get', path: '/api/forms/cases/:caseId/referrals/:referralId', audit: 'service', tags: ['forms'], auth: 'staff', params: ReferralParams,
    summary: '附件7 转介记录表打印页的字段（查看记入审计日志）',
    handler: ({ actor, params }) => forms.referral(actor, params.caseId, params.referralId, 'json'),
  });
  routes.add({
    method: 'get', path: '/api/forms/cases/:caseId/referrals/:referralId/docx', audit: 'service', tags: ['forms'], auth: 'staff', params: ReferralParams,
    summary: '附件7 未成年人保护服务转介记录表（.docx，由可编辑模板 server/templates/referral.docx 生成；记入审计日志）',
    handler: async ({ actor, params, koa }) => sendDocx(koa, await forms.referral(actor, params.caseId, params.referralId), 'referral.docx'),
  });
  routes.add({
    method: 'get', path: '/api/forms/cases/:caseId/bundle', audit: 'service', tags: ['forms'], auth: REPORT_READ_ROLES, params: CaseParams,
    summary: '组卷：已归档个案的卷宗（一个 .docx：封面目录、附件5/6、附件7、办理经过、走访回访，分页），由模板 server/templates/case-bundle.docx 生成；仅限已归档个案，记入审计日志',
    handler: async ({ actor, params, koa }) => sendDocx(koa, await forms.caseBundle(actor, params.caseId), 'case-bundle.docx'),
  });
}

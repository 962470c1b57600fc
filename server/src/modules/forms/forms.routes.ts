import { z } from 'zod';
import type { RouteTable } from '../../http/route';
import { attachment, DOCX_TYPE } from '../../lib/docxTemplate';
import { CHILD_READ_ROLES } from '../children/children.service';
import type { FormsService } from './forms.service';

const IdParams = z.object({ id: z.coerce.number({ error: '档案编号必须是数字' }).int('档案编号必须是整数').positive('档案编号必须是正整数') });

const ReferralParams = z.object({
  caseId: z.coerce.number({ error: '个案编号必须是数字' }).int('个案编号必须是整数').positive('个案编号必须是正整数'),
  referralId: z.coerce.number({ error: '转介编号必须是数字' }).int('转介编号必须是整数').positive('转介编号必须是正整数'),
});

export function formsRoutes(routes: RouteTable, forms: FormsService): void {
  routes.add({
    method: 'get', path: '/api/forms/child/:id/docx', audit: 'service', tags: ['forms'], auth: CHILD_READ_ROLES, params: IdParams,
    summary: '儿童档案（一人一档）Word 文件，由可编辑模板 server/templates/child-file.docx 生成（查看记入审计日志）',
    handler: async ({ actor, params, koa }) => {
      const out = await forms.childFile(actor, params.id);
      koa.type = DOCX_TYPE;
      koa.set('Content-Disposition', attachment(out.filename, 'child-file.docx'));
      koa.set('Cache-Control', 'private, no-store');
      return out.data;
    },
  });
  routes.add({
    method: 'get', path: '/api/forms/cases/:caseId/referrals/:referralId/docx', audit: 'service', tags: ['forms'], auth: 'staff', params: ReferralParams,
    summary: '附件7 未成年人保护服务转介记录表（.docx，由可编辑模板 server/templates/referral.docx 生成；记入审计日志）',
    handler: async ({ actor, params, koa }) => {
      const out = await forms.referral(actor, params.caseId, params.referralId);
      koa.type = DOCX_TYPE;
      koa.set('Content-Disposition', attachment(out.filename, 'referral.docx'));
      koa.set('Cache-Control', 'private, no-store');
      return out.data;
    },
  });
}

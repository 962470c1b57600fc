import { z } from 'zod';
import { labelled } from './labels';
import { PolicyTopic } from './policy';

/** What a guardian asks about: the policy topics, plus "where is my application" and "other". */
export const ConsultationTopic = labelled({
  ...PolicyTopic.labels,
  progress: '查询办理进度',
  other: '其他问题',
});
export type ConsultationTopic = (typeof ConsultationTopic.codes)[number];

export const ConsultationStatus = labelled({
  waiting: '待答复',
  answered: '已答复',
  closed: '已结束',
  converted: '已转为求助/个案',
});
export type ConsultationStatus = (typeof ConsultationStatus.codes)[number];

/** What a consultation can be turned into, keeping its thread (seed 002 附件4: 咨询 → 求助案例 / 报告案例). */
export const ConsultationConversion = labelled({
  help_request: '求助',
  case: '个案',
});
export type ConsultationConversion = (typeof ConsultationConversion.codes)[number];

/** Staff roles of the station (and county) that work the consultation queue. */
export const CONSULTATION_STAFF_ROLES = ['supervisor', 'social_worker', 'station_head', 'county_admin'] as const;

export const ChildSexBrief = labelled({ male: '男', female: '女' });
export type ChildSexBrief = (typeof ChildSexBrief.codes)[number];

/** Optional, minimal facts about the child a question is about (stored encrypted). */
export const ConsultChild = z.object({
  name: z.string({ error: '孩子姓名必须是文字' }).trim().max(30, '孩子姓名不能超过30个字').optional(),
  sex: z.enum(ChildSexBrief.codes, { error: '孩子性别请选择男或女' }).optional(),
  age: z.coerce
    .number({ error: '孩子年龄必须是数字' })
    .int('孩子年龄必须是整数')
    .min(0, '孩子年龄不能小于0岁')
    .max(17, '未满18周岁的孩子才能在这里咨询')
    .optional(),
  situation: z.string({ error: '孩子情况必须是文字' }).trim().max(300, '孩子情况不能超过300个字').optional(),
});
export type ConsultChild = z.infer<typeof ConsultChild>;

const messageBody = (field: string) =>
  z
    .string({ error: `请填写${field}` })
    .trim()
    .min(2, `${field}至少2个字`)
    .max(2000, `${field}不能超过2000个字`);

export const PhoneNumber = z
  .string({ error: '联系电话必须是文字' })
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '联系电话格式不正确，请填写手机号或带区号的座机号');

export const ConsultationCreate = z.object({
  /** Township or village the guardian lives in (from the public org list); decides which station answers. */
  orgId: z.coerce.number({ error: '请选择所在乡镇或村（社区）' }).int().positive('请选择所在乡镇或村（社区）'),
  topic: z.enum(ConsultationTopic.codes, { error: '请选择咨询类别' }),
  question: messageBody('您的问题'),
  /** The article the question was asked from, if any. */
  policyId: z.coerce.number({ error: '政策编号必须是数字' }).int().positive().optional(),
  child: ConsultChild.optional(),
  contactPhone: PhoneNumber.optional(),
});
export type ConsultationCreate = z.infer<typeof ConsultationCreate>;

export const ConsultationReply = z.object({ body: messageBody('回复内容') });
export type ConsultationReply = z.infer<typeof ConsultationReply>;

export const ConsultationConvertRequest = z.object({
  to: z.enum(ConsultationConversion.codes, { error: '请选择转为求助还是个案' }),
  note: z.string({ error: '说明必须是文字' }).trim().max(500, '说明不能超过500个字').optional(),
});
export type ConsultationConvertRequest = z.infer<typeof ConsultationConvertRequest>;

export const ConsultationMessage = z.object({
  id: z.number(),
  author: z.enum(['guardian', 'staff']),
  /** Staff replies carry the station's name, never a staff member's full name. */
  authorLabel: z.string(),
  body: z.string(),
  at: z.string(),
});
export type ConsultationMessage = z.infer<typeof ConsultationMessage>;

export const ConsultationSummary = z.object({
  id: z.number(),
  topic: z.enum(ConsultationTopic.codes),
  status: z.enum(ConsultationStatus.codes),
  orgId: z.number(),
  orgName: z.string(),
  villageName: z.string().nullable(),
  /** First line of the question, for lists. */
  preview: z.string(),
  createdAt: z.string(),
  lastMessageAt: z.string(),
  /** Reply due (working days after the guardian's unanswered message); null when nothing is waiting. */
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  firstAnsweredAt: z.string().nullable(),
  /** Guardian side: a staff reply the guardian has not opened yet. */
  unread: z.boolean(),
  /** Asked without signing in: the asker reads answers with a receipt code and cannot be notified. */
  anonymous: z.boolean(),
  conversion: z
    .object({ to: z.enum(ConsultationConversion.codes), refId: z.string(), label: z.string().nullable() })
    .nullable(),
});
export type ConsultationSummary = z.infer<typeof ConsultationSummary>;

export const ConsultationDetail = ConsultationSummary.extend({
  policyId: z.number().nullable(),
  policyTitle: z.string().nullable(),
  child: ConsultChild.nullable(),
  contactPhone: z.string().nullable(),
  messages: z.array(ConsultationMessage),
});
export type ConsultationDetail = z.infer<typeof ConsultationDetail>;

/** An anonymous question: the thread as the asker sees it, and the receipt code shown once. */
export const AnonymousConsultationCreated = z.object({
  consultation: ConsultationDetail,
  receiptCode: z.string(),
});
export type AnonymousConsultationCreated = z.infer<typeof AnonymousConsultationCreated>;

export const ConsultationQueueQuery = z.object({
  status: z.enum(ConsultationStatus.codes, { error: '状态不正确' }).optional(),
  overdue: z
    .enum(['1', '0', 'true', 'false'], { error: '只能是 1 或 0' })
    .transform((v) => v === '1' || v === 'true')
    .optional(),
  /** Keyset cursor returned by the previous page. */
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number({ error: '条数必须是数字' }).int().min(1).max(100, '条数不能超过100').default(30),
});
export type ConsultationQueueQuery = z.infer<typeof ConsultationQueueQuery>;

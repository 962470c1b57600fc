import { z } from 'zod';
import { ChildSexBrief, PhoneNumber } from './consultation';
import { labelled } from './labels';
import { AttachmentRef } from './report';

/** 协助申办: the station helps a guardian apply for a named policy (seed 002 附件4, seed 002 附件2 4.1.2–4.1.4). */
export const ApplicationStatus = labelled({
  submitted: '已提交',
  need_more: '需补充材料',
  referred: '已转办',
  done: '已办结',
});
export type ApplicationStatus = (typeof ApplicationStatus.codes)[number];

/**
 * Who may move an application where. Staff: 已提交 → 需补充材料 / 已转办 / 已办结, and onwards;
 * the guardian: 需补充材料 → 已提交 (after adding what was asked for). 已办结 is final.
 */
export const APPLICATION_TRANSITIONS: Record<ApplicationStatus, { staff: ApplicationStatus[]; guardian: ApplicationStatus[] }> = {
  submitted: { staff: ['need_more', 'referred', 'done'], guardian: [] },
  need_more: { staff: ['referred', 'done'], guardian: ['submitted'] },
  referred: { staff: ['need_more', 'done'], guardian: [] },
  done: { staff: [], guardian: [] },
};

/** Station staff (and county admin) who handle applications. */
export const APPLICATION_STAFF_ROLES = ['supervisor', 'social_worker', 'station_head', 'county_admin'] as const;

export const MAX_APPLICATION_PHOTOS = 30;

/** A photo uploaded first (POST /api/uploads/images), claimed for one item of the checklist. */
export const ApplicationPhotoRef = AttachmentRef.extend({
  itemIndex: z.coerce.number({ error: '请选择照片对应的材料' }).int().min(0, '请选择照片对应的材料'),
});
export type ApplicationPhotoRef = z.infer<typeof ApplicationPhotoRef>;

export function canMoveApplication(from: ApplicationStatus, to: ApplicationStatus, by: 'staff' | 'guardian'): boolean {
  return APPLICATION_TRANSITIONS[from][by].includes(to);
}

export const GuardianRelation = labelled({
  grandparent: '祖父母/外祖父母',
  parent: '父母',
  relative: '其他亲属',
  entrusted: '受委托照护人',
  other: '其他',
});
export type GuardianRelation = (typeof GuardianRelation.codes)[number];

export const ApplicationChild = z.object({
  name: z.string({ error: '请填写孩子姓名' }).trim().min(1, '请填写孩子姓名').max(30, '孩子姓名不能超过30个字'),
  sex: z.enum(ChildSexBrief.codes, { error: '请选择孩子性别' }),
  age: z.coerce
    .number({ error: '请填写孩子年龄' })
    .int('孩子年龄必须是整数')
    .min(0, '孩子年龄不能小于0岁')
    .max(17, '只能为未满18周岁的孩子申办'),
});
export type ApplicationChild = z.infer<typeof ApplicationChild>;

export const ApplicationApplicant = z.object({
  name: z.string({ error: '请填写您的姓名' }).trim().min(1, '请填写您的姓名').max(30, '您的姓名不能超过30个字'),
  phone: PhoneNumber,
  relation: z.enum(GuardianRelation.codes, { error: '请选择您与孩子的关系' }),
});
export type ApplicationApplicant = z.infer<typeof ApplicationApplicant>;

export const ApplicationCreate = z.object({
  policyId: z.coerce.number({ error: '请选择要申办的政策' }).int().positive('请选择要申办的政策'),
  /** Township or village of the family; decides which station handles it. */
  orgId: z.coerce.number({ error: '请选择所在乡镇或村（社区）' }).int().positive('请选择所在乡镇或村（社区）'),
  child: ApplicationChild,
  applicant: ApplicationApplicant,
  note: z.string({ error: '补充说明必须是文字' }).trim().max(1000, '补充说明不能超过1000个字').optional(),
  photos: z.array(ApplicationPhotoRef, { error: '照片列表格式不正确' }).max(MAX_APPLICATION_PHOTOS, `照片最多${MAX_APPLICATION_PHOTOS}张`).default([]),
});
export type ApplicationCreate = z.infer<typeof ApplicationCreate>;

const noteText = (field: string, max = 500) =>
  z.string({ error: `请填写${field}` }).trim().min(2, `请填写${field}（至少2个字）`).max(max, `${field}不能超过${max}个字`);

/** A staff status change; each target status names what it needs. */
export const ApplicationStatusChange = z.discriminatedUnion(
  'status',
  [
    z.object({ status: z.literal('need_more'), missing: noteText('需要补充的材料') }),
    z.object({ status: z.literal('referred'), department: noteText('转办部门', 100), note: noteText('转办说明').optional() }),
    z.object({ status: z.literal('done'), result: noteText('办理结果') }),
  ],
  { error: '请选择新的办理状态（需补充材料、已转办或已办结）' },
);
export type ApplicationStatusChange = z.infer<typeof ApplicationStatusChange>;

export const ApplicationAddPhotos = z.object({
  photos: z.array(ApplicationPhotoRef, { error: '照片列表格式不正确' }).min(1, '请至少添加一张照片').max(MAX_APPLICATION_PHOTOS, `照片最多${MAX_APPLICATION_PHOTOS}张`),
});
export type ApplicationAddPhotos = z.infer<typeof ApplicationAddPhotos>;

/** The guardian answers 需补充材料 (after adding photos) and sends the application back. */
export const ApplicationResubmit = z.object({
  note: z.string({ error: '说明必须是文字' }).trim().max(500, '说明不能超过500个字').optional(),
});
export type ApplicationResubmit = z.infer<typeof ApplicationResubmit>;

export const ApplicationEvent = z.object({
  status: z.enum(ApplicationStatus.codes),
  /** What to add, the department, or the result — as the status requires. */
  note: z.string().nullable(),
  department: z.string().nullable(),
  by: z.enum(['guardian', 'staff']),
  at: z.string(),
});
export type ApplicationEvent = z.infer<typeof ApplicationEvent>;

export const ApplicationMaterial = z.object({
  index: z.number(),
  item: z.string(),
  photos: z.array(z.object({ fileId: z.string(), at: z.string() })),
});
export type ApplicationMaterial = z.infer<typeof ApplicationMaterial>;

export const ApplicationSummary = z.object({
  id: z.number(),
  policyId: z.number(),
  policyTitle: z.string(),
  status: z.enum(ApplicationStatus.codes),
  orgId: z.number(),
  orgName: z.string(),
  villageName: z.string().nullable(),
  childName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The latest status note (what to add / department / result). */
  latestNote: z.string().nullable(),
});
export type ApplicationSummary = z.infer<typeof ApplicationSummary>;

export const ApplicationDetail = ApplicationSummary.extend({
  child: ApplicationChild,
  applicant: ApplicationApplicant,
  note: z.string().nullable(),
  department: z.string().nullable(),
  materials: z.array(ApplicationMaterial),
  events: z.array(ApplicationEvent),
  consultationId: z.number().nullable(),
});
export type ApplicationDetail = z.infer<typeof ApplicationDetail>;

export const ApplicationQueueQuery = z.object({
  status: z.enum(ApplicationStatus.codes, { error: '状态不正确' }).optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number({ error: '条数必须是数字' }).int().min(1).max(100, '条数不能超过100').default(30),
});
export type ApplicationQueueQuery = z.infer<typeof ApplicationQueueQuery>;

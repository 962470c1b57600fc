import { z } from 'zod';
import type { ReferralUnitType } from './case';
import { labelled } from './labels';

/**
 * The resource directory (资源名录) of a township or county: the units a station works with and refers
 * children to. An entry fills the receiving-unit block of 附件7 转介记录表 (unit, address, contact).
 */
export const ResourceKind = labelled({
  police_station: '派出所',
  health_center: '卫生院/医院',
  school: '学校/幼儿园',
  justice_office: '司法所',
  women_federation: '妇联',
  disabled_federation: '残联',
  county_center: '县未成年人保护中心',
  civil_affairs: '民政办/社会事务办',
  procuratorate: '检察院',
  court: '人民法院',
  psychological: '心理服务机构',
  social_work: '社会工作服务机构',
  legal_aid: '法律援助机构',
  other: '其他',
});
export type ResourceKind = (typeof ResourceKind.codes)[number];

/** The 附件7 receiving-unit type a directory entry stands for. */
export const RESOURCE_REFERRAL_TYPE: Record<ResourceKind, ReferralUnitType> = {
  police_station: 'police',
  health_center: 'hospital',
  school: 'education',
  justice_office: 'legal_aid',
  women_federation: 'women_federation',
  disabled_federation: 'other',
  county_center: 'civil_affairs',
  civil_affairs: 'civil_affairs',
  procuratorate: 'procuratorate',
  court: 'court',
  psychological: 'psychological',
  social_work: 'social_work',
  legal_aid: 'legal_aid',
  other: 'other',
};

export const RESOURCE_EDITOR_ROLES = ['supervisor', 'station_head', 'county_admin'] as const;

const text = (field: string, min: number, max: number) =>
  z
    .string({ error: `请填写${field}` })
    .trim()
    .min(min, min <= 1 ? `请填写${field}` : `${field}至少${min}个字`)
    .max(max, `${field}不能超过${max}个字`);
const PHONE_RE = /^(1\d{10}|0\d{2,3}-?\d{7,8}|1\d{2,4})$/;
const phone = z
  .string({ error: '请填写联系电话' })
  .trim()
  .transform((v) => v.replace(/\s/g, ''))
  .refine((v) => PHONE_RE.test(v), '联系电话格式不正确（手机号11位，座机如 023-12345678，或110、12355等服务号码）');

const fields = {
  kind: z.enum(ResourceKind.codes, { error: '请选择单位类别' }),
  name: text('单位名称', 2, 60),
  address: text('单位地址', 2, 120),
  contactName: text('对接人', 1, 30),
  contactPhone: phone,
  services: z.string({ error: '服务内容必须是文字' }).trim().max(300, '服务内容不能超过300个字').nullish().transform((v) => (v ? v : null)),
};

export const ResourceCreate = z.object({
  ...fields,
  /** The township or county whose directory lists it; default: the caller's own node. */
  orgId: z.number({ error: '所属乡镇编号必须是数字' }).int().positive().optional(),
});
export type ResourceCreate = z.input<typeof ResourceCreate>;

export const ResourceUpdate = z
  .object({ ...fields, status: z.enum(['active', 'archived'], { error: '状态只能是 active 或 archived' }) })
  .partial()
  .refine((v) => Object.values(v).some((x) => x !== undefined), '没有要保存的修改');
export type ResourceUpdate = z.input<typeof ResourceUpdate>;

export const ResourceListQuery = z.object({
  kind: z.enum(ResourceKind.codes, { error: '单位类别不正确' }).optional(),
  archived: z
    .enum(['true', 'false'], { error: 'archived 只能是 true 或 false' })
    .transform((v) => v === 'true')
    .optional(),
});
export type ResourceListQuery = z.input<typeof ResourceListQuery>;

export const ResourceView = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  kind: z.enum(ResourceKind.codes),
  kindLabel: z.string(),
  referralUnitType: z.string(),
  name: z.string(),
  address: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  services: z.string().nullable(),
  status: z.enum(['active', 'archived']),
  updatedAt: z.string(),
});
export type ResourceView = z.infer<typeof ResourceView>;

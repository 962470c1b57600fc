import { z } from 'zod';
import { labelled } from './labels';

/** Topics of the policy library (issue 7; seeds 001 §三 7, 002 附件2 4.1–4.3, 004). */
export const PolicyTopic = labelled({
  living: '生活保障',
  medical: '医疗救助与康复',
  education: '教育资助',
  guardianship: '监护与家庭教育',
  legal: '法律援助',
  psych: '心理支持',
  disability: '残疾儿童',
  reporting: '报告与求助',
});
export type PolicyTopic = (typeof PolicyTopic.codes)[number];

export const PolicyStatus = labelled({
  draft: '草稿',
  published: '已发布',
  archived: '已下线',
});
export type PolicyStatus = (typeof PolicyStatus.codes)[number];

/** Staff roles that may write policy articles and see drafts (station staff and county admin). */
export const POLICY_EDITOR_ROLES = ['supervisor', 'social_worker', 'station_head', 'county_admin'] as const;

const text = (field: string, max: number, min = 1) =>
  z
    .string({ error: `请填写${field}` })
    .trim()
    .min(min, min > 1 ? `${field}至少${min}个字` : `请填写${field}`)
    .max(max, `${field}不能超过${max}个字`);

/** One item of a materials checklist, e.g. "户口簿（户主页和儿童本人页）". */
export const MaterialItem = z
  .string({ error: '材料名称必须是文字' })
  .trim()
  .min(2, '材料名称至少2个字')
  .max(100, '材料名称不能超过100个字')
  .refine((s) => !/[\r\n]/.test(s), '材料名称不能换行');

const articleFields = {
  topic: z.enum(PolicyTopic.codes, { error: '请选择政策分类' }),
  title: text('标题', 60, 2),
  summary: text('一句话说明', 300, 10),
  eligibility: text('适用对象（谁可以申请）', 2000, 4),
  materials: z.array(MaterialItem, { error: '材料清单格式不正确' }).max(30, '材料清单最多30项'),
  whereToApply: text('办理地点（到哪里办）', 1000, 4),
  body: text('正文', 20000, 10),
  source: text('政策依据（文件名称）', 300, 4),
  /** Whether guardians may ask the station to help apply (协助申办) for this policy. */
  canApply: z.boolean({ error: '请选择是否可协助申办' }),
};

export const PolicyArticleInput = z.object({ ...articleFields, canApply: articleFields.canApply.default(false) });
export type PolicyArticleInput = z.infer<typeof PolicyArticleInput>;

/** Only the fields sent are changed (no defaults here). */
export const PolicyArticleUpdate = z.object(articleFields).partial();
export type PolicyArticleUpdate = z.infer<typeof PolicyArticleUpdate>;

export const PolicyArticle = z.object({
  id: z.number(),
  slug: z.string().nullable(),
  topic: z.enum(PolicyTopic.codes),
  title: z.string(),
  summary: z.string(),
  eligibility: z.string(),
  materials: z.array(z.string()),
  whereToApply: z.string(),
  body: z.string(),
  source: z.string(),
  canApply: z.boolean(),
  status: z.enum(PolicyStatus.codes),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type PolicyArticle = z.infer<typeof PolicyArticle>;

export const PolicyListItem = PolicyArticle.pick({
  id: true,
  slug: true,
  topic: true,
  title: true,
  summary: true,
  canApply: true,
  status: true,
  updatedAt: true,
});
export type PolicyListItem = z.infer<typeof PolicyListItem>;

export const PolicySearchHit = PolicyListItem.extend({
  score: z.number(),
  /** Short piece of text around the first match, for the result list. */
  snippet: z.string(),
});
export type PolicySearchHit = z.infer<typeof PolicySearchHit>;

const boolFlag = z
  .union([z.boolean(), z.enum(['1', '0', 'true', 'false'])], { error: '只能是 1 或 0' })
  .transform((v) => v === true || v === '1' || v === 'true');

export const PolicySearchQuery = z.object({
  q: z.string({ error: '请输入要搜索的内容' }).trim().min(1, '请输入要搜索的内容').max(50, '搜索内容不能超过50个字'),
  topic: z.enum(PolicyTopic.codes, { error: '政策分类不正确' }).optional(),
  limit: z.coerce.number({ error: '条数必须是数字' }).int().min(1, '条数至少为1').max(50, '条数不能超过50').default(20),
  /** Editors only: include drafts and archived articles. */
  all: boolFlag.optional(),
});
export type PolicySearchQuery = z.infer<typeof PolicySearchQuery>;

export const PolicyListQuery = z.object({
  topic: z.enum(PolicyTopic.codes, { error: '政策分类不正确' }).optional(),
  status: z.enum(PolicyStatus.codes, { error: '状态不正确' }).optional(),
  /** Keyset cursor: the last id of the previous page. */
  after: z.coerce.number({ error: '分页参数必须是数字' }).int().positive().optional(),
  limit: z.coerce.number({ error: '条数必须是数字' }).int().min(1).max(100, '条数不能超过100').default(50),
});
export type PolicyListQuery = z.infer<typeof PolicyListQuery>;

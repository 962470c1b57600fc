import { z } from 'zod';
import { labelled } from './labels';
import { ActualCarer, AdultIdNumber, DisabilityCertNo, EntrustedCarer, FileCloseReason, FileStatus, HukouType, ParentStatus } from './childFile';
import { idNumberFacts, isValidIdNumber, isValidYmd } from './idNumber';

export { idNumberFacts, isValidIdNumber, isValidYmd } from './idNumber';

/**
 * The child file (一人一档): seed 002 附件2 4.1, seed 004 附件3, DESIGN.md §4.
 * Identity and contact fields are encrypted at rest on the server; these schemas are the
 * request/response shapes and the mini-program's form rules.
 */

/** Categories; several may apply to one child. */
export const ChildCategory = labelled({
  orphan: '孤儿',
  scattered_orphan: '散居孤儿',
  de_facto_unsupported: '事实无人抚养儿童',
  left_behind: '农村留守儿童',
  plight_self: '困境儿童（自身困境）',
  plight_family: '困境儿童（家庭困境）',
  plight_temporary: '困境儿童（临时困境）',
  disabled: '残疾儿童',
  serious_illness: '重病儿童',
  dibao_family: '低保家庭儿童',
  dropout: '失学辍学儿童',
  unregistered: '无户籍儿童',
  migrant: '流动儿童',
});
export type ChildCategory = (typeof ChildCategory.codes)[number];

/**
 * Left-behind and vulnerable children are visited at least monthly whatever their tier (seed 001 §三.2:
 * 事实无人抚养儿童、散居孤儿、残疾儿童、低保家庭儿童、失学辍学大病儿童等重点困境儿童和农村留守儿童).
 */
export const MONTHLY_VISIT_CATEGORIES: readonly ChildCategory[] = [
  'orphan',
  'scattered_orphan',
  'de_facto_unsupported',
  'left_behind',
  'plight_self',
  'plight_family',
  'plight_temporary',
  'disabled',
  'serious_illness',
  'dibao_family',
  'dropout',
  'unregistered',
];

export const ChildFileSex = labelled({ male: '男', female: '女' });
export type ChildFileSex = (typeof ChildFileSex.codes)[number];

export const RiskTier = labelled({ high: '高', medium: '中', low: '低' });
export type RiskTier = (typeof RiskTier.codes)[number];

/** 监护状况 (seed 004 附件3; DESIGN.md §4). */
export const GuardianshipState = labelled({
  adequate: '监护正常',
  unattended: '无人监护',
  one_parent_away_other_unable: '父母一方外出、另一方无监护能力',
  entrusted_insufficient: '委托监护人监护能力不足',
  improper: '监护不当',
});
export type GuardianshipState = (typeof GuardianshipState.codes)[number];

export const ChildGuardianRelation = labelled({
  father: '父亲',
  mother: '母亲',
  grandparent: '祖父母/外祖父母',
  sibling: '兄姐',
  other_relative: '其他亲属',
  other: '其他人',
});
export type ChildGuardianRelation = (typeof ChildGuardianRelation.codes)[number];

export const ParentsAway = labelled({
  none: '父母均在家',
  father: '父亲外出',
  mother: '母亲外出',
  both: '父母均外出',
  na: '不适用（父母双亡或下落不明）',
});
export type ParentsAway = (typeof ParentsAway.codes)[number];

export const ChildSchooling = labelled({
  preschool: '学龄前',
  kindergarten: '幼儿园',
  primary: '小学',
  junior: '初中',
  senior: '高中/中职',
  dropout: '失学辍学',
  other: '其他',
});
export type ChildSchooling = (typeof ChildSchooling.codes)[number];

/** Benefits received (保障待遇). */
export const ChildBenefit = labelled({
  orphan_allowance: '孤儿基本生活费',
  unsupported_allowance: '事实无人抚养儿童基本生活补贴',
  dibao: '低保',
  tekun: '特困供养',
  /** 国发〔2015〕52号: two separate subsidies with separate conditions. */
  disability_living_subsidy: '困难残疾人生活补贴',
  disability_care_subsidy: '重度残疾人护理补贴',
  education_aid: '教育资助',
  medical_aid: '医疗救助',
  temporary_aid: '临时救助',
});
export type ChildBenefit = (typeof ChildBenefit.codes)[number];

export const FileConfirmStatus = labelled({ pending: '待督导员确认', confirmed: '已确认' });
export type FileConfirmStatus = (typeof FileConfirmStatus.codes)[number];

// ---------------------------------------------------------------- field rules

const text = (field: string, max: number) =>
  z.string({ error: `${field}必须是文字` }).trim().max(max, `${field}不能超过${max}个字`);
const requiredText = (field: string, max: number) =>
  z.string({ error: `请填写${field}` }).trim().min(1, `请填写${field}`).max(max, `${field}不能超过${max}个字`);
/** Optional free text: empty strings become null. */
const optionalText = (field: string, max: number) =>
  text(field, max)
    .nullish()
    .transform((v) => (v ? v : null));

/** Full years of age on a given date (both YYYY-MM-DD). */
export function ageOn(dob: string, on: string): number {
  let age = Number(on.slice(0, 4)) - Number(dob.slice(0, 4));
  if (on.slice(5) < dob.slice(5)) age -= 1;
  return age;
}

/** A list-safe display of a name: surname, masked middle, last character (刘春梅 → 刘*梅, 张三 → 张*). */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('') + '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

export const CHILD_PHONE_RE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;
const phone = (field: string) =>
  z
    .string({ error: `${field}必须是文字` })
    .trim()
    .nullish()
    .transform((v) => (v ? v.replace(/\s/g, '') : null))
    .refine((v) => v === null || CHILD_PHONE_RE.test(v), `${field}格式不正确（手机号11位，座机如 023-12345678）`);

export const ChildIdNumber = z
  .string({ error: '身份证号必须是文字' })
  .trim()
  .nullish()
  .transform((v) => (v ? v.toUpperCase() : null))
  .refine((v) => v === null || isValidIdNumber(v), '身份证号不正确（应为18位，最后一位可以是X，请核对）');

const dateField = (field: string) =>
  z.string({ error: `请填写${field}` }).trim().refine(isValidYmd, `${field}格式应为 年-月-日，如 2015-06-01`);

export const ChildGuardian = z.object({
  name: requiredText('监护人姓名', 30),
  relation: z.enum(ChildGuardianRelation.codes, { error: '请选择监护人与儿童的关系' }),
  phone: phone('监护人电话'),
  /** 委托监护人 (entrusted guardian) rather than a parent/legal guardian. */
  entrusted: z.boolean({ error: '请说明是否为委托监护人' }).default(false),
  /** Encrypted; a blind index allows an exact look-up, like every ID number. */
  idNumber: AdultIdNumber('监护人身份证号'),
});
export type ChildGuardian = z.infer<typeof ChildGuardian>;

/** Every field of a file a person fills in. */
const childFields = {
  name: requiredText('儿童姓名', 30),
  sex: z.enum(ChildFileSex.codes, { error: '请选择性别' }),
  dob: dateField('出生日期'),
  idNumber: ChildIdNumber,
  /** 户籍地; null with the 无户籍 category. */
  householdReg: optionalText('户籍地', 100),
  ethnicity: optionalText('民族', 20),
  hukouType: z.enum(HukouType.codes, { error: '户籍性质只能是农业或非农业' }).nullish().transform((v) => v ?? null),
  address: requiredText('现住址', 200),
  phone: phone('儿童联系电话'),
  categories: z
    .array(z.enum(ChildCategory.codes, { error: '儿童类别不正确' }), { error: '请选择儿童类别' })
    .min(1, '请至少选择一个儿童类别')
    .max(ChildCategory.codes.length)
    .transform((a) => [...new Set(a)]),
  guardians: z.array(ChildGuardian, { error: '监护人信息格式不正确' }).max(6, '监护人最多填写6位'),
  parentsAway: z.enum(ParentsAway.codes, { error: '请选择父母外出情况' }),
  parentsAwayWhere: optionalText('外出地点', 100),
  fatherStatus: z.enum(ParentStatus.codes, { error: '父亲情况不正确' }).nullish().transform((v) => v ?? null),
  motherStatus: z.enum(ParentStatus.codes, { error: '母亲情况不正确' }).nullish().transform((v) => v ?? null),
  actualCarer: ActualCarer.nullish().transform((v) => v ?? null),
  entrustedCarer: EntrustedCarer.nullish().transform((v) => v ?? null),
  guardianshipState: z.enum(GuardianshipState.codes, { error: '请选择监护状况' }),
  /** 委托监护确认书 signed (seed 004 附件3 item 3). */
  entrustmentSigned: z.boolean({ error: '请说明是否已签订委托监护确认书' }),
  schooling: z.enum(ChildSchooling.codes, { error: '请选择就学情况' }),
  schoolName: optionalText('学校名称', 60),
  grade: optionalText('年级', 20),
  health: optionalText('健康状况', 300),
  disability: optionalText('残疾类别和等级', 100),
  disabilityCertNo: DisabilityCertNo,
  /** 送教上门: a child who cannot attend school is taught at home (义务教育法 第十九条). */
  homeSchooling: z.boolean({ error: '请说明是否送教上门' }).nullish().transform((v) => v ?? false),
  benefits: z
    .array(z.enum(ChildBenefit.codes, { error: '保障待遇不正确' }), { error: '保障待遇格式不正确' })
    .transform((a) => [...new Set(a)]),
  servicesNote: optionalText('已接受的服务', 1000),
  riskTier: z.enum(RiskTier.codes, { error: '请选择风险等级' }),
  riskReason: requiredText('风险等级的理由', 300),
};

function checkFileConsistency(
  v: { idNumber?: string | null; dob?: string; sex?: ChildFileSex; categories?: ChildCategory[]; householdReg?: string | null },
  ctx: z.RefinementCtx,
) {
  if (v.idNumber && v.dob) {
    const facts = idNumberFacts(v.idNumber);
    if (facts.dob !== v.dob) ctx.addIssue({ code: 'custom', path: ['dob'], message: `出生日期与身份证号不一致（身份证显示 ${facts.dob}）` });
    if (v.sex && facts.sex !== v.sex) ctx.addIssue({ code: 'custom', path: ['sex'], message: `性别与身份证号不一致（身份证显示 ${ChildFileSex.label(facts.sex)}）` });
  }
  if (v.idNumber && v.categories?.includes('unregistered')) {
    ctx.addIssue({ code: 'custom', path: ['categories'], message: '已填写身份证号的儿童不能同时标为“无户籍儿童”' });
  }
}

export const ChildCreate = z
  .object({
    ...childFields,
    // Defaults apply to a new file only: a change (ChildUpdate) leaves a field it does not name alone.
    guardians: childFields.guardians.default([]),
    entrustmentSigned: childFields.entrustmentSigned.default(false),
    benefits: childFields.benefits.default([]),
    /** Village; a director may leave it out (their own village). */
    orgId: z.number({ error: '村/社区编号必须是数字' }).int().positive().optional(),
    /** The person saw the possible duplicates (same name, date of birth and village) and saves anyway. */
    confirmNotDuplicate: z.boolean().optional(),
  })
  .superRefine(checkFileConsistency);
export type ChildCreate = z.input<typeof ChildCreate>;
export type ChildCreateParsed = z.output<typeof ChildCreate>;

/** A change: any subset of the fields. */
export const ChildUpdate = z
  .object(childFields)
  .partial()
  .extend({ confirmNotDuplicate: z.boolean().optional() })
  .superRefine(checkFileConsistency)
  .refine((v) => Object.keys(v).some((k) => k !== 'confirmNotDuplicate'), '没有要保存的修改');
export type ChildUpdate = z.input<typeof ChildUpdate>;
export type ChildUpdateParsed = z.output<typeof ChildUpdate>;

/** The fields kept in a file's history, with their Chinese names. */
export const CHILD_FIELD_LABELS: Record<keyof typeof childFields | 'orgId', string> = {
  name: '姓名',
  sex: '性别',
  dob: '出生日期',
  idNumber: '身份证号',
  householdReg: '户籍地',
  ethnicity: '民族',
  hukouType: '户籍性质',
  address: '现住址',
  phone: '联系电话',
  categories: '儿童类别',
  guardians: '监护人',
  parentsAway: '父母外出情况',
  parentsAwayWhere: '外出地点',
  fatherStatus: '父亲情况',
  motherStatus: '母亲情况',
  actualCarer: '实际抚养人',
  entrustedCarer: '被委托人（委托照护）',
  guardianshipState: '监护状况',
  entrustmentSigned: '委托监护确认书',
  schooling: '就学情况',
  schoolName: '学校',
  grade: '年级',
  health: '健康状况',
  disability: '残疾情况',
  disabilityCertNo: '残疾人证号',
  homeSchooling: '送教上门',
  benefits: '保障待遇',
  servicesNote: '已接受的服务',
  riskTier: '风险等级',
  riskReason: '风险等级理由',
  orgId: '所属村/社区',
};
export type ChildField = keyof typeof CHILD_FIELD_LABELS;

export const DuplicateCheck = z.object({
  orgId: z.number({ error: '村/社区编号必须是数字' }).int().positive().optional(),
  name: requiredText('儿童姓名', 30),
  dob: dateField('出生日期'),
  idNumber: ChildIdNumber,
  /** When editing a file, that file is not its own duplicate. */
  excludeId: z.number().int().positive().optional(),
});
export type DuplicateCheck = z.input<typeof DuplicateCheck>;

export const DuplicateMatch = z.object({
  reason: z.enum(['id_number', 'name_dob_village']),
  /** Only for files the asker may open; a match elsewhere is reported without any detail. */
  childId: z.number().nullable(),
  displayName: z.string().nullable(),
  orgName: z.string().nullable(),
  message: z.string(),
});
export type DuplicateMatch = z.infer<typeof DuplicateMatch>;

// ---------------------------------------------------------------- responses

export const ChildSummary = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  /** Full name (staff in scope are authorised); `maskedName` for lists shown on a wall or screen. */
  name: z.string(),
  maskedName: z.string(),
  sex: z.enum(ChildFileSex.codes),
  age: z.number(),
  categories: z.array(z.enum(ChildCategory.codes)),
  riskTier: z.enum(RiskTier.codes),
  guardianshipState: z.enum(GuardianshipState.codes),
  visitIntervalDays: z.number(),
  lastVisitAt: z.string().nullable(),
  nextVisitDue: z.string().nullable(),
  visitOverdue: z.boolean(),
  confirmStatus: z.enum(FileConfirmStatus.codes),
  confirmDueAt: z.string().nullable(),
  confirmOverdue: z.boolean(),
  status: z.enum(FileStatus.codes),
});
export type ChildSummary = z.infer<typeof ChildSummary>;

export const ChildDetail = ChildSummary.extend({
  dob: z.string(),
  idNumber: z.string().nullable(),
  householdReg: z.string().nullable(),
  address: z.string(),
  phone: z.string().nullable(),
  guardians: z.array(
    z.object({
      name: z.string(),
      relation: z.enum(ChildGuardianRelation.codes),
      phone: z.string().nullable(),
      entrusted: z.boolean(),
      idNumber: z.string().nullable().optional(),
    }),
  ),
  ethnicity: z.string().nullable(),
  hukouType: z.enum(HukouType.codes).nullable(),
  fatherStatus: z.enum(ParentStatus.codes).nullable(),
  motherStatus: z.enum(ParentStatus.codes).nullable(),
  actualCarer: ActualCarer.nullable(),
  entrustedCarer: EntrustedCarer.nullable(),
  disabilityCertNo: z.string().nullable(),
  homeSchooling: z.boolean(),
  closedAt: z.string().nullable(),
  closeReason: z.enum(FileCloseReason.codes).nullable(),
  /** Entry into and updates of the national children's welfare information system, as clocks. */
  nationalSystem: z.object({
    enteredAt: z.string().nullable(),
    updatedAt: z.string().nullable(),
    entryDueAt: z.string().nullable(),
    entryOverdue: z.boolean(),
    monthDueAt: z.string(),
    updatedThisMonth: z.boolean(),
    monthOverdue: z.boolean(),
    quarterDueAt: z.string(),
    updatedThisQuarter: z.boolean(),
    quarterOverdue: z.boolean(),
  }),
  /** The monthly visit counts per calendar month (seed 001): visited in this month (China time). */
  visitedThisMonth: z.boolean(),
  parentsAway: z.enum(ParentsAway.codes),
  parentsAwayWhere: z.string().nullable(),
  entrustmentSigned: z.boolean(),
  schooling: z.enum(ChildSchooling.codes),
  schoolName: z.string().nullable(),
  grade: z.string().nullable(),
  health: z.string().nullable(),
  disability: z.string().nullable(),
  benefits: z.array(z.enum(ChildBenefit.codes)),
  servicesNote: z.string().nullable(),
  riskReason: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  confirmedAt: z.string().nullable(),
  confirmedByName: z.string().nullable(),
  /** Cases linked to this child (through tasks dispatched from them). */
  caseIds: z.array(z.number()),
});
export type ChildDetail = z.infer<typeof ChildDetail>;

export const ChildHistoryEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorName: z.string(),
  action: z.enum(['create', 'update', 'confirm', 'visit_plan', 'close', 'reopen', 'move', 'national_entry']),
  changes: z.array(z.object({ field: z.string(), label: z.string(), old: z.unknown(), new: z.unknown() })),
  note: z.string().nullable(),
});
export type ChildHistoryEntry = z.infer<typeof ChildHistoryEntry>;

export const ChildListQuery = z.object({
  orgId: z.coerce.number({ error: '村/社区编号必须是数字' }).int().positive().optional(),
  /** Exact name (spaces ignored): names are sealed, so the search is an exact match. */
  name: z.string({ error: '姓名格式不正确' }).trim().min(1, '请输入要查找的姓名').max(30, '姓名最多30个字').optional(),
  category: z.enum(ChildCategory.codes, { error: '儿童类别不正确' }).optional(),
  riskTier: z.enum(RiskTier.codes, { error: '风险等级不正确' }).optional(),
  /** only files whose confirmation is pending (and late, with `overdue`). */
  confirm: z.enum(['pending', 'overdue'], { error: '确认状态不正确' }).optional(),
  visitOverdue: z
    .enum(['true', 'false'], { error: 'visitOverdue 只能是 true 或 false' })
    .transform((v) => v === 'true')
    .optional(),
  /** Keyset cursor from the previous page. */
  after: z.coerce.number({ error: 'after 必须是数字' }).int().positive().optional(),
  limit: z.coerce.number({ error: 'limit 必须是数字' }).int().min(1, 'limit 至少为1').max(100, 'limit 最大为100').default(30),
});
export type ChildListQuery = z.input<typeof ChildListQuery>;

export const ChildConfirm = z.object({
  note: optionalText('确认意见', 300),
});

/** Visit interval a file's plan uses: the tier's, shortened to the monthly floor for vulnerable children. */
export function visitIntervalFor(
  sla: { visitIntervalDays: Record<RiskTier, number>; vulnerableMaxIntervalDays: number },
  tier: RiskTier,
  categories: readonly ChildCategory[],
): number {
  const base = sla.visitIntervalDays[tier];
  return categories.some((c) => MONTHLY_VISIT_CATEGORIES.includes(c)) ? Math.min(base, sla.vulnerableMaxIntervalDays) : base;
}

/** Visits due in the last 30 days by person: how many the plan called for, how many were done. */
export const VisitWork = z.object({
  userId: z.number().nullable(),
  name: z.string(),
  planned30d: z.number(),
  done30d: z.number(),
  overdue: z.number(),
});
export type VisitWork = z.infer<typeof VisitWork>;

/** Per-village numbers for the supervisor's township overview. */
export const VillageOverview = z.object({
  orgId: z.number(),
  orgName: z.string(),
  directors: z.array(VisitWork),
  files: z.number(),
  byTier: z.object({ high: z.number(), medium: z.number(), low: z.number() }),
  byCategory: z.record(z.string(), z.number()),
  /** Files whose next planned visit is past. */
  visitsOverdue: z.number(),
  /** Visit tasks due in the last 30 days, and how many of them were done. */
  visitsPlanned30d: z.number(),
  visitsDone30d: z.number(),
  confirmPending: z.number(),
  confirmOverdue: z.number(),
  /** Monthly visits count per calendar month (seed 001): open files, and those visited this month (China time). */
  activeFiles: z.number(),
  visitedThisMonth: z.number(),
});
export type VillageOverview = z.infer<typeof VillageOverview>;

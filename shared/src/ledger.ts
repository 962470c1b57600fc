import { z } from 'zod';
import { isValidYmd } from './child';
import { labelled } from './labels';

/**
 * The station's service ledgers (seed 003 §五(七): 一本服务台账) and the two working ledgers of
 * visits and referrals. Each one is an .xlsx export and a printable page.
 */
export const Roster = labelled({
  reception: '接待工作台账',
  protection: '未成年人救助保护名册',
  left_behind: '农村留守儿童名册',
  plight: '困境儿童名册',
  orphans: '散居孤儿和事实无人抚养儿童名册',
  visits: '走访工作台账',
  referrals: '转介工作台账',
});
export type Roster = (typeof Roster.codes)[number];

/** Which file categories each child roster lists (a child in several categories appears once). */
export const ROSTER_CATEGORIES = {
  left_behind: ['left_behind'],
  plight: ['plight_self', 'plight_family', 'plight_temporary'],
  orphans: ['scattered_orphan', 'de_facto_unsupported'],
} as const;

const ymd = (field: string) =>
  z
    .string({ error: `${field}格式不正确` })
    .refine(isValidYmd, `${field}格式应为 YYYY-MM-DD`)
    .optional();

/** Node and period of a ledger, statistics or report; dates are China calendar days, both inclusive. */
export const LedgerFilter = z
  .object({
    orgId: z.coerce.number({ error: '机构编号必须是数字' }).int('机构编号必须是整数').positive('机构编号不正确').optional(),
    from: ymd('开始日期'),
    to: ymd('结束日期'),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: '开始日期不能晚于结束日期', path: ['from'] });
export type LedgerFilter = z.output<typeof LedgerFilter>;

export const LedgerPageQuery = z
  .object({
    orgId: z.coerce.number({ error: '机构编号必须是数字' }).int('机构编号必须是整数').positive('机构编号不正确').optional(),
    from: ymd('开始日期'),
    to: ymd('结束日期'),
    after: z.string({ error: '游标格式不正确' }).regex(/^\d{1,10}(:\d{1,10})?$/, '游标格式不正确').optional(),
    limit: z.coerce.number({ error: '每页条数必须是数字' }).int().min(1, '每页至少1条').max(500, '每页最多500条').default(200),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: '开始日期不能晚于结束日期', path: ['from'] });
export type LedgerPageQuery = z.output<typeof LedgerPageQuery>;

export const LedgerRosterParam = z.object({ roster: z.enum(Roster.codes, { error: '名册类型不正确' }) });

export const LedgerColumnSchema = z.object({ key: z.string(), header: z.string(), width: z.number() });
export const LedgerPageSchema = z.object({
  roster: z.enum(Roster.codes),
  title: z.string(),
  orgName: z.string(),
  period: z.string(),
  masked: z.boolean(),
  columns: z.array(LedgerColumnSchema),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  next: z.string().nullable(),
});
export type LedgerPage = z.infer<typeof LedgerPageSchema>;

/** Days from the events to the report (seed 002: discover and report at once). */
export const DelayBucket = labelled({
  d0_3: '0–3天',
  d4_5: '4–5天',
  d6_14: '6–14天',
  d15_30: '15–30天',
  over30: '30天以上',
  unknown: '发生时间不详',
});
export type DelayBucket = (typeof DelayBucket.codes)[number];

export function delayBucket(days: number | null): DelayBucket {
  if (days === null || days < 0) return 'unknown';
  if (days <= 3) return 'd0_3';
  if (days <= 5) return 'd4_5';
  if (days <= 14) return 'd6_14';
  if (days <= 30) return 'd15_30';
  return 'over30';
}

const Bar = z.object({ key: z.string(), label: z.string(), value: z.number() });
const Duration = z.object({ count: z.number(), avgHours: z.number().nullable(), medianHours: z.number().nullable() });

export const StatsSchema = z.object({
  orgName: z.string(),
  period: z.string(),
  from: z.string(),
  to: z.string(),
  kpi: z.object({
    reports: z.number(),
    casesOpened: z.number(),
    casesOpen: z.number(),
    casesArchived: z.number(),
    visits: z.number(),
    referrals: z.number(),
    leftBehind: z.number(),
    plight: z.number(),
    orphans: z.number(),
    overdueClocks: z.number(),
  }),
  reportsBySource: z.array(Bar),
  reportsByCategory: z.array(Bar),
  reportsByMonth: z.array(Bar),
  openCasesByRisk: z.array(Bar),
  openCasesByStep: z.array(Bar),
  overdueByVillage: z.array(Bar),
  overdueByPerson: z.array(Bar),
  visitsByMonth: z.array(z.object({ month: z.string(), due: z.number(), covered: z.number(), visits: z.number() })),
  reportingDelay: z.array(Bar),
  durations: z.object({ acknowledge: Duration, firstVisit: Duration, closing: Duration }),
});
export type Stats = z.infer<typeof StatsSchema>;

/** 上半年 / 下半年 of a year. */
export const HalfYearQuery = z.object({
  orgId: z.coerce.number({ error: '机构编号必须是数字' }).int().positive('机构编号不正确').optional(),
  year: z.coerce.number({ error: '年份必须是数字' }).int('年份必须是整数').min(2000, '年份不正确').max(2100, '年份不正确'),
  half: z.enum(['1', '2'], { error: '半年只能是 1（上半年）或 2（下半年）' }),
});
export type HalfYearQuery = z.output<typeof HalfYearQuery>;

export function halfYearRange(year: number, half: '1' | '2'): { from: string; to: string; label: string } {
  return half === '1'
    ? { from: `${year}-01-01`, to: `${year}-06-30`, label: `${year}年上半年` }
    : { from: `${year}-07-01`, to: `${year}-12-31`, label: `${year}年下半年` };
}

/**
 * A spreadsheet cell that begins with = + - @ (or a tab / carriage return) would be read as a formula
 * by Excel or WPS once re-saved or pasted: prefix an apostrophe so it stays text.
 */
export function neutraliseCell(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

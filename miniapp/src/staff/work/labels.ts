import {
  ChildBenefit,
  ChildCategory,
  ChildFileSex,
  ChildGuardianRelation,
  ChildSchooling,
  FileConfirmStatus,
  GuardianshipState,
  ParentsAway,
  RiskTier, formatDateWeekday } from '@wbt/shared';

type Labelled = { label: (code: never) => string };
const one = (t: Labelled) => (v: unknown) => (typeof v === 'string' ? t.label(v as never) ?? v : String(v));
const many = (t: Labelled) => (v: unknown) => (Array.isArray(v) ? v.map((x) => t.label(x as never) ?? String(x)).join('、') || '（无）' : String(v));

const FORMATTERS: Record<string, (v: unknown) => string> = {
  categories: many(ChildCategory),
  benefits: many(ChildBenefit),
  sex: one(ChildFileSex),
  riskTier: one(RiskTier),
  guardianshipState: one(GuardianshipState),
  parentsAway: one(ParentsAway),
  schooling: one(ChildSchooling),
  confirmStatus: one(FileConfirmStatus),
  entrustmentSigned: (v) => (v ? '已签订' : '未签订'),
  nextVisitDue: (v) => (typeof v === 'string' ? formatDateWeekday(v) : '—'),
  lastVisitAt: (v) => (typeof v === 'string' ? formatDateWeekday(v) : '—'),
  guardians: (v) =>
    Array.isArray(v) && v.length
      ? v.map((g: { name: string; relation: string; entrusted?: boolean }) => `${g.name}（${ChildGuardianRelation.label(g.relation as never)}${g.entrusted ? '，委托监护' : ''}）`).join('、')
      : '（无）',
};

/** A history value the way a person reads it. */
export function showValue(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  const f = FORMATTERS[field];
  return f ? f(v) : String(v);
}

import {
  ChildBenefit,
  ChildCategory,
  ChildFileSex,
  ChildGuardianRelation,
  ChildSchooling,
  FileConfirmStatus,
  GuardianshipState,
  ParentsAway,
  RiskTier, formatDateWeekday, CarerRelation, FileCloseReason, FileStatus, HukouType, ParentStatus } from '@wbt/shared';

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
  hukouType: one(HukouType),
  fatherStatus: one(ParentStatus),
  motherStatus: one(ParentStatus),
  status: one(FileStatus),
  closeReason: one(FileCloseReason),
  homeSchooling: (v) => (v ? '是' : '否'),
  nationalEnteredAt: (v) => (typeof v === 'string' ? formatDateWeekday(v) : '—'),
  nationalUpdatedAt: (v) => (typeof v === 'string' ? formatDateWeekday(v) : '—'),
  actualCarer: (v) => (v && typeof v === 'object' ? `${(v as { name: string }).name}（${CarerRelation.label((v as { relation: string }).relation as never)}）` : '（无）'),
  entrustedCarer: (v) => {
    if (!v || typeof v !== 'object') return '（无）';
    const e = v as { name: string; relation: string; checked: boolean; schoolNotified: boolean; villageNotified: boolean; weeklyContact: boolean };
    const flags = [e.checked ? '已核实' : '未核实', e.schoolNotified ? '已告知学校' : '未告知学校', e.villageNotified ? '已告知村居' : '未告知村居', e.weeklyContact ? '每周联系' : '未每周联系'];
    return `${e.name}（${CarerRelation.label(e.relation as never)}；${flags.join('，')}）`;
  },
  orgId: (v) => `村/社区 #${String(v)}`,
  disabilityCertNo: (v) => (typeof v === 'string' ? `${v.slice(0, 4)}…${v.slice(-4)}` : '—'),
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

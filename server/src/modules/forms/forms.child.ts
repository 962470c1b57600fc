import {
  ChildBenefit,
  ChildCategory,
  ChildFileSex,
  ChildGuardianRelation,
  ChildSchooling,
  chinaDate,
  formatDate,
  formatDateTime,
  GuardianshipState,
  ParentsAway,
  RiskTier,
  type ChildFileFormData,
  type VisitView,
} from '@wbt/shared';
import type { ChildrenService } from '../children/children.service';

type ChildFile = Awaited<ReturnType<ChildrenService['get']>>;

const label = (l: { labels: Record<string, string> }, v: string | null | undefined) => (v ? (l.labels[v] ?? v) : '');
const day = (iso: string | Date) => formatDate(new Date(`${chinaDate(new Date(iso))}T12:00:00+08:00`));

/** 一人一档: the child's file with its guardians and visits, in words. */
export function childFileData(c: ChildFile, visits: VisitView[], today: Date): ChildFileFormData {
  return {
    id: c.id,
    orgName: c.orgName,
    village: c.orgName,
    createdAt: day(c.createdAt),
    today: day(today),
    name: c.name,
    sex: label(ChildFileSex, c.sex),
    dob: c.dob,
    idNumber: c.idNumber ?? '',
    householdReg: c.householdReg ?? '',
    phone: c.phone ?? '',
    address: c.address,
    categories: c.categories.map((x) => label(ChildCategory, x)).join('、'),
    riskTier: label(RiskTier, c.riskTier),
    guardianshipState: label(GuardianshipState, c.guardianshipState),
    parentsAway: label(ParentsAway, c.parentsAway),
    parentsAwayWhere: c.parentsAwayWhere ?? '',
    entrustment: c.entrustmentSigned ? '已签订' : '未签订',
    schooling: label(ChildSchooling, c.schooling),
    school: [c.schoolName, c.grade].filter(Boolean).join(' '),
    health: c.health ?? '',
    disability: c.disability ?? '',
    benefits: c.benefits.map((b) => label(ChildBenefit, b)).join('、'),
    visitIntervalDays: c.visitIntervalDays,
    guardians: c.guardians.map((g) => ({ name: g.name, relation: label(ChildGuardianRelation, g.relation), phone: g.phone ?? '', entrusted: g.entrusted ? '是' : '否' })),
    riskReason: c.riskReason,
    servicesNote: c.servicesNote ?? '',
    visits: visits.map((v) => ({ visitedAt: formatDateTime(new Date(v.visitedAt)), visitor: v.visitorName, harmSigns: v.harmSigns ? '是' : '否', findings: v.findings ?? '' })),
  };
}

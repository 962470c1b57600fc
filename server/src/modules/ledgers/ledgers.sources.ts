import {
  ageOn,
  CaseKind,
  CaseStatus,
  ChildBenefit,
  ChildCategory,
  ChildFileSex,
  ChildGuardianRelation,
  ChildSchooling,
  ChildSex,
  chinaDate,
  formatDate,
  formatDateTime,
  GuardianshipState,
  IntakeCategory,
  MandatorySituation,
  ParentsAway,
  ReferralStatus,
  ReferralUnitType,
  ReportKind,
  ReporterIdentity,
  ReportMethod,
  ReportStatus,
  RiskTier,
  ROSTER_CATEGORIES,
  VisitMet,
  type Roster,
} from '@wbt/shared';
import type { Db } from '../../db/client';
import type { FieldCrypto } from '../../lib/fieldCrypto';
import type { UsersService } from '../auth/users.service';
import { casesLedgerRepo } from '../cases/cases.ledger';
import { childrenLedgerRepo, type ChildRosterRow } from '../children/children.ledger';
import type { Identity, Profile } from '../children/children.record';
import { childrenRepo } from '../children/children.repo';
import { referralsLedgerRepo } from '../referrals/referrals.ledger';
import { reportsLedgerRepo } from '../reports/reports.ledger';
import type { ReportContent } from '../reports/reports.types';
import { visitsLedgerRepo } from '../visits/visits.ledger';

export type Cell = string | number | null;
export type LedgerRow = Record<string, Cell>;
export interface LedgerBatch {
  rows: LedgerRow[];
  /** Where the next page starts; null after the last one. */
  next: string | null;
}
export interface LedgerScope {
  orgIds: number[];
  orgNames: Map<number, string>;
  from: Date | null;
  toExclusive: Date | null;
  now: Date;
}

// Label tables bound once (under tsx every access to an import is a getter call; these run per row).
const L = {
  sex: ChildFileSex,
  parentsAway: ParentsAway,
  guardianship: GuardianshipState,
  relation: ChildGuardianRelation,
  schooling: ChildSchooling,
  benefit: ChildBenefit,
  risk: RiskTier,
  category: ChildCategory,
  ageOn,
  formatDate,
};
const labelOf = <T extends string>(l: { labels: Record<T, string> }, v: string | null | undefined): string => (v ? ((l.labels as Record<string, string>)[v] ?? v) : '');
const yesNo = (b: boolean | null | undefined): string => (b === null || b === undefined ? '' : b ? '是' : '否');
const date = (d: Date | null | undefined): string => (d ? L.formatDate(d) : '');
const dateTime = (d: Date | null | undefined): string => (d ? formatDateTime(d) : '');

const CATEGORY_ORDER = new Map<string, number>(ChildCategory.codes.map((c, i) => [c, i]));
/** "plight_family,left_behind" (as GROUP_CONCAT gives them) → labels in the categories' own order. */
function categoryText(codes: string): string {
  if (!codes) return '';
  if (!codes.includes(',')) return labelOf(L.category, codes);
  return codes
    .split(',')
    .sort((a, b) => (CATEGORY_ORDER.get(a) ?? 99) - (CATEGORY_ORDER.get(b) ?? 99))
    .map((x) => labelOf(L.category, x))
    .join('、');
}

function parseCursor(after: string | undefined): { a: number; b: number } | null {
  if (!after) return null;
  const [a, b] = after.split(':').map(Number);
  return b === undefined ? { a: 0, b: a } : { a, b };
}
const timeCursor = (after: string | undefined) => {
  const c = parseCursor(after);
  return c ? { at: new Date(c.a), id: c.b } : null;
};

/**
 * Each ledger's rows, page by page, read through the owning modules' ledger repos: at most one page
 * of rows is in memory at a time, however long the roster.
 */
export class LedgerSources {
  constructor(
    private readonly db: Db,
    private readonly crypto: FieldCrypto,
    private readonly users: UsersService,
  ) {}

  page(roster: Roster, s: LedgerScope, after: string | undefined, limit: number): Promise<LedgerBatch> {
    switch (roster) {
      case 'left_behind':
      case 'plight':
      case 'orphans':
        return this.children(roster, s, after, limit);
      case 'reception':
        return this.reception(s, after, limit);
      case 'protection':
        return this.protection(s, after, limit);
      case 'visits':
        return this.visits(s, after, limit);
      case 'referrals':
        return this.referrals(s, after, limit);
    }
  }

  /** Rows the roster has for this scope, counted without reading them (for the statistics). */
  count(roster: Roster, s: LedgerScope): Promise<number> {
    const period = { orgIds: s.orgIds, from: s.from, toExclusive: s.toExclusive };
    switch (roster) {
      case 'left_behind':
      case 'plight':
      case 'orphans':
        return childrenLedgerRepo.count(this.db, { orgIds: s.orgIds, categories: ROSTER_CATEGORIES[roster], createdBefore: s.toExclusive });
      case 'reception':
        return reportsLedgerRepo.count(this.db, period);
      case 'protection':
        return casesLedgerRepo.count(this.db, period);
      case 'visits':
        return visitsLedgerRepo.count(this.db, period);
      case 'referrals':
        return referralsLedgerRepo.count(this.db, period);
    }
  }

  private async children(roster: 'left_behind' | 'plight' | 'orphans', s: LedgerScope, after: string | undefined, limit: number): Promise<LedgerBatch> {
    const cursor = parseCursor(after);
    const filter = { orgIds: s.orgIds, categories: ROSTER_CATEGORIES[roster], createdBefore: s.toExclusive };
    const rows = s.orgIds.length ? await childrenLedgerRepo.page(this.db, filter, cursor ? { orgId: cursor.a, id: cursor.b } : null, limit) : [];
    const today = chinaDate(s.now);
    // Both blobs of every row opened in one round trip to the decryption worker.
    const plain = await this.crypto.decryptMany(rows.flatMap((r) => [r.identityEnc, r.profileEnc]));
    const out = rows.map((r, i) => this.childRow(r, plain[2 * i]!, plain[2 * i + 1]!, today, s));
    const last = rows[rows.length - 1];
    return { rows: out, next: rows.length === limit && last ? `${last.orgId}:${last.id}` : null };
  }

  private childRow(r: ChildRosterRow, identity: string, profile: string, today: string, s: LedgerScope): LedgerRow {
    const id = JSON.parse(identity) as Identity;
    const p = JSON.parse(profile) as Profile;
    const g = p.guardians?.[0];
    const own = categoryText(r.categories);
    return {
      village: s.orgNames.get(r.orgId) ?? '',
      name: id.name,
      sex: labelOf(L.sex, r.sex),
      dob: id.dob,
      idNumber: id.idNumber ?? '',
      householdReg: id.householdReg ?? '',
      address: id.address,
      age: L.ageOn(id.dob, today),
      parentsAway: labelOf(L.parentsAway, r.parentsAway),
      parentsAwayWhere: p.parentsAwayWhere ?? '',
      guardianshipState: labelOf(L.guardianship, r.guardianshipState),
      guardianName: g?.name ?? '',
      guardianRelation: labelOf(L.relation, g?.relation),
      guardianPhone: g?.phone ?? '',
      entrustment: r.entrustmentSigned ? '已签订' : '未签订',
      schooling: labelOf(L.schooling, r.schooling),
      school: [p.schoolName, p.grade].filter(Boolean).join(' '),
      plightType: own,
      orphanType: own,
      health: p.health ?? '',
      disability: p.disability ?? '',
      benefits: (p.benefits ?? []).map((b) => labelOf(L.benefit, b)).join('、'),
      riskTier: labelOf(L.risk, r.riskTier),
      lastVisit: date(r.lastVisitAt),
      nextVisit: date(r.nextVisitDue),
    };
  }

  private async reception(s: LedgerScope, after: string | undefined, limit: number): Promise<LedgerBatch> {
    const rows = s.orgIds.length ? await reportsLedgerRepo.page(this.db, s, timeCursor(after), limit) : [];
    const names = await this.users.names(rows.map((r) => r.triagedBy).filter((x): x is number => x !== null));
    const out = rows.map((r): LedgerRow => {
      const content = JSON.parse(this.crypto.decrypt(r.contentEnc)) as ReportContent;
      return {
        receivedAt: dateTime(r.receivedAt),
        method: labelOf(ReportMethod, r.method),
        entry: r.enteredByUserId ? '工作人员登记' : '小程序',
        kind: labelOf(ReportKind, r.kind),
        // Who reported is never on a roster: a named reporter is revealed only through the audited detail view.
        reporter: r.anonymous ? '匿名' : '实名',
        reporterIdentity: labelOf(ReporterIdentity, content.reporterIdentity),
        childName: content.child?.name ?? '',
        village: s.orgNames.get(r.orgId) ?? '',
        situations: (content.situations ?? []).map((x) => labelOf(MandatorySituation, x)).join('、'),
        category: r.category ? labelOf(IntakeCategory, r.category) : '未分类',
        acknowledgedAt: dateTime(r.triagedAt),
        handler: r.triagedBy ? (names.get(r.triagedBy) ?? '') : '',
        status: labelOf(ReportStatus, r.status),
        caseCode: r.caseCode ?? '',
      };
    });
    const last = rows[rows.length - 1];
    return { rows: out, next: rows.length === limit && last ? `${last.receivedAt.getTime()}:${last.id}` : null };
  }

  private async protection(s: LedgerScope, after: string | undefined, limit: number): Promise<LedgerBatch> {
    const rows = s.orgIds.length ? await casesLedgerRepo.page(this.db, s, timeCursor(after), limit) : [];
    const names = await this.users.names(rows.map((r) => r.ownerUserId));
    const out = rows.map((r): LedgerRow => {
      const plain = this.crypto.decrypt(r.childEnc);
      const child = plain ? (JSON.parse(plain) as { name?: string; sex?: string; age?: number; address?: string }) : {};
      return {
        caseCode: r.code,
        openedAt: date(r.openedAt),
        childName: child.name ?? '',
        sex: labelOf(ChildSex, child.sex),
        age: child.age ?? null,
        address: child.address ?? '',
        village: r.villageId ? (s.orgNames.get(r.villageId) ?? '') : '',
        kind: labelOf(CaseKind, r.kind),
        serious: yesNo(r.serious),
        riskLevel: labelOf(RiskTier, r.riskLevel),
        status: labelOf(CaseStatus, r.status),
        owner: names.get(r.ownerUserId) ?? '',
        archivedAt: date(r.archivedAt),
      };
    });
    const last = rows[rows.length - 1];
    return { rows: out, next: rows.length === limit && last ? `${last.openedAt.getTime()}:${last.id}` : null };
  }

  private async visits(s: LedgerScope, after: string | undefined, limit: number): Promise<LedgerBatch> {
    const rows = s.orgIds.length ? await visitsLedgerRepo.page(this.db, s, timeCursor(after), limit) : [];
    const names = await this.users.names(rows.map((r) => r.visitorUserId));
    const kids = new Map((await childrenRepo.byIds(this.db, [...new Set(rows.map((r) => r.childId))])).map((c) => [c.id, c]));
    const out = rows.map((r): LedgerRow => {
      const body = JSON.parse(this.crypto.decrypt(r.bodyEnc)) as { metWith?: string[]; findings?: string; nextSteps?: string };
      const child = kids.get(r.childId);
      return {
        visitedAt: dateTime(r.visitedAt),
        village: s.orgNames.get(r.orgId) ?? '',
        childName: child ? (JSON.parse(this.crypto.decrypt(child.identityEnc)) as Identity).name : '',
        visitor: names.get(r.visitorUserId) ?? '',
        metWith: (body.metWith ?? []).map((m) => labelOf(VisitMet, m)).join('、'),
        harmSigns: yesNo(r.harmSigns),
        findings: body.findings ?? '',
        nextSteps: body.nextSteps ?? '',
      };
    });
    const last = rows[rows.length - 1];
    return { rows: out, next: rows.length === limit && last ? `${last.visitedAt.getTime()}:${last.id}` : null };
  }

  private async referrals(s: LedgerScope, after: string | undefined, limit: number): Promise<LedgerBatch> {
    const rows = s.orgIds.length ? await referralsLedgerRepo.page(this.db, s, timeCursor(after), limit) : [];
    const out = rows.map(({ r, caseCode }): LedgerRow => ({
      sentAt: date(r.sentAt),
      caseCode,
      unitType: labelOf(ReferralUnitType, r.unitType),
      unit: r.unit,
      unitAddress: r.unitAddress,
      contactName: r.contactName,
      contactPhone: this.crypto.decrypt(r.contactPhoneEnc) ?? '',
      reason: this.crypto.decrypt(r.reasonEnc) ?? '',
      followUpPlan: this.crypto.decrypt(r.followUpPlanEnc) ?? '',
      status: labelOf(ReferralStatus, r.status),
      lastMovedAt: date(r.lastMovedAt),
      closedAt: date(r.closedAt),
    }));
    const last = rows[rows.length - 1]?.r;
    return { rows: out, next: rows.length === limit && last ? `${last.sentAt.getTime()}:${last.id}` : null };
  }
}

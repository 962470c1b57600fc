import {
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
  ParentsAway,
  RiskTier,
} from '@wbt/shared';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import type { Clock } from '../../lib/clock';
import { fillDocx } from '../../lib/docxTemplate';
import type { AuditService } from '../audit/audit.service';
import type { CasesService } from '../cases/cases.service';
import type { ChildrenService } from '../children/children.service';
import type { VisitsService } from '../visits/visits.service';

const label = (l: { labels: Record<string, string> }, v: string | null | undefined) => (v ? (l.labels[v] ?? v) : '');
const day = (iso: string | Date) => formatDate(new Date(`${chinaDate(new Date(iso))}T12:00:00+08:00`));

/**
 * Printable forms filled from the records, as Word files from the editable templates in
 * server/templates. Reads go through the owning services, which check scope and audit the read.
 */
export class FormsService {
  constructor(
    private readonly clock: Clock,
    private readonly children: ChildrenService,
    private readonly visits: VisitsService,
    private readonly cases: CasesService,
    private readonly audit: AuditService,
  ) {}

  /** 附件7 转介记录表 of one referral of a case (the case's read checks role and scope, and audits). */
  async referral(actor: Actor, caseId: number, referralId: number): Promise<{ filename: string; data: Buffer }> {
    const c = await this.cases.detail(actor, caseId);
    // Directors see a restricted case view without referrals: the form is not theirs to print.
    if (c.restricted) throw AppError.forbidden('只有乡镇未保站工作人员可以打印转介记录表');
    const r = c.referrals.find((x) => x.id === referralId);
    if (!r) throw AppError.notFound('转介记录');
    const sent = new Date(`${chinaDate(new Date(r.sentAt))}T12:00:00+08:00`);
    const filler = c.events.find((e) => e.step === 'refer' && e.at === r.sentAt)?.actorName ?? '';
    const data = fillDocx('referral.docx', {
      caseCode: c.code,
      sentYear: sent.getUTCFullYear(),
      sentMonth: sent.getUTCMonth() + 1,
      sentDay: sent.getUTCDate(),
      sentDate: day(r.sentAt),
      childName: c.child?.name ?? '',
      childSex: label(ChildSex, c.child?.sex),
      childAge: c.child?.age ?? '',
      childAddress: c.child?.address ?? '',
      childPhone: '',
      guardianName: '',
      guardianRelation: '',
      guardianPhone: '',
      reason: r.reason,
      unit: r.unit,
      unitType: r.unitTypeLabel,
      unitAddress: r.unitAddress,
      contactName: r.contactName,
      contactPhone: r.contactPhone,
      followUpPlan: r.followUpPlan,
      status: r.statusLabel,
      result: r.result ?? '',
      filler,
    });
    await this.audit.record({ actor, action: 'form.referral', targetType: 'case', targetId: caseId, orgId: c.township.id, result: 'ok', detail: { referralId } });
    return { filename: `转介记录表_${c.code}_${referralId}.docx`, data };
  }

  /** 一人一档: the child's file with its visits. */
  async childFile(actor: Actor, childId: number): Promise<{ filename: string; data: Buffer }> {
    const c = await this.children.get(actor, childId);
    const visits = await this.visits.listForChild(actor, childId, 100);
    const data = fillDocx('child-file.docx', {
      id: c.id,
      orgName: c.orgName,
      village: c.orgName,
      createdAt: day(c.createdAt),
      today: day(this.clock.now()),
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
    });
    await this.audit.record({ actor, action: 'form.child_file', targetType: 'child', targetId: childId, orgId: c.orgId, result: 'ok' });
    return { filename: `一人一档_${c.orgName}_${c.name}.docx`, data };
  }
}

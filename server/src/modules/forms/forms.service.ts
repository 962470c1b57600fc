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
} from '@wbt/shared';
import type { Actor } from '../../http/actor';
import type { Clock } from '../../lib/clock';
import { fillDocx } from '../../lib/docxTemplate';
import type { AuditService } from '../audit/audit.service';
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
    private readonly audit: AuditService,
  ) {}

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

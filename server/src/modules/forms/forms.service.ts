import { CaseStatus, type CaseDetail, type ChildFileFormData, type ReferralFormData, type ReportFormData, type VisitView } from '@wbt/shared';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import type { Clock } from '../../lib/clock';
import { fillDocx } from '../../lib/docxTemplate';
import type { AuditService } from '../audit/audit.service';
import type { CasesService } from '../cases/cases.service';
import { CHILD_READ_ROLES, type ChildrenService } from '../children/children.service';
import type { ReportsService } from '../reports/reports.service';
import type { VisitsService } from '../visits/visits.service';
import { bundleData, referralFormData } from './forms.case';
import { childFileData } from './forms.child';
import { reportFormData } from './forms.report';

export type FormFormat = 'json' | 'docx';
export interface FormFile {
  filename: string;
  data: Buffer;
}

/**
 * Printable forms filled from the records: as fields for the print pages, or as Word files from the
 * editable templates in server/templates. Reads go through the owning services, which check role
 * and scope (404 outside it) and audit their own read; each form read is audited here besides.
 */
export class FormsService {
  constructor(
    private readonly clock: Clock,
    private readonly children: ChildrenService,
    private readonly visits: VisitsService,
    private readonly cases: CasesService,
    private readonly reports: ReportsService,
    private readonly audit: AuditService,
  ) {}

  /** 附件5 (求助) or 附件6 (报告伤害) of a report, the reporter masked for roles that may not see them. */
  async reportForm(actor: Actor, reportId: number, format: 'json'): Promise<ReportFormData>;
  async reportForm(actor: Actor, reportId: number, format: 'docx'): Promise<FormFile>;
  async reportForm(actor: Actor, reportId: number, format: FormFormat): Promise<ReportFormData | FormFile> {
    const { data, townshipId } = await reportFormData(this.reports, actor, reportId);
    await this.audit.record({ actor, action: 'form.report', targetType: 'report', targetId: reportId, orgId: townshipId, result: 'ok', detail: { form: data.formNo, format, reporterShown: !data.reporterHidden && data.reporterName !== '匿名' } });
    if (format === 'json') return data;
    const name = data.form === 'help' ? '求助登记表' : '强制报告登记表';
    return { filename: `${name}_${reportId}.docx`, data: fillDocx(data.form === 'help' ? 'report-help.docx' : 'report-harm.docx', { ...data }) };
  }

  /** 附件7 转介记录表 of one referral of a case (the case's read checks role and scope, and audits). */
  async referral(actor: Actor, caseId: number, referralId: number, format: 'json'): Promise<ReferralFormData>;
  async referral(actor: Actor, caseId: number, referralId: number, format?: 'docx'): Promise<FormFile>;
  async referral(actor: Actor, caseId: number, referralId: number, format: FormFormat = 'docx'): Promise<ReferralFormData | FormFile> {
    const c = await this.staffCase(actor, caseId, '只有乡镇未保站工作人员可以打印转介记录表');
    const r = c.referrals.find((x) => x.id === referralId);
    if (!r) throw AppError.notFound('转介记录');
    const data = referralFormData(c, r);
    await this.audit.record({ actor, action: 'form.referral', targetType: 'case', targetId: caseId, orgId: c.township.id, result: 'ok', detail: { referralId, format } });
    if (format === 'json') return data;
    return { filename: `转介记录表_${c.code}_${referralId}.docx`, data: fillDocx('referral.docx', { ...data }) };
  }

  /** 一人一档: the child's file with its visits. */
  async childFile(actor: Actor, childId: number, format: 'json'): Promise<ChildFileFormData>;
  async childFile(actor: Actor, childId: number, format?: 'docx'): Promise<FormFile>;
  async childFile(actor: Actor, childId: number, format: FormFormat = 'docx'): Promise<ChildFileFormData | FormFile> {
    const c = await this.children.get(actor, childId);
    const visits = await this.visits.listForChild(actor, childId, 100);
    const data = childFileData(c, visits, this.clock.now());
    await this.audit.record({ actor, action: 'form.child_file', targetType: 'child', targetId: childId, orgId: c.orgId, result: 'ok', detail: { format } });
    if (format === 'json') return data;
    return { filename: `一人一档_${c.orgName}_${c.name}.docx`, data: fillDocx('child-file.docx', { ...data }) };
  }

  /**
   * 组卷: one Word file of an archived case, with the forms of its source reports, its referrals,
   * its chronology and its visits, each part on a new page. Only archived cases are bundled.
   */
  async caseBundle(actor: Actor, caseId: number): Promise<FormFile> {
    const c = await this.staffCase(actor, caseId, '只有乡镇未保站工作人员可以组卷');
    if (c.status !== 'archived') {
      throw AppError.conflict(`个案尚未归档（当前为「${CaseStatus.label(c.status)}」），归档后才能组卷`);
    }
    const reports: ReportFormData[] = [];
    for (const ref of c.reports) reports.push((await reportFormData(this.reports, actor, ref.reportId)).data);
    const homeVisits = await this.homeVisits(actor, c);
    const data = fillDocx('case-bundle.docx', bundleData(c, reports, homeVisits, this.clock.now()));
    await this.audit.record({
      actor,
      action: 'form.case_bundle',
      targetType: 'case',
      targetId: caseId,
      orgId: c.township.id,
      result: 'ok',
      detail: { reports: c.reports.map((r) => r.reportId), referrals: c.referrals.length },
    });
    return { filename: `个案卷宗_${c.code}.docx`, data };
  }

  /** The case as township staff see it; a director's restricted view carries no forms. */
  private async staffCase(actor: Actor, caseId: number, refusal: string): Promise<CaseDetail> {
    const c = await this.cases.detail(actor, caseId);
    if (c.restricted) throw AppError.forbidden(refusal);
    return c;
  }

  /** The linked child's home visits, for roles that read child files (a county administrator does not). */
  private async homeVisits(actor: Actor, c: CaseDetail): Promise<VisitView[]> {
    if (c.childId === null || !CHILD_READ_ROLES.includes(actor.role as (typeof CHILD_READ_ROLES)[number])) return [];
    return this.visits.listForChild(actor, c.childId, 100);
  }
}

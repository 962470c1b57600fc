import { ChildSex, formatDate, ReporterIdentity, ReportMethod, type ReportFormData } from '@wbt/shared';
import type { Actor } from '../../http/actor';
import type { ReportsService, StaffReportDetail } from '../reports/reports.service';

export const ANONYMOUS = '匿名';
export const HIDDEN = '（已隐去）';

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026年5月10日 21时05分" (附件6's 年 月 日 时 分), in Beijing time. */
export function dateHourMinute(at: string | Date): string {
  const t = new Date(new Date(at).getTime() + 8 * 3600_000);
  return `${formatDate(at)} ${pad(t.getUTCHours())}时${pad(t.getUTCMinutes())}分`;
}

/** A date-time picked on the form, or the reporter's own words on older reports. */
const when = (v: string | undefined) => (!v ? '' : /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)) ? dateHourMinute(v) : v);

/** The paper form's tick boxes: every choice, the chosen one ticked. */
export function boxes(labels: Record<string, string>, chosen: string | null | undefined): string {
  return Object.entries(labels)
    .map(([code, label]) => `${code === chosen ? '☑' : '□'}${label}`)
    .join('　');
}

function attachmentsLine(d: StaffReportDetail): string {
  const photos = d.photos.filter((p) => p.messageId === null).length;
  const audio = d.documents.filter((x) => x.type === 'audio').length;
  const pdf = d.documents.filter((x) => x.type === 'pdf').length;
  const parts = [photos ? `照片${photos}张` : '', audio ? `录音${audio}个` : '', pdf ? `PDF 文件${pdf}个` : ''].filter(Boolean);
  return parts.length ? `${parts.join('，')}（见系统中报告附件）` : '无';
}

/**
 * 附件5 (a 求助) or 附件6 (a report of harm) filled from a report. The report's own read checks the
 * role and the township and audits; the reporter's name and phone are printed only for the roles
 * that may see them (reports' reporter-identity rule, its view audited), else 匿名 or 已隐去.
 */
export async function reportFormData(reports: ReportsService, actor: Actor, reportId: number): Promise<{ data: ReportFormData; townshipId: number }> {
  const d = await reports.get(actor, reportId);
  const c = d.content;
  let reporterName = ANONYMOUS;
  let reporterPhone = ANONYMOUS;
  let reporterHidden = false;
  if (!d.anonymous) {
    if (d.reporter.canReveal) {
      const who = await reports.revealReporter(actor, reportId);
      reporterName = who.name ?? '（未留姓名）';
      reporterPhone = who.phone ?? '';
    } else {
      reporterName = HIDDEN;
      reporterPhone = HIDDEN;
      reporterHidden = d.reporter.hasIdentity;
    }
  }
  const help = d.kind === 'help';
  const data: ReportFormData = {
    form: help ? 'help' : 'harm',
    formNo: help ? '附件5' : '附件6',
    title: help ? '未成年人疑似伤害事件求助登记表' : '未成年人保护强制报告登记表',
    reportId: d.id,
    orgName: d.org.name,
    townshipName: d.township.name,
    disclosureBoxes: d.anonymous ? '□公开　☑匿名' : '☑公开　□匿名',
    reporterName,
    reporterPhone,
    reporterHidden,
    identityBoxes: boxes(ReporterIdentity.labels, c.reporterIdentity),
    identityNote: c.reporterIdentityNote ? `（${c.reporterIdentityNote}）` : '',
    methodBoxes: boxes(ReportMethod.labels, d.method),
    methodNote: d.methodNote ? `（${d.methodNote}）` : '',
    reportedAt: dateHourMinute(d.reportedAt),
    childName: c.child.name ?? '',
    childSex: c.child.sex ? ChildSex.label(c.child.sex) : '',
    childAge: c.child.age === undefined ? '' : `${c.child.age}岁`,
    childAddress: c.child.address ?? '',
    childPhone: c.child.phone ?? '',
    guardianName: c.guardian.name ?? '',
    guardianRelation: c.guardian.relation ?? '',
    guardianPhone: c.guardian.phone ?? '',
    place: c.place ?? '',
    occurredAt: when(c.occurredAt),
    account: c.account,
    situations: [...c.situationLabels, ...c.triggerLabels, ...(c.situationOther ? [`其他：${c.situationOther}`] : [])].join('；'),
    perpetratorName: c.perpetrator.name ?? '',
    perpetratorRelation: c.perpetrator.relation ?? '',
    perpetratorAddress: c.perpetrator.address ?? '',
    perpetratorPhone: c.perpetrator.phone ?? '',
    physical: c.childState.physical ?? '',
    mental: c.childState.mental ?? '',
    behaviour: c.childState.behaviour ?? '',
    view: c.childState.view ?? '',
    attachments: attachmentsLine(d),
    // The staff member who took a call down, else the reporter (shown as above).
    filler: c.filledBy ? `${c.filledBy}（工作人员代填）` : reporterName,
    filledDate: formatDate(d.receivedAt),
  };
  return { data, townshipId: d.township.id };
}

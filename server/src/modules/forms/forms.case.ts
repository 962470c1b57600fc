import { chinaDate, ChildSex, formatDate, formatDateTime, type CaseDetail, type CaseReferralView, type ReferralFormData, type ReportFormData, type VisitView } from '@wbt/shared';

const noon = (iso: string) => new Date(`${chinaDate(new Date(iso))}T12:00:00+08:00`);

/** 附件7 of one referral of a case, with the child and guardian the case keeps. */
export function referralFormData(c: CaseDetail, r: CaseReferralView): ReferralFormData {
  const sent = noon(r.sentAt);
  const g = c.child?.guardian;
  return {
    caseCode: c.code,
    referralId: r.id,
    sentYear: sent.getUTCFullYear(),
    sentMonth: sent.getUTCMonth() + 1,
    sentDay: sent.getUTCDate(),
    sentDate: formatDate(sent),
    childName: c.child?.name ?? '',
    childSex: c.child?.sex ? ChildSex.label(c.child.sex) : '',
    childAge: c.child?.age === undefined ? '' : `${c.child.age}岁`,
    childAddress: c.child?.address ?? '',
    childPhone: c.child?.phone ?? '',
    guardianName: g?.name ?? '',
    guardianRelation: g?.relation ?? '',
    guardianPhone: g?.phone ?? '',
    reason: r.reason,
    unit: r.unit,
    unitType: r.unitTypeLabel,
    unitAddress: r.unitAddress,
    contactName: r.contactName,
    contactPhone: r.contactPhone,
    followUpPlan: r.followUpPlan,
    status: r.statusLabel,
    result: r.result ?? '',
    filler: r.filledByName ?? c.events.find((e) => e.step === 'refer' && e.at === r.sentAt)?.actorName ?? '',
  };
}

export interface BundleVisit {
  at: string;
  kind: string;
  by: string;
  findings: string;
}

/**
 * What the case bundle template is filled with: the cover, the forms of the source reports and the
 * referrals, the chronology, and the visits (the case's 跟踪回访 steps and the linked child's home
 * visits while the case was open).
 */
export function bundleData(c: CaseDetail, reports: ReportFormData[], homeVisits: VisitView[], today: Date): Record<string, unknown> {
  const from = new Date(c.openedAt).getTime();
  const to = new Date(c.archivedAt ?? today).getTime();
  const followUps: (BundleVisit & { t: number })[] = c.events
    .filter((e) => e.step === 'follow_up')
    .map((e) => ({ t: Date.parse(e.at), at: formatDateTime(e.at), kind: '跟踪回访', by: e.actorName ?? '', findings: e.lines.join('\n') }));
  const home = homeVisits
    .filter((v) => Date.parse(v.visitedAt) >= from && Date.parse(v.visitedAt) <= to)
    .map((v) => ({ t: Date.parse(v.visitedAt), at: formatDateTime(v.visitedAt), kind: '入户走访', by: v.visitorName, findings: [v.findings, v.nextSteps].filter(Boolean).join('\n') }));
  const visits = [...followUps, ...home].sort((a, b) => a.t - b.t).map(({ t: _t, ...v }) => v);
  return {
    townshipName: c.township.name,
    caseCode: c.code,
    kindLabel: c.kindLabel,
    childName: c.child?.name ?? '',
    villageName: c.village?.name ?? '',
    riskLabel: c.riskLabel ?? '',
    ownerName: c.owner.name,
    firstReportedAt: formatDate(c.firstReportedAt),
    openedAt: formatDate(c.openedAt),
    archivedAt: c.archivedAt ? formatDate(c.archivedAt) : '',
    summary: c.summary ?? '',
    today: formatDate(today),
    reportCount: reports.length,
    referralCount: c.referrals.length,
    eventCount: c.events.length,
    visitCount: visits.length,
    reports: reports.map((r) => ({ ...r, help: r.form === 'help', harm: r.form === 'harm' })),
    referrals: c.referrals.map((r) => referralFormData(c, r)),
    events: c.events.map((e) => ({ at: formatDateTime(e.at), stepLabel: e.stepLabel, actor: e.actorName ?? '', lines: e.lines.join('\n') })),
    visits,
  };
}

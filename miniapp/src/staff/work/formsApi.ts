import type { ChildFileFormData, ReferralFormData, ReportFormData } from '@wbt/shared';
import { api } from '../../services/api';
import { downloadFile } from './ledgersApi';

/** The printable forms: their fields for the print pages, and the same forms as Word files. */
export const formsApi = {
  report: (id: number) => api.get<ReportFormData>(`/api/forms/reports/${id}`),
  referral: (caseId: number, referralId: number) => api.get<ReferralFormData>(`/api/forms/cases/${caseId}/referrals/${referralId}`),
  child: (id: number) => api.get<ChildFileFormData>(`/api/forms/child/${id}`),
  downloadReport: (id: number) => downloadFile(`/api/forms/reports/${id}/docx`, 'docx', '登记表.docx'),
  downloadReferral: (caseId: number, referralId: number) => downloadFile(`/api/forms/cases/${caseId}/referrals/${referralId}/docx`, 'docx', '转介记录表.docx'),
  downloadChild: (id: number) => downloadFile(`/api/forms/child/${id}/docx`, 'docx', '一人一档.docx'),
  /** 组卷: the archived case's bundle as one Word file. */
  downloadBundle: (caseId: number) => downloadFile(`/api/forms/cases/${caseId}/bundle`, 'docx', '个案卷宗.docx'),
};

export const FORM_PAGES = {
  report: (reportId: number) => `/staff/pages/forms/report?id=${reportId}`,
  referral: (caseId: number, referralId: number) => `/staff/pages/forms/referral?caseId=${caseId}&referralId=${referralId}`,
  child: (childId: number) => `/staff/pages/forms/child?id=${childId}`,
};

import type { CaseClockView, CaseDetail, CaseListItem, DirectorCaseView, IntakeItem, StaffReportDetail } from './types';
import { api } from '../../services/api';

export type { CaseClockView, CaseDetail, CaseListItem, DirectorCaseView, IntakeItem, StaffReportDetail };

/** The station's case work (受理台, 个案, 时限). */
export const caseApi = {
  intake: (query: Record<string, string | number | boolean>) => api.get<{ items: IntakeItem[]; nextCursor: string | null }>('/api/intake', query),
  triage: (reportId: number, body: unknown) =>
    api.post<{ reportId: number; category: string; caseId: number | null; caseCode: string | null }>(`/api/intake/${reportId}/triage`, body),
  report: (id: number) => api.get<StaffReportDetail>(`/api/reports/${id}`),
  list: (query: Record<string, string | number | boolean>) => api.get<{ items: CaseListItem[]; nextCursor: number | null }>('/api/cases', query),
  linkable: () => api.get<{ items: { id: number; code: string; statusLabel: string; childName: string | null; villageName: string | null }[] }>('/api/cases/linkable'),
  get: (id: number) => api.get<CaseDetail | DirectorCaseView>(`/api/cases/${id}`),
  step: (id: number, step: string, body: unknown) => api.post<CaseDetail>(`/api/cases/${id}/steps/${step}`, body),
  deadlines: (overdue: boolean) => api.get<{ items: CaseClockView[] }>('/api/deadlines', overdue ? { overdue: 'true' } : {}),
  deadlineSummary: () => api.get<{ overdue: number; dueSoon: number; mine: number }>('/api/deadlines/summary'),
  orgs: () => api.get<{ items: { id: number; parentId: number | null; level: string; name: string }[] }>('/api/orgs'),
};

export const CASE_PAGES = {
  intake: '/staff/pages/intake/index',
  triage: (reportId: number) => `/staff/pages/intake/triage?id=${reportId}`,
  list: '/staff/pages/case/list',
  detail: (id: number) => `/staff/pages/case/index?id=${id}`,
  step: (id: number, step: string, extra = '') => `/staff/pages/case/step?id=${id}&step=${step}${extra}`,
  reportDetail: (id: number) => `/staff/pages/reports/detail?id=${id}`,
};

import type {
  ApplicationDetail,
  ApplicationStatusChange,
  ApplicationSummary,
  ConsultationConversion,
  ConsultationDetail,
  ConsultationSummary,
  PolicyArticle,
  PolicyArticleInput,
  PolicyArticleUpdate,
  PolicyListItem,
} from '@wbt/shared';
import { api } from '../../../services/api';

export type StaffConsultation = ConsultationDetail & { conversions: ConsultationConversion[] };
export interface Queue {
  items: ConsultationSummary[];
  nextCursor: string | null;
  counts: { waiting: number; overdue: number };
}

export const consultationQueue = (query: Record<string, string | number>) => api.get<Queue>('/api/consultations', query);
export const consultation = (id: number) => api.get<StaffConsultation>(`/api/consultations/${id}`);
export const answer = (id: number, body: string) => api.post<ConsultationDetail>(`/api/consultations/${id}/messages`, { body });
export const closeConsultation = (id: number) => api.post<ConsultationDetail>(`/api/consultations/${id}/close`);
export const convertConsultation = (id: number, to: ConsultationConversion, note?: string) =>
  api.post<ConsultationDetail>(`/api/consultations/${id}/convert`, note ? { to, note } : { to });

export const applicationQueue = (query: Record<string, string | number>) =>
  api.get<{ items: ApplicationSummary[]; nextCursor: string | null }>('/api/applications', query);
export const application = (id: number) => api.get<ApplicationDetail>(`/api/applications/${id}`);
export const changeApplication = (id: number, change: ApplicationStatusChange) => api.post<ApplicationDetail>(`/api/applications/${id}/status`, change);

export const policyList = (status: string) =>
  api.get<{ items: PolicyListItem[]; nextAfter: number | null }>('/api/policies', { limit: 100, ...(status ? { status } : {}) });
export const policyGet = (id: number) => api.get<PolicyArticle>(`/api/policies/${id}`);
export const policyCreate = (body: PolicyArticleInput) => api.post<PolicyArticle>('/api/policies', body);
export const policyUpdate = (id: number, body: PolicyArticleUpdate) => api.put<PolicyArticle>(`/api/policies/${id}`, body);
export const policyPublish = (id: number, publish: boolean) =>
  api.post<PolicyArticle>(`/api/policies/${id}/${publish ? 'publish' : 'unpublish'}`);

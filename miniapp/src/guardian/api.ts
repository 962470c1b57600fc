import type {
  ApplicationCreate,
  ApplicationDetail,
  ApplicationPhotoRef,
  ApplicationSummary,
  ConsultationCreate,
  ConsultationDetail,
  ConsultationSummary,
  PolicyArticle,
  PolicyListItem,
  PolicySearchHit,
  PolicyTopic,
} from '@wbt/shared';
import { api, ApiError } from '../services/api';
import { wechatSignIn } from '../services/auth';
import { IS_WEAPP } from '../services/config';
import { getSession } from '../services/session';

// ---- policy library (public) ----

export const searchPolicies = (q: string, topic?: PolicyTopic) =>
  api.get<{ items: PolicySearchHit[]; took: number }>('/api/policies/search', { q, ...(topic ? { topic } : {}) }, { auth: false });

export const listPolicies = (topic?: PolicyTopic) =>
  api.get<{ items: PolicyListItem[]; nextAfter: number | null }>('/api/policies', { limit: 100, ...(topic ? { topic } : {}) }, { auth: false });

export const getPolicy = (id: number) => api.get<PolicyArticle>(`/api/policies/${id}`, undefined, { auth: false });

// ---- the guardian's own consultations and applications (WeChat sign-in) ----

export const isGuardianSession = (): boolean => getSession()?.user.role === 'public';

/**
 * Makes sure a guardian is signed in: in the mini-program with Taro.login → POST /api/auth/wechat.
 * In H5 the person signs in with their phone number first (SignInNotice); a lost session asks again.
 */
export async function ensureGuardian(): Promise<void> {
  if (isGuardianSession()) return;
  if (!IS_WEAPP) throw new ApiError(401, 'UNAUTHENTICATED', '登录已失效，请重新用手机号登录');
  await wechatSignIn();
}

export const askQuestion = (body: ConsultationCreate) => api.post<ConsultationDetail>('/api/consultations', body);
export const myConsultations = () => api.get<{ items: ConsultationSummary[]; nextBefore: number | null }>('/api/my/consultations', { limit: 50 });
export const myConsultation = (id: number) => api.get<ConsultationDetail>(`/api/my/consultations/${id}`);
export const followUp = (id: number, body: string) => api.post<ConsultationDetail>(`/api/my/consultations/${id}/messages`, { body });
export const closeMine = (id: number) => api.post<ConsultationDetail>(`/api/my/consultations/${id}/close`);

export const applyFor = (body: ApplicationCreate) => api.post<ApplicationDetail>('/api/applications', body);
export const myApplications = () => api.get<{ items: ApplicationSummary[]; nextBefore: number | null }>('/api/my/applications', { limit: 50 });
export const myApplication = (id: number) => api.get<ApplicationDetail>(`/api/my/applications/${id}`);
export const addApplicationPhotos = (id: number, photos: ApplicationPhotoRef[]) =>
  api.post<ApplicationDetail>(`/api/my/applications/${id}/photos`, { photos });
export const resubmitApplication = (id: number, note?: string) =>
  api.post<ApplicationDetail>(`/api/my/applications/${id}/resubmit`, note ? { note } : {});

export const errorText = (e: unknown, fallback = '加载失败，请重试'): string => (e instanceof ApiError ? e.message : fallback);

import Taro from '@tarojs/taro';
import type {
  AnonymousConsultationCreated,
  AttachmentRef,
  ConsultationCreate,
  ConsultationDetail,
  PublicOrgs,
  ReceiptSession,
  ReportCreate,
  ReportCreated,
  ReporterView,
  ReportThreadMessage,
} from '@wbt/shared';
import { api, ApiError, NETWORK_ERROR_MESSAGE } from '../../services/api';
import { API_BASE } from '../../services/config';
import { getSession } from '../../services/session';

export const fetchPublicOrgs = () => api.get<PublicOrgs>('/api/public/orgs', undefined, { auth: false });

/**
 * Sends a report with its Idempotency-Key. Anonymous reports go without the sign-in token, so
 * nothing on the server can link them to the person. The client retries network failures itself
 * (same key), and a retry after a lost answer gets the same receipt.
 */
export function submitReport(body: ReportCreate, idempotencyKey: string): Promise<ReportCreated> {
  const signedIn = !!getSession();
  return api.post<ReportCreated>('/api/reports', body, {
    auth: signedIn && (!body.anonymous || isStaffSession()),
    headers: { 'Idempotency-Key': idempotencyKey },
    timeoutMs: 20_000,
  });
}

export function isStaffSession(): boolean {
  const s = getSession();
  return !!s && s.user.role !== 'public';
}

export function isPublicSession(): boolean {
  return getSession()?.user.role === 'public';
}

/** Uploads one photo (multipart, field "file"); never sends who uploads it. */
export async function uploadPhoto(filePath: string): Promise<AttachmentRef & { width: number; height: number }> {
  let res: Taro.uploadFile.SuccessCallbackResult;
  try {
    res = await Taro.uploadFile({ url: `${API_BASE}/api/uploads/images`, filePath, name: 'file', timeout: 60_000 });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', NETWORK_ERROR_MESSAGE);
  }
  let data: unknown = res.data;
  try {
    data = typeof res.data === 'string' ? JSON.parse(res.data) : res.data;
  } catch {
    // keep the raw text
  }
  if (res.statusCode === 201 && data && typeof data === 'object') return data as AttachmentRef & { width: number; height: number };
  const err = (data as { error?: { code?: string; message?: string } } | undefined)?.error;
  throw new ApiError(res.statusCode, err?.code ?? `HTTP_${res.statusCode}`, err?.message ?? '照片上传失败，请重试');
}

export const openReceipt = (receiptCode: string) => api.post<ReceiptSession>('/api/receipts/session', { receiptCode }, { auth: false });
export const receiptView = (token: string) => api.get<ReporterView>('/api/receipts/report', undefined, { auth: false, headers: { 'X-Receipt-Token': token } });
export const receiptMessage = (token: string, text: string, attachments: AttachmentRef[]) =>
  api.post<ReportThreadMessage>('/api/receipts/messages', { text, attachments }, { auth: false, headers: { 'X-Receipt-Token': token } });

const receiptHeaders = (token: string) => ({ 'X-Receipt-Token': token });
export const receiptConsultation = (token: string) => api.get<ConsultationDetail>('/api/receipts/consultation', undefined, { auth: false, headers: receiptHeaders(token) });
export const receiptConsultationMessage = (token: string, body: string) =>
  api.post<ConsultationDetail>('/api/receipts/consultation/messages', { body }, { auth: false, headers: receiptHeaders(token) });
export const receiptConsultationClose = (token: string) => api.post<ConsultationDetail>('/api/receipts/consultation/close', undefined, { auth: false, headers: receiptHeaders(token) });
/** A policy question without signing in: sent without any token, answered with a receipt code shown once. */
export const askAnonymously = (body: ConsultationCreate) => api.post<AnonymousConsultationCreated>('/api/consultations/anonymous', body, { auth: false });

/** Not a secret: only tells the server that two sends are the same report. */
export function newIdempotencyKey(): string {
  const rand = () => Math.floor(Math.random() * 0x100000000).toString(36);
  return `r${Date.now().toString(36)}${rand()}${rand()}${rand()}`;
}

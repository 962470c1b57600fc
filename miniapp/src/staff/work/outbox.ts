import Taro from '@tarojs/taro';
import type { VisitCreate, VisitView } from '@wbt/shared';
import { uploadPhoto } from '../../pages/report/reportApi';
import { api, ApiError } from '../../services/api';

/**
 * Visit records written where there is no network (a hillside village) are kept on the phone and
 * sent when the network returns — exactly once: each record carries one Idempotency-Key from the
 * moment it is saved, and the server answers a repeat with the first result. A record leaves the
 * phone only after the server acknowledged it.
 */
export interface OutboxPhoto {
  /** Local file (temporary in H5; saved with Taro.saveFile in the mini-program). */
  path: string;
  fileId?: string;
  ticket?: string;
}

export interface PendingVisit {
  key: string;
  body: Omit<VisitCreate, 'photos'>;
  photos: OutboxPhoto[];
  childName: string;
  savedAt: number;
  /** Last failure the server gave that a person must fix (a network failure is not one). */
  lastError?: string;
}

export type SendResult = { status: 'sent'; visit: VisitView } | { status: 'queued' };

const STORAGE_KEY = 'wbt.visit.outbox';
const listeners = new Set<(pending: PendingVisit[]) => void>();

export function newVisitKey(): string {
  const rand = () => Math.floor(Math.random() * 0x100000000).toString(36);
  return `v${Date.now().toString(36)}${rand()}${rand()}${rand()}`;
}

export function pendingVisits(): PendingVisit[] {
  try {
    const stored = Taro.getStorageSync(STORAGE_KEY) as PendingVisit[] | '';
    return Array.isArray(stored) ? stored : [];
  } catch {
    return [];
  }
}

function save(list: PendingVisit[]): void {
  Taro.setStorageSync(STORAGE_KEY, list);
  listeners.forEach((l) => l(list));
}

function upsert(p: PendingVisit): void {
  const list = pendingVisits().filter((x) => x.key !== p.key);
  save([...list, p]);
}

function remove(key: string): void {
  save(pendingVisits().filter((x) => x.key !== key));
}

export function onOutboxChange(listener: (pending: PendingVisit[]) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Network failures and server trouble keep a record for later; anything else is for the person to fix. */
const retryLater = (err: unknown) => !(err instanceof ApiError) || err.status === 0 || err.status >= 500 || err.status === 429;

/** Uploads the photos not yet uploaded (remembering each as it goes), then sends the record with its key. */
async function send(p: PendingVisit): Promise<VisitView> {
  for (const photo of p.photos) {
    if (photo.fileId) continue;
    const up = await uploadPhoto(photo.path);
    photo.fileId = up.fileId;
    photo.ticket = up.ticket;
    upsert(p);
  }
  const body: VisitCreate = { ...p.body, photos: p.photos.map((x) => ({ fileId: x.fileId!, ticket: x.ticket! })) };
  return api.post<VisitView>('/api/visits', body, { headers: { 'Idempotency-Key': p.key }, timeoutMs: 20_000 });
}

/**
 * Saves the record on the phone first, then tries to send it. Resolves "sent" with the server's
 * record, or "queued" when there is no network; rejects (and forgets the copy) when the server
 * refused the content, so the form can show what to fix.
 */
export async function submitVisit(p: PendingVisit): Promise<SendResult> {
  await keepPhotos(p);
  upsert(p);
  try {
    const visit = await send(p);
    remove(p.key);
    return { status: 'sent', visit };
  } catch (err) {
    if (retryLater(err)) return { status: 'queued' };
    remove(p.key);
    throw err;
  }
}

let flushing: Promise<number> | null = null;

/** Sends every kept record, one after the other; returns how many went. Safe to call often. */
export function flushOutbox(): Promise<number> {
  if (!flushing) {
    flushing = (async () => {
      let sent = 0;
      for (const p of pendingVisits()) {
        try {
          await send(p);
          remove(p.key);
          sent += 1;
        } catch (err) {
          if (retryLater(err)) break; // still offline: try again later
          upsert({ ...p, lastError: err instanceof ApiError ? err.message : '发送失败' });
        }
      }
      return sent;
    })().finally(() => {
      flushing = null;
    });
  }
  return flushing;
}

/** In the mini-program a chosen photo is a temporary file: move it where it survives a restart. */
async function keepPhotos(p: PendingVisit): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return;
  for (const photo of p.photos) {
    if (photo.fileId || !photo.path.includes('tmp')) continue;
    try {
      photo.path = ((await Taro.saveFile({ tempFilePath: photo.path })) as { savedFilePath: string }).savedFilePath;
    } catch {
      // Storage full: the temporary file still works until the app closes.
    }
  }
}

let installed = false;

/** Sends kept records when the network comes back (called by the pages that use the outbox). */
export function installOutbox(): void {
  if (installed) return;
  installed = true;
  try {
    Taro.onNetworkStatusChange((res) => {
      if (res.isConnected) void flushOutbox();
    });
  } catch {
    // not available on this platform
  }
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') {
    window.addEventListener('online', () => void flushOutbox());
  }
}

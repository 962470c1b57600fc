import type { Board, BoardCounts } from '@wbt/shared';
import { api } from '../../services/api';

export interface InboxItem {
  id: number;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  createdAt: string;
  read: boolean;
}

/** Staff inbox and the overdue board. */
export const notifyApi = {
  inbox: (before?: number) => api.get<{ items: InboxItem[]; unread: number; nextBefore: number | null }>('/api/notifications', before ? { before, limit: 30 } : { limit: 30 }),
  unread: () => api.get<{ unread: number }>('/api/notifications/unread'),
  read: (id: number) => api.post<void>(`/api/notifications/${id}/read`),
  readAll: () => api.post<void>('/api/notifications/read-all'),
  board: (overdueOnly: boolean) => api.get<Board>('/api/deadlines/board', overdueOnly ? { overdue: 'true' } : {}),
  summary: () => api.get<BoardCounts>('/api/deadlines/summary'),
  bindWechat: (code: string) => api.post<void>('/api/auth/wechat/bind', { code }),
};

export const NOTIFY_PAGES = {
  inbox: '/staff/pages/notifications/index',
  board: '/staff/pages/board/index',
};

/** Roles that oversee a township's or the county's work (the board shows theirs, not only their own). */
export const OVERSEERS = ['supervisor', 'station_head', 'county_admin'];

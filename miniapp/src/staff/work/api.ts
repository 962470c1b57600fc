import type {
  ChildCreate,
  ChildDetail,
  ChildHistoryEntry,
  ChildSummary,
  ChildUpdate,
  DuplicateMatch,
  TaskBucket,
  TaskList,
  TaskView,
  VillageOverview,
  VisitView,
} from '@wbt/shared';
import { api } from '../../services/api';

/** The director's and supervisor's work: tasks, child files (一人一档) and home visits. */
export const tasksApi = {
  mine: (bucket?: TaskBucket) => api.get<TaskList>('/api/tasks/mine', bucket ? { bucket } : { limit: 100 }),
  scope: (query: Record<string, string | number | boolean>) => api.get<TaskList>('/api/tasks', query),
  get: (id: number) => api.get<TaskView>(`/api/tasks/${id}`),
  linkChild: (id: number, childId: number) => api.post<TaskView>(`/api/tasks/${id}/child`, { childId }),
};

export const childrenApi = {
  get: (id: number) => api.get<ChildDetail>(`/api/children/${id}`),
  list: (query: Record<string, string | number | boolean>) => api.get<{ items: ChildSummary[]; nextAfter: number | null }>('/api/children', query),
  overview: () => api.get<{ villages: VillageOverview[] }>('/api/children/overview'),
  history: (id: number) => api.get<{ items: ChildHistoryEntry[] }>(`/api/children/${id}/history`),
  tasks: (id: number) => api.get<{ items: TaskView[] }>(`/api/children/${id}/tasks`),
  visits: (id: number) => api.get<{ items: VisitView[] }>(`/api/children/${id}/visits`),
  duplicates: (body: { orgId?: number; name: string; dob: string; idNumber?: string | null; excludeId?: number }) =>
    api.post<{ items: DuplicateMatch[] }>('/api/children/duplicates', body),
  create: (body: ChildCreate) => api.post<ChildDetail>('/api/children', body),
  update: (id: number, body: ChildUpdate) => api.patch<ChildDetail>(`/api/children/${id}`, body),
  confirm: (id: number, note?: string) => api.post<ChildDetail>(`/api/children/${id}/confirm`, { note: note ?? null }),
  close: (id: number, body: { reason: string; note: string }) => api.post<ChildDetail>(`/api/children/${id}/close`, body),
  reopen: (id: number, note: string) => api.post<ChildDetail>(`/api/children/${id}/reopen`, { note }),
  move: (id: number, body: { toOrgId: number; note: string }) => api.post<ChildDetail>(`/api/children/${id}/move`, body),
  nationalEntry: (id: number, body: { kind: 'entry' | 'update'; enteredAt: string }) => api.post<ChildDetail>(`/api/children/${id}/national-entry`, body),
};

export const visitsApi = {
  get: (id: number) => api.get<VisitView>(`/api/visits/${id}`),
  report: (id: number) => api.post<{ reportId: number; created: boolean }>(`/api/visits/${id}/report`),
};

export const PAGES = {
  tasks: '/staff/pages/tasks/index',
  task: (id: number) => `/staff/pages/tasks/detail?id=${id}`,
  newVisit: (childId: number, taskId?: number | null) => `/staff/pages/visit/new?childId=${childId}${taskId ? `&taskId=${taskId}` : ''}`,
  visit: (id: number, fresh = false) => `/staff/pages/visit/detail?id=${id}${fresh ? '&fresh=1' : ''}`,
  child: (id: number) => `/staff/pages/child/detail?id=${id}`,
  editChild: (id?: number) => (id ? `/staff/pages/child/edit?id=${id}` : '/staff/pages/child/edit'),
  /** New file for a task dispatched before the child had one: linked, then on to the visit form. */
  newChildForTask: (taskId: number) => `/staff/pages/child/edit?taskId=${taskId}`,
  pickChildForTask: (taskId: number) => `/staff/pages/children/list?pickForTask=${taskId}`,
  history: (id: number) => `/staff/pages/child/history?id=${id}`,
  overview: '/staff/pages/children/index',
  childList: (query: string) => `/staff/pages/children/list?${query}`,
};

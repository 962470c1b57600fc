import type { SlaOverride, SlaSettings, StaffCreateRequest, StaffRole, StaffUpdateRequest, StaffView, TrainingCreateRequest, TrainingState } from '@wbt/shared';
import { api } from '../../services/api';

export interface RosterItem extends StaffView {
  trainings: number;
  lastTrainedOn: string | null;
  trainingDueOn: string | null;
  trainingState: TrainingState;
  trainingDaysLeft: number | null;
}
export interface OrgNode {
  id: number;
  parentId: number | null;
  level: 'county' | 'township' | 'village';
  name: string;
  phone: string | null;
  retired?: boolean;
}
export interface Handover {
  person: StaffView;
  tasks: { id: number; title: string; dueAt: string }[];
  cases: { id: number; code: string; status: string; as: string }[];
  clocks: { id: number; kind: string; kindLabel: string; caseId: number | null; dueAt: string; breached: boolean }[];
  successors: { id: number; name: string; role: StaffRole; roleLabel: string; orgName: string | null }[];
}
export interface AuditItem {
  id: number;
  at: string;
  actorUserId: number | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  result: string;
}
type Moved = { moved: { tasks: number; cases: number; clocks: number }; successorUserId: number | null };

/** Staff administration, the organisation tree, county settings and the audit viewer. */
export const adminApi = {
  staff: (query: Record<string, string | number | boolean>) => api.get<{ items: StaffView[]; nextAfter: number | null }>('/api/staff', query),
  person: (id: number) => api.get<StaffView>(`/api/staff/${id}`),
  createStaff: (body: StaffCreateRequest) => api.post<StaffView>('/api/staff', body),
  updateStaff: (id: number, body: StaffUpdateRequest) => api.patch<StaffView>(`/api/staff/${id}`, body),
  resetPassword: (id: number, password: string) => api.post<void>(`/api/staff/${id}/password-reset`, { password }),
  handover: (id: number) => api.get<Handover>(`/api/staff/${id}/handover`),
  disable: (id: number, successorUserId?: number) => api.post<Moved>(`/api/staff/${id}/disable`, successorUserId ? { successorUserId } : {}),
  enable: (id: number) => api.post<void>(`/api/staff/${id}/enable`),
  move: (id: number, orgId: number, successorUserId?: number) => api.post<Moved>(`/api/staff/${id}/move`, { orgId, ...(successorUserId ? { successorUserId } : {}) }),
  trainings: (id: number) => api.get<{ items: { id: number; trainedOn: string; title: string; hours: number | null }[] }>(`/api/staff/${id}/trainings`),
  addTraining: (id: number, body: TrainingCreateRequest) => api.post<{ id: number }>(`/api/staff/${id}/trainings`, body),
  directors: (after?: number) => api.get<{ items: RosterItem[]; nextAfter: number | null }>('/api/staff/directors', after ? { after, limit: 50 } : { limit: 50 }),
  orgs: () => api.get<{ items: OrgNode[] }>('/api/orgs'),
  adminOrgs: () => api.get<{ items: OrgNode[] }>('/api/admin/orgs'),
  createOrg: (body: { parentId: number; name: string; phone?: string }) => api.post<OrgNode>('/api/admin/orgs', body),
  updateOrg: (id: number, body: { name?: string; phone?: string | null }) => api.patch<OrgNode>(`/api/admin/orgs/${id}`, body),
  retireOrg: (id: number) => api.post<OrgNode>(`/api/admin/orgs/${id}/retire`),
  sla: () => api.get<SlaSettings>('/api/settings/sla'),
  saveSla: (body: SlaOverride) => api.put<SlaSettings>('/api/settings/sla', body),
  audit: (query: Record<string, string | number>) => api.get<{ items: AuditItem[]; nextBefore: number | null }>('/api/audit', query),
  changePassword: (currentPassword: string, newPassword: string) => api.post<void>('/api/auth/password', { currentPassword, newPassword }),
};

export const ADMIN_PAGES = {
  password: (forced = false) => `/staff/pages/admin/password${forced ? '?forced=1' : ''}`,
  staff: '/staff/pages/admin/staff',
  newStaff: '/staff/pages/admin/staff-new',
  person: (id: number) => `/staff/pages/admin/person?id=${id}`,
  directors: '/staff/pages/admin/directors',
  orgs: '/staff/pages/admin/orgs',
  settings: '/staff/pages/admin/settings',
  audit: '/staff/pages/admin/audit',
};

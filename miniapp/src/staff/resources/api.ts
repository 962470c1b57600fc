import type { ResourceCreate, ResourceUpdate, ResourceView } from '@wbt/shared';
import { api } from '../../services/api';

/** The resource directory of the caller's township and county. */
export const resourcesApi = {
  list: (query: Record<string, string> = {}) => api.get<{ items: ResourceView[] }>('/api/resources', query),
  create: (body: ResourceCreate) => api.post<ResourceView>('/api/resources', body),
  update: (id: number, body: ResourceUpdate) => api.patch<ResourceView>(`/api/resources/${id}`, body),
};

export const RESOURCES_PAGE = '/staff/pages/resources/index';

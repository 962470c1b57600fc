import type { TestServer } from './harness';
import { makeCaseIn } from './casesFixtures';
import { makeChildIn } from './childrenFixtures';
import { makeApplicationIn, makeConsultationIn } from './consultationsFixtures';
import { makeReportIn } from './reportsFixtures';

/**
 * Every route that reads or changes a record belonging to an org node. The access-matrix test runs
 * each one for every staff role against its own node, a child node and a sibling node.
 * `target` creates (or picks) a record that belongs to `orgId` and returns the request to make.
 * Add an entry whenever a module adds a scoped route.
 */
export interface ScopedRoute {
  name: string;
  /** Org levels a record of this kind can belong to. */
  levels: ('county' | 'township' | 'village')[];
  target(t: TestServer, orgId: number): Promise<{ method: string; path: string; body?: unknown }>;
  /** Roles that may use the route at all inside their scope (others: 403 or 404). Default: every staff role. */
  roles?: string[];
}

export const scopedRoutes: ScopedRoute[] = [
  {
    name: 'GET /api/orgs/:id',
    levels: ['county', 'township', 'village'],
    target: async (_t, orgId) => ({ method: 'GET', path: `/api/orgs/${orgId}` }),
  },
  // Child files, their tasks and visits (issue 6) belong to villages; a township target means a
  // record in one of its villages. County admins see statistics, not files.
  ...['', '/history', '/tasks', '/visits'].map((sub) => ({
    name: `GET /api/children/:id${sub}`,
    levels: ['township' as const, 'village' as const],
    roles: ['director', 'supervisor', 'social_worker', 'station_head'],
    target: async (t: TestServer, orgId: number) => ({ method: 'GET', path: `/api/children/${(await makeChildIn(t, orgId)).childId}${sub}` }),
  })),
  {
    name: 'GET /api/visits/:id',
    levels: ['township', 'village'],
    roles: ['director', 'supervisor', 'social_worker', 'station_head'],
    target: async (t, orgId) => ({ method: 'GET', path: `/api/visits/${(await makeChildIn(t, orgId)).visitId}` }),
  },
  {
    name: 'GET /api/tasks/:id',
    levels: ['township', 'village'],
    target: async (t, orgId) => ({ method: 'GET', path: `/api/tasks/${(await makeChildIn(t, orgId)).taskId}` }),
  },
  // Cases (issue 5) belong to a township, and to the child's village once known. A director sees the
  // restricted view of the cases of their village; steps are for the station.
  {
    name: 'GET /api/cases/:id',
    levels: ['township', 'village'],
    target: async (t, orgId) => ({ method: 'GET', path: `/api/cases/${await makeCaseIn(t, orgId)}` }),
  },
  {
    name: 'POST /api/cases/:id/steps/note',
    levels: ['township', 'village'],
    roles: ['supervisor', 'station_head'],
    target: async (t, orgId) => ({ method: 'POST', path: `/api/cases/${await makeCaseIn(t, orgId)}/steps/note`, body: { text: '访问范围测试' } }),
  },
  // Incoming reports (issue 4) are received by a township; a village target is a report about a
  // child in that village. Directors and social workers never see them; the county reads only.
  {
    name: 'GET /api/reports/:id',
    levels: ['township', 'village'],
    roles: ['supervisor', 'station_head', 'county_admin'],
    target: async (t, orgId) => ({ method: 'GET', path: `/api/reports/${await makeReportIn(t, orgId)}` }),
  },
  {
    name: 'GET /api/reports/:id/reporter',
    levels: ['township', 'village'],
    roles: ['supervisor', 'station_head'],
    target: async (t, orgId) => ({ method: 'GET', path: `/api/reports/${await makeReportIn(t, orgId)}/reporter` }),
  },
  {
    name: 'POST /api/reports/:id/messages',
    levels: ['township', 'village'],
    roles: ['supervisor', 'station_head'],
    target: async (t, orgId) => ({ method: 'POST', path: `/api/reports/${await makeReportIn(t, orgId)}/messages`, body: { text: '访问范围测试' } }),
  },
  // Consultations and 协助申办 (issue 7) belong to the township whose station answers, and to the
  // village the guardian picked. Directors do not work them; the county reads and answers.
  {
    name: 'GET /api/consultations/:id',
    levels: ['township', 'village'],
    roles: ['supervisor', 'social_worker', 'station_head', 'county_admin'],
    target: async (t, orgId) => ({ method: 'GET', path: `/api/consultations/${await makeConsultationIn(t, orgId)}` }),
  },
  {
    name: 'POST /api/consultations/:id/messages',
    levels: ['township', 'village'],
    roles: ['supervisor', 'social_worker', 'station_head', 'county_admin'],
    target: async (t, orgId) => ({ method: 'POST', path: `/api/consultations/${await makeConsultationIn(t, orgId)}/messages`, body: { body: '访问范围测试的答复' } }),
  },
  {
    name: 'GET /api/applications/:id',
    levels: ['township', 'village'],
    roles: ['supervisor', 'social_worker', 'station_head', 'county_admin'],
    target: async (t, orgId) => ({ method: 'GET', path: `/api/applications/${await makeApplicationIn(t, orgId)}` }),
  },
  {
    name: 'POST /api/applications/:id/status',
    levels: ['township', 'village'],
    roles: ['supervisor', 'social_worker', 'station_head', 'county_admin'],
    target: async (t, orgId) => ({ method: 'POST', path: `/api/applications/${await makeApplicationIn(t, orgId)}/status`, body: { status: 'need_more', missing: '访问范围测试' } }),
  },
];

import {
  CaseTaskKind,
  ConferenceUnit,
  InterventionMeasure,
  Placement,
  ReferralAction,
  SupportService,
  VisitMethod,
  type StaffRole,
} from '@wbt/shared';
import { makeCaseIn } from './casesFixtures';
import { makeChildIn, visitBody } from './childrenFixtures';
import { makeApplicationIn, makeConsultationIn } from './consultationsFixtures';
import type { TestServer } from './harness';
import { makeReportIn } from './reportsFixtures';
import { scopedRoutes } from './scopedRoutes';

/** A directory entry of a township (made through the service), for access tests. */
async function makeResourceIn(t: TestServer, orgId: number): Promise<number> {
  const { org, resources } = t.runtime.services;
  const node = (await org.get(orgId))!;
  const countyId = Number(node.path.split('/')[1]);
  const actor = { userId: 0, role: 'county_admin' as const, name: '测试', orgId: countyId, orgPath: `/${countyId}/`, orgLevel: 'county' as const, sessionId: 'fixture' };
  return (await resources.create(actor, { kind: 'police_station', name: '夹具派出所', address: '夹具路1号', contactName: '李', contactPhone: '023-00000099', services: null, orgId })).id;
}

/**
 * Every route of the API, classified by who may call it and whose records it reaches. The route
 * matrix test enumerates the app's OpenAPI document and fails on a route missing here (or listed
 * here but gone), then checks each class. A new route must be added with its class.
 */
export type Auth = 'public' | 'optional' | 'user' | 'staff' | readonly StaffRole[];
export type Level = 'county' | 'township' | 'village';
export interface TargetRequest {
  method: string;
  path: string;
  body?: unknown;
}

export type Scope =
  /** No record of an org node is named in the request (lists are filtered to the caller's scope). */
  | { kind: 'none'; why: string }
  /** The caller's own records (a guardian's consultations, one's notifications): ownership, not org scope. */
  | { kind: 'own' }
  /** A record of an org node: a sibling node's record must answer 404, exactly as a missing one. */
  | { kind: 'org'; levels: Level[]; target(t: TestServer, orgId: number): Promise<TargetRequest> };

export interface RouteClass {
  auth: Auth;
  scope: Scope;
  /** A public route that asks for a credential of its own (a receipt session): 401 without it. */
  ownCredential?: string;
}

const none = (why: string): Scope => ({ kind: 'none', why });
/** Ledgers and statistics name the org node in the query: a sibling node answers 404. */
const LEDGER = ['supervisor', 'station_head', 'county_admin'] as const;
const nodeQuery = (path: (orgId: number) => string): Scope => ({ kind: 'org', levels: ['county', 'township', 'village'], target: async (_t, orgId) => ({ method: 'GET', path: path(orgId) }) });
const own: Scope = { kind: 'own' };
const NO_FILE = '00000000-0000-4000-8000-000000000000';

/** The target of an entry of scopedRoutes (the access-matrix test also checks its own-scope answers). */
function scopedTarget(name: string): Scope {
  const route = scopedRoutes.find((r) => r.name === name);
  if (!route) throw new Error(`scopedRoutes has no entry "${name}"`);
  return { kind: 'org', levels: route.levels, target: route.target };
}

const childScope = (fn: (ids: Awaited<ReturnType<typeof makeChildIn>>) => TargetRequest): Scope => ({
  kind: 'org',
  levels: ['township', 'village'],
  target: async (t, orgId) => fn(await makeChildIn(t, orgId)),
});
const caseScope = (fn: (caseId: number, t: TestServer) => TargetRequest): Scope => ({
  kind: 'org',
  levels: ['township', 'village'],
  target: async (t, orgId) => fn(await makeCaseIn(t, orgId), t),
});

/** A schema-valid body for each case step, so that the answer for a foreign case is about scope. */
function stepBodies(t: TestServer): Record<string, unknown> {
  const now = t.clock.now().toISOString();
  return {
    link_report: { reportId: 1 },
    assign: { villageId: 1 },
    assess: { harmSuspected: false, serious: false, riskLevel: 'low', reasons: '访问范围测试' },
    police_call: { calledAt: now, policeStation: '铜罐驿派出所' },
    report_authority: { authority: 'police', reportedAt: now, unit: '铜罐驿派出所' },
    intervene: { measures: [InterventionMeasure.codes[0]], details: '访问范围测试' },
    support: { services: [SupportService.codes[0]], details: '访问范围测试' },
    dispatch_task: { kind: CaseTaskKind.codes[0], reason: '访问范围测试' },
    refer: { unitType: 'police', reason: '访问范围测试', unit: '派出所', unitAddress: '正街1号', contactName: '李', contactPhone: '023-65000000', followUpPlan: '每周电话跟进' },
    referral_update: { referralId: 1, action: ReferralAction.codes.includes('progress') ? 'progress' : ReferralAction.codes[0], note: '访问范围测试', rejectReason: '无', outcome: '无' },
    follow_up: { visitedAt: now, method: VisitMethod.codes[0], recovery: '良好', repeatHarmRisk: 'low', placement: Placement.codes[0], findings: '访问范围测试' },
    conference: { heldAt: now, participants: [{ name: '甲', unitType: ConferenceUnit.codes[0] }, { name: '乙', unitType: ConferenceUnit.codes[0] }], decisions: '访问范围测试' },
    answer_reporter: { message: '访问范围测试' },
    note: { text: '访问范围测试' },
    archive: { summary: '访问范围测试的结案小结内容' },
    reopen: { reason: '访问范围测试' },
  };
}

/** A staff account at an org node (the role that belongs at its level), for the staff-administration routes. */
const ROLE_AT_LEVEL = { village: 'director', township: 'supervisor', county: 'county_admin' } as const;
let staffSeq = 0;
async function makeStaffIn(t: TestServer, orgId: number): Promise<number> {
  const level = (await t.runtime.services.org.get(orgId))!.level;
  return t.runtime.services.auth.createStaff({ username: `rc_staff_${orgId}_${++staffSeq}`, password: 'Matrix-pass-2026', name: '矩阵人员', role: ROLE_AT_LEVEL[level], orgId });
}
const staffScope = (fn: (userId: number) => TargetRequest): Scope => ({
  kind: 'org',
  levels: ['county', 'township', 'village'],
  target: async (t, orgId) => fn(await makeStaffIn(t, orgId)),
});
const ADMINS = ['station_head', 'county_admin'] as const;

const STATION_STAFF = ['supervisor', 'social_worker', 'station_head', 'county_admin'] as const;
const CHILD_READ = ['director', 'supervisor', 'station_head', 'social_worker'] as const;
const CHILD_WRITE = ['director', 'supervisor', 'station_head'] as const;
const REPORT_READ = ['supervisor', 'station_head', 'county_admin'] as const;

export const ROUTE_CLASSES: Record<string, RouteClass> = {
  'GET /api/health': { auth: 'public', scope: none('health check') },
  'POST /api/auth/login': { auth: 'public', scope: none('sign-in') },
  'POST /api/auth/wechat': { auth: 'public', scope: none('sign-in') },
  'POST /api/auth/wechat/bind': { auth: 'staff', scope: own },
  'POST /api/auth/phone/code': { auth: 'public', scope: none('sign-in') },
  'POST /api/auth/phone/login': { auth: 'public', scope: none('sign-in') },
  'POST /api/auth/refresh': { auth: 'public', scope: none('token rotation') },
  'POST /api/consultations/anonymous': { auth: 'public', scope: none('creates an anonymous question') },
  'GET /api/receipts/consultation': { auth: 'public', scope: none('the receipt session is the credential'), ownCredential: 'X-Receipt-Token' },
  'POST /api/receipts/consultation/messages': { auth: 'public', scope: none('the receipt session is the credential'), ownCredential: 'X-Receipt-Token' },
  'POST /api/receipts/consultation/close': { auth: 'public', scope: none('the receipt session is the credential'), ownCredential: 'X-Receipt-Token' },
  'POST /api/auth/logout': { auth: 'user', scope: own },
  'GET /api/me': { auth: 'user', scope: own },
  'POST /api/auth/password': { auth: 'staff', scope: own },
  'GET /api/admin/orgs': { auth: ['county_admin'], scope: none('the caller’s own county tree') },
  'POST /api/admin/orgs': {
    auth: ['county_admin'],
    scope: { kind: 'org', levels: ['county', 'township'], target: async (_t, orgId) => ({ method: 'POST', path: '/api/admin/orgs', body: { parentId: orgId, name: '矩阵新节点' } }) },
  },
  'PATCH /api/admin/orgs/:id': {
    auth: ['county_admin'],
    scope: { kind: 'org', levels: ['county', 'township', 'village'], target: async (_t, orgId) => ({ method: 'PATCH', path: `/api/admin/orgs/${orgId}`, body: { name: '矩阵改名' } }) },
  },
  'POST /api/admin/orgs/:id/retire': {
    auth: ['county_admin'],
    scope: { kind: 'org', levels: ['county', 'township', 'village'], target: async (_t, orgId) => ({ method: 'POST', path: `/api/admin/orgs/${orgId}/retire` }) },
  },
  'GET /api/staff': { auth: ADMINS, scope: none('list filtered to the caller’s subtree') },
  'GET /api/staff/directors': { auth: ADMINS, scope: none('list filtered to the caller’s subtree') },
  'POST /api/staff': {
    auth: ADMINS,
    scope: {
      kind: 'org',
      levels: ['county', 'township', 'village'],
      target: async (t, orgId) => ({
        method: 'POST',
        path: '/api/staff',
        body: { username: `rc_new_${orgId}_${++staffSeq}`, name: '矩阵新人', role: ROLE_AT_LEVEL[(await t.runtime.services.org.get(orgId))!.level], orgId, password: 'Matrix-pass-2026' },
      }),
    },
  },
  'GET /api/staff/:id': { auth: ADMINS, scope: staffScope((id) => ({ method: 'GET', path: `/api/staff/${id}` })) },
  'PATCH /api/staff/:id': { auth: ADMINS, scope: staffScope((id) => ({ method: 'PATCH', path: `/api/staff/${id}`, body: { name: '矩阵改名' } })) },
  'POST /api/staff/:id/password-reset': { auth: ADMINS, scope: staffScope((id) => ({ method: 'POST', path: `/api/staff/${id}/password-reset`, body: { password: 'Matrix-reset-2026' } })) },
  'GET /api/staff/:id/handover': { auth: ADMINS, scope: staffScope((id) => ({ method: 'GET', path: `/api/staff/${id}/handover` })) },
  'POST /api/staff/:id/disable': { auth: ADMINS, scope: staffScope((id) => ({ method: 'POST', path: `/api/staff/${id}/disable`, body: {} })) },
  'POST /api/staff/:id/enable': { auth: ADMINS, scope: staffScope((id) => ({ method: 'POST', path: `/api/staff/${id}/enable` })) },
  'POST /api/staff/:id/move': { auth: ADMINS, scope: staffScope((id) => ({ method: 'POST', path: `/api/staff/${id}/move`, body: { orgId: 1 } })) },
  'GET /api/staff/:id/trainings': { auth: ADMINS, scope: staffScope((id) => ({ method: 'GET', path: `/api/staff/${id}/trainings` })) },
  'POST /api/staff/:id/trainings': { auth: ADMINS, scope: staffScope((id) => ({ method: 'POST', path: `/api/staff/${id}/trainings`, body: { trainedOn: '2026-01-05', title: '矩阵培训' } })) },
  'GET /api/audit': { auth: ADMINS, scope: none('rows filtered to the caller’s subtree') },
  'GET /api/orgs': { auth: 'staff', scope: none('list filtered to the caller’s subtree') },
  'GET /api/orgs/:id': { auth: 'staff', scope: scopedTarget('GET /api/orgs/:id') },
  'GET /api/policies/search': { auth: 'optional', scope: none('published policy articles are public content') },
  'GET /api/policies': { auth: 'optional', scope: none('published policy articles are public content') },
  'GET /api/policies/:id': { auth: 'optional', scope: none('published policy articles are public content') },
  'POST /api/policies': { auth: STATION_STAFF, scope: none('creates an article') },
  'PUT /api/policies/:id': { auth: STATION_STAFF, scope: none('policy articles are shared by the county') },
  'POST /api/policies/:id/publish': { auth: STATION_STAFF, scope: none('policy articles are shared by the county') },
  'POST /api/policies/:id/unpublish': { auth: STATION_STAFF, scope: none('policy articles are shared by the county') },
  'POST /api/consultations': { auth: 'user', scope: none('creates the guardian’s own consultation') },
  'GET /api/my/consultations': { auth: 'user', scope: own },
  'GET /api/my/consultations/:id': { auth: 'user', scope: own },
  'POST /api/my/consultations/:id/messages': { auth: 'user', scope: own },
  'POST /api/my/consultations/:id/close': { auth: 'user', scope: own },
  'GET /api/consultations': { auth: STATION_STAFF, scope: none('list filtered to the caller’s subtree') },
  'GET /api/consultations/:id': { auth: STATION_STAFF, scope: scopedTarget('GET /api/consultations/:id') },
  'POST /api/consultations/:id/messages': { auth: STATION_STAFF, scope: scopedTarget('POST /api/consultations/:id/messages') },
  'POST /api/consultations/:id/close': {
    auth: STATION_STAFF,
    scope: { kind: 'org', levels: ['township', 'village'], target: async (t, orgId) => ({ method: 'POST', path: `/api/consultations/${await makeConsultationIn(t, orgId)}/close`, body: { body: '访问范围测试的答复' } }) },
  },
  'POST /api/consultations/:id/convert': {
    auth: ['supervisor', 'station_head'],
    scope: { kind: 'org', levels: ['township', 'village'], target: async (t, orgId) => ({ method: 'POST', path: `/api/consultations/${await makeConsultationIn(t, orgId)}/convert`, body: { to: 'case' } }) },
  },
  'POST /api/applications': { auth: 'user', scope: none('creates the guardian’s own application') },
  'GET /api/my/applications': { auth: 'user', scope: own },
  'GET /api/my/applications/:id': { auth: 'user', scope: own },
  'POST /api/my/applications/:id/photos': { auth: 'user', scope: own },
  'POST /api/my/applications/:id/resubmit': { auth: 'user', scope: own },
  'GET /api/my/applications/:id/photos/:fileId': { auth: 'user', scope: own },
  'GET /api/applications': { auth: STATION_STAFF, scope: none('list filtered to the caller’s subtree') },
  'GET /api/applications/:id': { auth: STATION_STAFF, scope: scopedTarget('GET /api/applications/:id') },
  'POST /api/applications/:id/status': { auth: STATION_STAFF, scope: scopedTarget('POST /api/applications/:id/status') },
  'GET /api/applications/:id/photos/:fileId': {
    auth: STATION_STAFF,
    scope: { kind: 'org', levels: ['township', 'village'], target: async (t, orgId) => ({ method: 'GET', path: `/api/applications/${await makeApplicationIn(t, orgId)}/photos/${NO_FILE}` }) },
  },
  'GET /api/settings/sla': { auth: 'staff', scope: none('the caller’s own county settings') },
  'PUT /api/settings/sla': { auth: ['county_admin'], scope: none('the caller’s own county settings') },
  'GET /api/notifications': { auth: 'user', scope: own },
  'POST /api/notifications/:id/read': { auth: 'user', scope: own },
  'GET /api/notifications/unread': { auth: 'user', scope: own },
  'POST /api/notifications/read-all': { auth: 'user', scope: own },
  'POST /api/uploads/images': { auth: 'public', scope: none('anonymous upload, claimed later by ticket') },
  'POST /api/uploads/documents': { auth: 'public', scope: none('anonymous upload, claimed later by ticket') },
  'GET /api/public/orgs': { auth: 'public', scope: none('the public list of stations and villages') },
  'POST /api/reports': { auth: 'optional', scope: none('anyone may report') },
  'GET /api/reports': { auth: REPORT_READ, scope: none('list filtered to the caller’s subtree') },
  'GET /api/reports/:id': { auth: REPORT_READ, scope: scopedTarget('GET /api/reports/:id') },
  'GET /api/reports/:id/reporter': { auth: ['supervisor', 'station_head'], scope: scopedTarget('GET /api/reports/:id/reporter') },
  'POST /api/reports/:id/messages': { auth: ['supervisor', 'station_head'], scope: scopedTarget('POST /api/reports/:id/messages') },
  'GET /api/reports/:id/files/:fileId': {
    auth: REPORT_READ,
    scope: { kind: 'org', levels: ['township', 'village'], target: async (t, orgId) => ({ method: 'GET', path: `/api/reports/${await makeReportIn(t, orgId)}/files/${NO_FILE}` }) },
  },
  'GET /api/reports/:id/documents/:fileId': {
    auth: REPORT_READ,
    scope: { kind: 'org', levels: ['township', 'village'], target: async (t, orgId) => ({ method: 'GET', path: `/api/reports/${await makeReportIn(t, orgId)}/documents/${NO_FILE}` }) },
  },
  'GET /api/my/reports': { auth: 'user', scope: own },
  'GET /api/my/reports/:id': { auth: 'user', scope: own },
  'POST /api/my/reports/:id/messages': { auth: 'user', scope: own },
  'POST /api/receipts/session': { auth: 'public', scope: none('the receipt code is the credential') },
  'GET /api/receipts/report': { auth: 'public', scope: none('the receipt session is the credential'), ownCredential: 'X-Receipt-Token' },
  'POST /api/receipts/messages': { auth: 'public', scope: none('the receipt session is the credential'), ownCredential: 'X-Receipt-Token' },
  'GET /api/tasks/mine': { auth: 'staff', scope: own },
  'GET /api/tasks': { auth: 'staff', scope: none('list filtered to the caller’s subtree') },
  'POST /api/tasks/:id/child': {
    auth: ['director', 'supervisor', 'station_head', 'social_worker'],
    scope: childScope((ids) => ({ method: 'POST', path: `/api/tasks/${ids.taskId}/child`, body: { childId: ids.childId } })),
  },
  'GET /api/tasks/:id': { auth: 'staff', scope: scopedTarget('GET /api/tasks/:id') },
  'POST /api/children/duplicates': { auth: CHILD_WRITE, scope: none('an ID-number look-up (answered within the caller’s scope)') },
  'POST /api/children': { auth: CHILD_WRITE, scope: none('creates a file in the caller’s village (org checked in the service)') },
  'GET /api/children': { auth: CHILD_READ, scope: none('list filtered to the caller’s subtree') },
  'GET /api/children/overview': { auth: ['supervisor', 'station_head', 'county_admin'], scope: none('counts of the caller’s township') },
  'GET /api/children/:id': { auth: CHILD_READ, scope: scopedTarget('GET /api/children/:id') },
  'PATCH /api/children/:id': { auth: CHILD_WRITE, scope: childScope((ids) => ({ method: 'PATCH', path: `/api/children/${ids.childId}`, body: { grade: '五年级' } })) },
  'POST /api/children/:id/confirm': { auth: ['supervisor', 'station_head'], scope: childScope((ids) => ({ method: 'POST', path: `/api/children/${ids.childId}/confirm`, body: {} })) },
  'POST /api/children/:id/close': {
    auth: ['supervisor', 'station_head'],
    scope: childScope((ids) => ({ method: 'POST', path: `/api/children/${ids.childId}/close`, body: { reason: 'out_of_difficulty', note: '访问范围测试' } })),
  },
  'POST /api/children/:id/reopen': {
    auth: ['supervisor', 'station_head'],
    scope: childScope((ids) => ({ method: 'POST', path: `/api/children/${ids.childId}/reopen`, body: { note: '访问范围测试' } })),
  },
  'POST /api/children/:id/move': {
    auth: ['supervisor', 'station_head'],
    scope: childScope((ids) => ({ method: 'POST', path: `/api/children/${ids.childId}/move`, body: { toOrgId: 1, note: '访问范围测试' } })),
  },
  'POST /api/children/:id/national-entry': {
    auth: ['supervisor', 'station_head'],
    scope: childScope((ids) => ({ method: 'POST', path: `/api/children/${ids.childId}/national-entry`, body: { kind: 'entry', enteredAt: new Date().toISOString() } })),
  },
  'GET /api/resources': { auth: 'staff', scope: none('the directory of the caller’s own township and county') },
  'GET /api/resources/:id': { auth: 'staff', scope: { kind: 'org', levels: ['township'], target: async (t, orgId) => ({ method: 'GET', path: `/api/resources/${await makeResourceIn(t, orgId)}` }) } },
  'POST /api/resources': { auth: ['supervisor', 'station_head', 'county_admin'], scope: none('creates an entry in the caller’s node (org checked in the service)') },
  'PATCH /api/resources/:id': {
    auth: ['supervisor', 'station_head', 'county_admin'],
    scope: { kind: 'org', levels: ['township'], target: async (t, orgId) => ({ method: 'PATCH', path: `/api/resources/${await makeResourceIn(t, orgId)}`, body: { contactName: '访问范围' } }) },
  },
  'GET /api/children/:id/history': { auth: CHILD_READ, scope: scopedTarget('GET /api/children/:id/history') },
  'GET /api/children/:id/tasks': { auth: CHILD_READ, scope: scopedTarget('GET /api/children/:id/tasks') },
  'POST /api/visits': {
    auth: CHILD_READ,
    scope: {
      kind: 'org',
      levels: ['township', 'village'],
      target: async (t, orgId) => ({ method: 'POST', path: '/api/visits', body: visitBody((await makeChildIn(t, orgId)).childId, t.clock.now()) }),
    },
  },
  'GET /api/visits/:id': { auth: CHILD_READ, scope: scopedTarget('GET /api/visits/:id') },
  'GET /api/children/:id/visits': { auth: CHILD_READ, scope: scopedTarget('GET /api/children/:id/visits') },
  'GET /api/visits/:id/photos/:fileId': { auth: CHILD_READ, scope: childScope((ids) => ({ method: 'GET', path: `/api/visits/${ids.visitId}/photos/${NO_FILE}` })) },
  'POST /api/visits/:id/report': { auth: CHILD_READ, scope: childScope((ids) => ({ method: 'POST', path: `/api/visits/${ids.visitId}/report` })) },
  'GET /api/intake': { auth: REPORT_READ, scope: none('list filtered to the caller’s subtree') },
  'POST /api/intake/:reportId/triage': {
    auth: 'staff',
    scope: { kind: 'org', levels: ['township', 'village'], target: async (t, orgId) => ({ method: 'POST', path: `/api/intake/${await makeReportIn(t, orgId)}/triage`, body: { category: 'harm' } }) },
  },
  'GET /api/cases': { auth: 'staff', scope: none('list filtered to the caller’s subtree') },
  'GET /api/cases/linkable': { auth: ['supervisor', 'station_head'], scope: none('list filtered to the caller’s subtree') },
  'GET /api/cases/:id': { auth: 'staff', scope: scopedTarget('GET /api/cases/:id') },
  'GET /api/cases/:id/assignable': { auth: ['supervisor', 'station_head', 'social_worker', 'county_admin'], scope: caseScope((id) => ({ method: 'GET', path: `/api/cases/${id}/assignable` })) },
  'GET /api/deadlines': { auth: 'staff', scope: none('list filtered to the caller’s subtree') },
  'GET /api/deadlines/board': { auth: 'staff', scope: none('board of the caller’s own work or subtree') },
  'GET /api/deadlines/summary': { auth: 'staff', scope: none('counts of the caller’s subtree') },
  'GET /api/ledgers/:roster/export': { auth: LEDGER, scope: nodeQuery((orgId) => `/api/ledgers/plight/export?orgId=${orgId}`) },
  'GET /api/ledgers/:roster': { auth: LEDGER, scope: nodeQuery((orgId) => `/api/ledgers/reception?orgId=${orgId}`) },
  'GET /api/stats': { auth: LEDGER, scope: nodeQuery((orgId) => `/api/stats?orgId=${orgId}`) },
  'GET /api/stats/half-year': { auth: LEDGER, scope: nodeQuery((orgId) => `/api/stats/half-year?year=2026&half=1&orgId=${orgId}`) },
  'GET /api/forms/child/:id/docx': { auth: CHILD_READ, scope: childScope((ids) => ({ method: 'GET', path: `/api/forms/child/${ids.childId}/docx` })) },
  'GET /api/forms/cases/:caseId/referrals/:referralId/docx': { auth: 'staff', scope: caseScope((caseId) => ({ method: 'GET', path: `/api/forms/cases/${caseId}/referrals/1/docx` })) },
  'GET /api/forms/child/:id': { auth: CHILD_READ, scope: childScope((ids) => ({ method: 'GET', path: `/api/forms/child/${ids.childId}` })) },
  'GET /api/forms/cases/:caseId/referrals/:referralId': { auth: 'staff', scope: caseScope((caseId) => ({ method: 'GET', path: `/api/forms/cases/${caseId}/referrals/1` })) },
  'GET /api/forms/cases/:caseId/bundle': { auth: REPORT_READ, scope: caseScope((caseId) => ({ method: 'GET', path: `/api/forms/cases/${caseId}/bundle` })) },
  'GET /api/forms/reports/:id': {
    auth: REPORT_READ,
    scope: { kind: 'org', levels: ['township', 'village'], target: async (t, orgId) => ({ method: 'GET', path: `/api/forms/reports/${await makeReportIn(t, orgId)}` }) },
  },
  'GET /api/forms/reports/:id/docx': {
    auth: REPORT_READ,
    scope: { kind: 'org', levels: ['township', 'village'], target: async (t, orgId) => ({ method: 'GET', path: `/api/forms/reports/${await makeReportIn(t, orgId)}/docx` }) },
  },
  'GET /api/stats/half-year/docx': { auth: LEDGER, scope: nodeQuery((orgId) => `/api/stats/half-year/docx?year=2026&half=1&orgId=${orgId}`) },
};

/** Case steps are one route each; every one reaches a case of an org node. */
export function classify(routeKey: string): RouteClass | undefined {
  const step = /^POST \/api\/cases\/:id\/steps\/([a-z_]+)$/.exec(routeKey)?.[1];
  if (step) {
    return {
      auth: 'staff',
      scope: caseScope((id, t) => {
        const body = stepBodies(t)[step];
        if (body === undefined) throw new Error(`no test body for case step "${step}": add one to stepBodies()`);
        return { method: 'POST', path: `/api/cases/${id}/steps/${step}`, body };
      }),
    };
  }
  return ROUTE_CLASSES[routeKey];
}

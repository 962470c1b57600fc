import type { StaffRole } from '@wbt/shared';
import { guardianToken } from './consultationsFixtures';
import { startTestServer, type TestServer } from './harness';
import { minimalReport, sendReport, villageIds } from './reportsFixtures';
import { classify, type Auth } from './routeClasses';

/**
 * Reads of personal data leave a trace. Generated from the app's route list (its OpenAPI document):
 * every GET route declares its audit kind, every staff GET that shows personal data audits, and
 * each kind does what it says when the route is called.
 */
let t: TestServer;
const gets: { key: string; path: string; auth: Auth; audit?: string }[] = [];
const tokens: Partial<Record<StaffRole, string>> = {};
let village = 0;
let township = 0;

/** Staff GET routes that show no one's personal data (statistics, org tree, settings): they need no audit row. */
const NO_PERSONAL_DATA: Record<string, string> = {
  'GET /api/orgs': 'the org tree',
  'GET /api/orgs/:id': 'an org node and its children',
  'GET /api/children/overview': 'counts per village',
  'GET /api/settings/sla': 'the county’s deadline settings',
  'GET /api/deadlines/summary': 'two counts for a badge',
  'GET /api/me': 'the caller’s own account',
  'GET /api/notifications': 'the caller’s own notifications',
  'GET /api/my/consultations': 'the caller’s own questions',
  'GET /api/my/applications': 'the caller’s own applications',
  'GET /api/my/reports': 'the caller’s own reports',
  'GET /api/notifications/unread': 'the caller’s own unread count',
  'GET /api/admin/orgs': 'the org tree with retired nodes',
  'GET /api/stats': 'aggregate counts of the node (no child, no reporter)',
  'GET /api/stats/half-year': 'the half-year report’s aggregate counts',
  'GET /api/resources': 'the directory of service units (institutions, not children)',
  'GET /api/resources/:id': 'one service unit of the directory',
};

beforeAll(async () => {
  t = await startTestServer();
  const doc = (await t.request('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, { 'x-auth': Auth; 'x-audit'?: string }>> };
  for (const [p, ops] of Object.entries(doc.paths)) {
    const op = ops.get;
    if (!op) continue;
    const path = p.replace(/\{(\w+)\}/g, ':$1');
    gets.push({ key: `GET ${path}`, path, auth: op['x-auth'], audit: op['x-audit'] });
  }
  const ids = await villageIds(t);
  village = ids.villages['双骑龙村'];
  township = ids.township;
  const demo: [StaffRole, string][] = [['director', 'zhuren01'], ['supervisor', 'dudao'], ['social_worker', 'shegong'], ['station_head', 'zhanzhang'], ['county_admin', 'admin']];
  for (const [role, username] of demo) tokens[role] = await t.login(username);
}, 120_000);
afterAll(() => t.close());

const lastAuditId = async () =>
  Number(((await t.runtime.database.pool.query('SELECT COALESCE(MAX(id), 0) AS id FROM audit_log'))[0] as { id: number }[])[0].id);
const auditSince = async (id: number) =>
  (await t.runtime.database.pool.query('SELECT * FROM audit_log WHERE id > ? ORDER BY id', [id]))[0] as { action: string; target_id: string; actor_user_id: number | null; detail: unknown }[];
const rolesOf = (auth: Auth): StaffRole[] =>
  Array.isArray(auth) ? [...auth] : auth === 'staff' || auth === 'user' ? ['supervisor', 'director'] : [];
const isStaffGet = (auth: Auth) => auth !== 'public' && auth !== 'optional';

describe('every GET route declares its audit kind', () => {
  it('in its registration (x-audit in the OpenAPI document)', () => {
    expect(gets.length).toBeGreaterThan(40);
    expect(gets.filter((g) => !['list', 'read', 'service', 'none'].includes(g.audit ?? '')).map((g) => g.key)).toEqual([]);
  });

  it('and every signed-in GET that shows personal data audits it', () => {
    const silent = gets.filter((g) => isStaffGet(g.auth) && g.audit === 'none' && !NO_PERSONAL_DATA[g.key]).map((g) => g.key);
    expect(silent).toEqual([]);
    // The allow-list holds only routes that exist and say none.
    expect(Object.keys(NO_PERSONAL_DATA).filter((k) => gets.find((g) => g.key === k)?.audit !== 'none')).toEqual([]);
  });
});

describe('audit rows written', () => {
  /** The request for a route as one of its roles, inside that role's own scope. */
  const requestFor = async (key: string, role: StaffRole) => {
    const cls = classify(key);
    if (cls?.scope.kind === 'org') {
      const orgId = role === 'director' ? village : cls.scope.levels.includes('township') ? township : village;
      return cls.scope.target(t, orgId);
    }
    return { method: 'GET', path: key.slice(4) };
  };

  it('each list read writes one row: who, which list, the filter and the row count', async () => {
    const wrong: string[] = [];
    const lists = gets.filter((g) => g.audit === 'list');
    expect(lists.length).toBeGreaterThanOrEqual(11);
    for (const g of lists) {
      const role = rolesOf(g.auth)[0];
      const req = await requestFor(g.key, role);
      const before = await lastAuditId();
      const res = await t.request('GET', req.path, { token: tokens[role] });
      const rows = (await auditSince(before)).filter((r) => r.action === 'list.read');
      if (res.status !== 200) wrong.push(`${g.key}: ${res.status} ${res.text.slice(0, 80)}`);
      else if (rows.length !== 1 || rows[0].target_id !== g.key || rows[0].actor_user_id === null) wrong.push(`${g.key}: ${rows.length} list rows`);
      else {
        const detail = (typeof rows[0].detail === 'string' ? JSON.parse(rows[0].detail) : rows[0].detail) as { rows: unknown; filter: unknown };
        if (typeof detail.rows !== 'number' || typeof detail.filter !== 'object') wrong.push(`${g.key}: detail ${JSON.stringify(detail)}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('records the filter of a list read', async () => {
    const before = await lastAuditId();
    expect((await t.request('GET', '/api/tasks/mine?bucket=overdue', { token: tokens.director })).status).toBe(200);
    const [row] = (await auditSince(before)).filter((r) => r.action === 'list.read');
    const detail = (typeof row.detail === 'string' ? JSON.parse(row.detail) : row.detail) as { filter: Record<string, unknown> };
    expect(detail.filter).toEqual({ bucket: 'overdue' });
  });

  it('each scoped detail read (service or read) writes at least one row', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const g of gets.filter((x) => x.audit === 'service' || x.audit === 'read')) {
      if (classify(g.key)?.scope.kind !== 'org') continue;
      const role = rolesOf(g.auth)[0];
      const req = await requestFor(g.key, role);
      const before = await lastAuditId();
      const res = await t.request('GET', req.path, { token: tokens[role] });
      checked += 1;
      // A photo route's target names no real photo: the 404 comes after the scope check, which is what is audited here.
      // The case bundle of a case not yet archived answers 409 after the case read, which is audited.
      const refusedAfterRead = res.status === 409 && g.key === 'GET /api/forms/cases/:caseId/bundle';
      if (res.status !== 200 && res.status !== 404 && !refusedAfterRead) wrong.push(`${g.key}: ${res.status}`);
      else if (res.status !== 404 && (await auditSince(before)).length === 0) wrong.push(`${g.key}: no audit row`);
    }
    expect(checked).toBeGreaterThan(8);
    expect(wrong).toEqual([]);
  }, 120_000);

  it('a guardian reading one of their questions, and a reporter opening their receipt, are audited', async () => {
    const guardian = await guardianToken(t);
    const asked = await t.request('POST', '/api/consultations', { token: guardian, body: { orgId: village, topic: 'living', question: '审计测试的问题内容' } });
    expect(asked.status).toBe(201);
    let before = await lastAuditId();
    expect((await t.request('GET', `/api/my/consultations/${asked.body.id}`, { token: guardian })).status).toBe(200);
    expect((await auditSince(before)).map((r) => r.action)).toContain('record.read');

    const report = await sendReport(t, minimalReport(village), { ip: '198.51.100.200' });
    const session = await t.request('POST', '/api/receipts/session', { body: { receiptCode: report.body.receiptCode }, headers: { 'x-forwarded-for': '198.51.100.200' } });
    before = await lastAuditId();
    expect((await t.request('GET', '/api/receipts/report', { headers: { 'x-receipt-token': session.body.token } })).status).toBe(200);
    const rows = await auditSince(before);
    expect(rows.map((r) => r.action)).toEqual(['receipt.view']);
    expect(rows[0].actor_user_id).toBeNull();
  });
});

import { Roster, ROSTER_CATEGORIES, type Roster as RosterCode } from '@wbt/shared';
import ExcelJS from 'exceljs';
import { ManualClock } from '../../server/src/lib/clock';
import { occurredDate } from '../../server/src/modules/stats/stats.service';
import { ASSESS_LOW, harmReport, openCase, REFERRAL, step } from './casesFixtures';
import { childBody, cst, demoOrgs, fakeIdNumber, visitBody } from './childrenFixtures';
import { startTestServer, type TestServer } from './harness';

let t: TestServer;
let orgs: Awaited<ReturnType<typeof demoOrgs>>;
let plightChildId = 0;
let referredCaseId = 0;
const tok: Record<string, string> = {};
const FROM = '2026-01-01';
const TO = '2026-06-30';
const FORMULA_ADDRESS = '=HYPERLINK("http://evil.example","点击")';
const FORMULA_GUARDIAN = '@SUM(1+1)';
const PLIGHT_ID = fakeIdNumber('2014-03-05', 71);

async function sql<T = Record<string, unknown>>(q: string, args: unknown[] = []): Promise<T[]> {
  const [rows] = await t.runtime.database.pool.query(q, args);
  return rows as T[];
}

async function download(roster: RosterCode, token: string, query = `from=${FROM}&to=${TO}`) {
  const res = await fetch(`${t.baseUrl}/api/ledgers/${roster}/export?${query}`, { headers: { authorization: `Bearer ${token}` } });
  const buf = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) return { status: res.status, res, rows: [] as unknown[][], header: [] as string[] };
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const all: unknown[][] = [];
  ws.eachRow((row) => all.push((row.values as unknown[]).slice(1)));
  return { status: res.status, res, header: all[2] as string[], rows: all.slice(3), title: all[0]?.[0] };
}

const col = (header: string[], name: string) => {
  const i = header.indexOf(name);
  if (i < 0) throw new Error(`no column ${name} in ${header.join(',')}`);
  return i;
};

beforeAll(async () => {
  const clock = new ManualClock(cst('2026-05-20T10:00:00'));
  t = await startTestServer({ clock });
  orgs = await demoOrgs(t);
  for (const u of ['dudao', 'zhanzhang', 'admin', 'zhuren01', 'shegong']) tok[u] = await t.login(u);
  const village = orgs.villages['双骑龙村'];

  // A 困境儿童 whose address and guardian look like spreadsheet formulas.
  const plight = await t.request('POST', '/api/children', {
    token: tok.dudao,
    body: childBody({
      orgId: village,
      name: '公式测试',
      dob: '2014-03-05',
      idNumber: PLIGHT_ID,
      address: FORMULA_ADDRESS,
      categories: ['plight_family', 'left_behind'],
      guardians: [{ name: FORMULA_GUARDIAN, relation: 'grandparent', phone: '13912345678', entrusted: true }],
    }),
  });
  expect(plight.status).toBe(201);
  plightChildId = plight.body.id;
  // Two of the roster's categories, given out of their listed order.
  const twice = await t.request('POST', '/api/children', {
    token: tok.dudao,
    body: childBody({ orgId: village, name: '两类测试', dob: '2013-04-06', categories: ['plight_temporary', 'plight_self'] }),
  });
  expect(twice.status).toBe(201);
  const visit = await t.request('POST', '/api/visits', { token: tok.dudao, body: visitBody(plight.body.id, cst('2026-05-19T15:00:00'), { findings: '-1 天没吃饭' }) });
  expect(visit.status).toBe(201);

  // Reports: 10 days after the events, 2 days after, and one with no date of the events.
  const late = await harmReport(t, village, { occurredAt: cst('2026-05-10T21:00:00').toISOString() });
  // 00:30 China time is still the previous day in UTC: the delay counts China calendar days.
  await harmReport(t, village, { occurredAt: cst('2026-05-18T00:30:00').toISOString() });
  await harmReport(t, orgs.villages['建设村']);
  const caseId = await openCase(t, tok.dudao, late.id);
  referredCaseId = caseId;
  expect((await step(t, tok.dudao, caseId, 'assess', ASSESS_LOW)).status).toBeLessThan(300);
  expect((await step(t, tok.dudao, caseId, 'support', { services: ['family_education'], details: '监护指导一次' })).status).toBeLessThan(300);
  const ref = await step(t, tok.dudao, caseId, 'refer', REFERRAL);
  expect(ref.status).toBeLessThan(300);
}, 120_000);
afterAll(() => { if (process.env.DEBUG_LOGS) console.log(t.logs.filter((l) => /error|fail/i.test(l)).slice(-5).join('\n')); return t.close(); });

/** Children of the township in any of the roster's categories, counted straight from the tables. */
async function childCount(roster: 'left_behind' | 'plight' | 'orphans', orgIds: number[]): Promise<number> {
  const cats = [...ROSTER_CATEGORIES[roster]];
  const rows = await sql<{ n: number }>(
    `SELECT COUNT(DISTINCT c.id) AS n FROM children c JOIN child_categories k ON k.child_id = c.id WHERE c.org_id IN (?) AND k.category IN (?) AND c.created_at < ?`,
    [orgIds, cats, new Date(`${TO}T16:00:00Z`)],
  );
  return Number(rows[0].n);
}
const villageIds = () => Object.values(orgs.villages);
const periodArgs = () => [new Date(`${FROM}T00:00:00+08:00`), new Date(`2026-07-01T00:00:00+08:00`)];

async function independentCount(roster: RosterCode): Promise<number> {
  const [a, b] = periodArgs();
  const ids = [orgs.township, ...villageIds()];
  switch (roster) {
    case 'left_behind':
    case 'plight':
    case 'orphans':
      return childCount(roster, villageIds());
    case 'reception':
      return Number((await sql<{ n: number }>('SELECT COUNT(*) n FROM reports WHERE (org_id IN (?) OR township_id IN (?)) AND received_at >= ? AND received_at < ?', [ids, ids, a, b]))[0].n);
    case 'protection':
      return Number((await sql<{ n: number }>('SELECT COUNT(*) n FROM cases WHERE township_id IN (?) AND opened_at >= ? AND opened_at < ?', [ids, a, b]))[0].n);
    case 'visits':
      return Number((await sql<{ n: number }>('SELECT COUNT(*) n FROM visits WHERE org_id IN (?) AND visited_at >= ? AND visited_at < ?', [ids, a, b]))[0].n);
    case 'referrals':
      return Number((await sql<{ n: number }>('SELECT COUNT(*) n FROM case_referrals WHERE township_id IN (?) AND sent_at >= ? AND sent_at < ?', [ids, a, b]))[0].n);
  }
}

describe('rosters as .xlsx', () => {
  it.each(Roster.codes)('%s: every row of the township, counted independently, and the export audited', async (roster) => {
    const expected = await independentCount(roster);
    expect(expected).toBeGreaterThan(0);
    const x = await download(roster, tok.zhanzhang);
    expect(x.status).toBe(200);
    expect(x.res.headers.get('content-type')).toContain('spreadsheetml');
    expect(decodeURIComponent(x.res.headers.get('content-disposition') ?? '')).toContain(Roster.label(roster));
    expect(x.title).toBe(`铜罐驿镇${Roster.label(roster)}`);
    expect(x.header[0]).toBe('序号');
    expect(x.rows).toHaveLength(expected);
    expect(x.rows.map((r) => r[0])).toEqual(x.rows.map((_, i) => i + 1));
    // The audit row is written once the workbook is complete (this is the roster's first export here).
    let audits: { actor_user_id: number; detail: string | Record<string, unknown>; result: string }[] = [];
    for (let i = 0; i < 100 && audits.length === 0; i++) {
      audits = await sql("SELECT actor_user_id, detail, result FROM audit_log WHERE action = 'ledger.export' AND JSON_VALUE(detail, '$.roster') = ?", [roster]);
      if (!audits.length) await new Promise((r) => setTimeout(r, 20));
    }
    expect(audits).toHaveLength(1);
    const detail = typeof audits[0].detail === 'string' ? JSON.parse(audits[0].detail) : audits[0].detail;
    expect(audits[0].result).toBe('ok');
    expect(detail).toMatchObject({ roster, from: FROM, to: TO, rows: expected, masked: false });
    const [head] = await sql<{ id: number }>("SELECT id FROM users WHERE username = 'zhanzhang'");
    expect(audits[0].actor_user_id).toBe(head.id);
  });

  it('the 困境儿童名册 shows the station full data, neutralises formula-like cells, and masks for the county', async () => {
    const full = await download('plight', tok.dudao);
    const h = full.header;
    const row = full.rows.find((r) => r[col(h, '身份证号')] === PLIGHT_ID)!;
    expect(row).toBeDefined();
    expect(row[col(h, '姓名')]).toBe('公式测试');
    expect(row[col(h, '所属村（社区）')]).toBe('双骑龙村');
    expect(row[col(h, '困境类型')]).toBe('困境儿童（家庭困境）');
    expect(row[col(h, '家庭住址')]).toBe(`'${FORMULA_ADDRESS}`);
    expect(row[col(h, '监护人姓名')]).toBe(`'${FORMULA_GUARDIAN}`);
    expect(row[col(h, '监护人电话')]).toBe('13912345678');
    // Every one of the roster's categories a child is in, in the categories' listed order.
    expect(full.rows.find((r) => r[col(h, '姓名')] === '两类测试')?.[col(h, '困境类型')]).toBe('困境儿童（自身困境）、困境儿童（临时困境）');
    // No cell of any row is a formula, and no text cell starts with a formula character.
    for (const r of full.rows) for (const v of r) if (typeof v === 'string') expect(v).not.toMatch(/^[=+\-@]/);

    const masked = await download('plight', tok.admin);
    expect(masked.status).toBe(200);
    expect(masked.rows).toHaveLength(full.rows.length);
    const m = masked.rows.find((r) => String(r[col(h, '身份证号')]).endsWith(PLIGHT_ID.slice(-2)) && r[col(h, '姓名')] === '公**试')!;
    expect(m).toBeDefined();
    expect(m[col(h, '身份证号')]).toBe(`${PLIGHT_ID.slice(0, 3)}*************${PLIGHT_ID.slice(-2)}`);
    expect(m[col(h, '出生日期')]).toBe('2014年');
    expect(m[col(h, '监护人电话')]).toBe('139****5678');
    expect(String(m[col(h, '家庭住址')])).not.toContain('evil');
    const flat = JSON.stringify(masked.rows);
    expect(flat).not.toContain(PLIGHT_ID);
    expect(flat).not.toContain('公式测试');
  });

  it('the visit ledger hides the findings from the county and neutralises a leading minus', async () => {
    const full = await download('visits', tok.dudao);
    const i = col(full.header, '走访情况');
    expect(full.rows.map((r) => r[i])).toContain("'-1 天没吃饭");
    const masked = await download('visits', tok.admin);
    expect(masked.rows.map((r) => r[i])).not.toContain("'-1 天没吃饭");
    expect(masked.rows.every((r) => r[i] === '（已隐去）' || r[i] === null || r[i] === '')).toBe(true);
  });

  it('the reception ledger never names a reporter', async () => {
    const x = await download('reception', tok.dudao);
    expect(x.rows.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(x.rows)).not.toMatch(/范围测试|13900001111/);
    const rep = col(x.header, '报告人');
    // Only whether the report was named (the demo's own report is), never who made it.
    expect(new Set(x.rows.map((r) => r[rep]))).toContain('匿名');
    expect(x.rows.map((r) => r[rep]).filter((v) => v !== '匿名' && v !== '实名')).toEqual([]);
  });

  it('filters by node: one village, a sibling node is 404, a director is 403, a bad date is 400', async () => {
    const village = orgs.villages['双骑龙村'];
    const one = await download('plight', tok.dudao, `orgId=${village}&to=${TO}`);
    expect(one.rows).toHaveLength(await childCount('plight', [village]));
    const vi = col(one.header, '所属村（社区）');
    expect(new Set(one.rows.map((r) => r[vi]))).toEqual(new Set(['双骑龙村']));
    const other = await t.runtime.services.org.create({ parentId: null, level: 'county', name: '别县' });
    expect((await t.request('GET', `/api/ledgers/plight/export?orgId=${other.id}`, { token: tok.dudao })).status).toBe(404);
    expect((await t.request('GET', '/api/ledgers/plight/export', { token: tok.zhuren01 })).status).toBe(403);
    const bad = await t.request('GET', '/api/ledgers/plight/export?from=2026-13-01', { token: tok.dudao });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('开始日期');
    expect((await t.request('GET', '/api/ledgers/nope/export', { token: tok.dudao })).status).toBe(400);
  });

  it('the printable page walks the same rows with a cursor, masked per role, and is audited', async () => {
    const all: Record<string, unknown>[] = [];
    let after: string | null = null;
    do {
      const res: { status: number; body: { rows: Record<string, unknown>[]; next: string | null; masked: boolean } } = await t.request(
        'GET',
        `/api/ledgers/left_behind?to=${TO}&limit=2${after ? `&after=${after}` : ''}`,
        { token: tok.admin },
      );
      expect(res.status).toBe(200);
      expect(res.body.masked).toBe(true);
      all.push(...res.body.rows);
      after = res.body.next;
    } while (after);
    expect(all).toHaveLength(await childCount('left_behind', villageIds()));
    expect(new Set(all.map((r) => JSON.stringify(r))).size).toBe(all.length);
    expect(JSON.stringify(all)).not.toContain(PLIGHT_ID);
    const views = await sql("SELECT id FROM audit_log WHERE action = 'ledger.view'");
    expect(views.length).toBeGreaterThan(0);
  });
});

describe('statistics', () => {
  it('equal the rosters and independent counts from the tables', async () => {
    const res = await t.request('GET', `/api/stats?from=${FROM}&to=${TO}`, { token: tok.zhanzhang });
    expect(res.status).toBe(200);
    const s = res.body;
    expect(s.orgName).toBe('铜罐驿镇');
    expect(s.kpi.reports).toBe(await independentCount('reception'));
    expect(s.kpi.casesOpened).toBe(await independentCount('protection'));
    expect(s.kpi.visits).toBe(await independentCount('visits'));
    expect(s.kpi.referrals).toBe(await independentCount('referrals'));
    expect(s.kpi.leftBehind).toBe(await independentCount('left_behind'));
    expect(s.kpi.plight).toBe(await independentCount('plight'));
    expect(s.kpi.orphans).toBe(await independentCount('orphans'));
    // And the rosters themselves.
    expect(s.kpi.plight).toBe((await download('plight', tok.zhanzhang)).rows.length);
    expect(s.kpi.reports).toBe((await download('reception', tok.zhanzhang)).rows.length);

    const sum = (bars: { value: number }[]) => bars.reduce((a, b) => a + b.value, 0);
    expect(sum(s.reportsBySource)).toBe(s.kpi.reports);
    expect(sum(s.reportsByCategory)).toBe(s.kpi.reports);
    expect(sum(s.reportsByMonth)).toBe(s.kpi.reports);
    expect(sum(s.reportingDelay)).toBe(s.kpi.reports);
    expect(s.reportsByMonth.map((b: { key: string }) => b.key)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    const [a, b] = periodArgs();
    const perMonth = await sql<{ m: string; n: number }>(
      "SELECT DATE_FORMAT(CONVERT_TZ(visited_at, '+00:00', '+08:00'), '%Y-%m') m, COUNT(*) n FROM visits WHERE visited_at >= ? AND visited_at < ? GROUP BY m",
      [a, b],
    );
    for (const row of perMonth) expect(s.visitsByMonth.find((v: { month: string }) => v.month === row.m).visits).toBe(Number(row.n));
    expect(sum(s.visitsByMonth.map((v: { visits: number }) => ({ value: v.visits })))).toBe(s.kpi.visits);

    // The three crafted reports: 10 days late, 2 days late, no date of the events (the demo seed's may add more).
    const delay = Object.fromEntries(s.reportingDelay.map((x: { key: string; value: number }) => [x.key, x.value]));
    expect(delay.d6_14).toBeGreaterThanOrEqual(1);
    expect(delay.d0_3).toBeGreaterThanOrEqual(1);
    expect(delay.unknown).toBeGreaterThanOrEqual(1);
    const harm = s.reportsByCategory.find((x: { key: string }) => x.key === 'harm');
    expect(harm.value).toBe(Number((await sql<{ n: number }>("SELECT COUNT(*) n FROM report_triage WHERE category = 'harm'"))[0].n));
    expect(s.durations.acknowledge.count).toBe(Number((await sql<{ n: number }>('SELECT COUNT(*) n FROM report_triage'))[0].n));

    const open = Number((await sql<{ n: number }>("SELECT COUNT(*) n FROM cases WHERE status <> 'archived'"))[0].n);
    expect(s.kpi.casesOpen).toBe(open);
    expect(sum(s.openCasesByRisk)).toBe(open);
    expect(sum(s.openCasesByStep)).toBe(open);
    const overdue = Number((await sql<{ n: number }>('SELECT COUNT(*) n FROM deadline_clocks WHERE met_at IS NULL AND cancelled_at IS NULL AND due_at < ?', [new Date(cst('2026-05-20T10:00:00'))]))[0].n);
    expect(s.kpi.overdueClocks).toBe(overdue);
    expect(sum(s.overdueByVillage)).toBe(overdue);
    expect(sum(s.overdueByPerson)).toBe(overdue);
  });

  it('county admin sees the county; a social worker is refused', async () => {
    const county = await t.request('GET', `/api/stats?from=${FROM}&to=${TO}`, { token: tok.admin });
    expect(county.status).toBe(200);
    expect(county.body.orgName).toBe('重庆市九龙坡区');
    expect(county.body.kpi.plight).toBe(await independentCount('plight'));
    expect((await t.request('GET', '/api/stats', { token: tok.shegong })).status).toBe(403);
  });
});

describe('half-year work report', () => {
  it('carries the statistics of the half-year, as data and as a .docx filled from the template', async () => {
    const stats = (await t.request('GET', `/api/stats?from=${FROM}&to=${TO}`, { token: tok.zhanzhang })).body;
    const res = await t.request('GET', '/api/stats/half-year?year=2026&half=1', { token: tok.zhanzhang });
    expect(res.status).toBe(200);
    expect(res.body.periodLabel).toBe('2026年上半年');
    expect(res.body.stats.kpi).toEqual(stats.kpi);

    const file = await fetch(`${t.baseUrl}/api/stats/half-year/docx?year=2026&half=1`, { headers: { authorization: `Bearer ${tok.zhanzhang}` } });
    expect(file.status).toBe(200);
    expect(decodeURIComponent(file.headers.get('content-disposition') ?? '')).toContain('铜罐驿镇2026年上半年工作情况报告.docx');
    const { default: PizZip } = await import('pizzip');
    const xml = new PizZip(Buffer.from(await file.arrayBuffer())).file('word/document.xml')!.asText();
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain(`困境儿童${stats.kpi.plight}人`);
    expect(text).toContain(`农村留守儿童${stats.kpi.leftBehind}人`);
    expect(text).toContain(`求助${stats.kpi.reports}件`);
    expect(text).toContain(`入户走访${stats.kpi.visits}次`);
    expect(text).not.toMatch(/\{[#/]?[a-zA-Z]+\}/);
    for (const b of stats.reportsBySource) expect(text).toContain(b.label);
    const [row] = await sql<{ n: number }>("SELECT COUNT(*) n FROM audit_log WHERE action = 'stats.half_year_export'");
    expect(Number(row.n)).toBe(1);
    expect((await t.request('GET', '/api/stats/half-year?year=2026&half=3', { token: tok.zhanzhang })).status).toBe(400);
  });
});

describe('printable forms', () => {
  it('一人一档 as .docx from the template: the whole file with its visits, audited; 404 outside scope', async () => {
    const file = await fetch(`${t.baseUrl}/api/forms/child/${plightChildId}/docx`, { headers: { authorization: `Bearer ${tok.dudao}` } });
    expect(file.status).toBe(200);
    expect(decodeURIComponent(file.headers.get('content-disposition') ?? '')).toContain('一人一档_双骑龙村_公式测试.docx');
    const { default: PizZip } = await import('pizzip');
    const text = new PizZip(Buffer.from(await file.arrayBuffer())).file('word/document.xml')!.asText().replace(/<[^>]+>/g, '');
    for (const s of ['双骑龙村儿童信息档案（一人一档）', '公式测试', PLIGHT_ID, '农村留守儿童、困境儿童（家庭困境）', '13912345678', '-1 天没吃饭', '儿童主任（签字）']) expect(text).toContain(s);
    expect(text).not.toMatch(/\{[#/]?[a-zA-Z]+\}/);
    const [row] = await sql<{ n: number }>("SELECT COUNT(*) n FROM audit_log WHERE action = 'form.child_file' AND target_id = ?", [String(plightChildId)]);
    expect(Number(row.n)).toBe(1);
    expect((await t.request('GET', `/api/forms/child/${plightChildId}/docx`, { token: tok.zhuren01 })).status).toBe(200);
    const other = await t.login('zhuren02');
    expect((await t.request('GET', `/api/forms/child/${plightChildId}/docx`, { token: other })).status).toBe(404);
    expect((await t.request('GET', '/api/forms/child/abc/docx', { token: tok.dudao })).status).toBe(400);
  });
});

describe('附件7 转介记录表', () => {
  it('is filled from the referral, audited, and refused to a director and outside scope', async () => {
    const [ref] = await sql<{ id: number }>('SELECT id FROM case_referrals WHERE case_id = ?', [referredCaseId]);
    const [kase] = await sql<{ code: string }>('SELECT code FROM cases WHERE id = ?', [referredCaseId]);
    const file = await fetch(`${t.baseUrl}/api/forms/cases/${referredCaseId}/referrals/${ref.id}/docx`, { headers: { authorization: `Bearer ${tok.dudao}` } });
    expect(file.status).toBe(200);
    const { default: PizZip } = await import('pizzip');
    const text = new PizZip(Buffer.from(await file.arrayBuffer())).file('word/document.xml')!.asText().replace(/<[^>]+>/g, '');
    for (const s of ['未成年人保护服务转介记录表', kase.code, REFERRAL.unit, REFERRAL.unitAddress, REFERRAL.contactName, REFERRAL.contactPhone, REFERRAL.reason, REFERRAL.followUpPlan, '填写人姓名', '公安机关']) expect(text).toContain(s);
    expect(text).not.toMatch(/\{[#/]?[a-zA-Z]+\}/);
    const [row] = await sql<{ n: number }>("SELECT COUNT(*) n FROM audit_log WHERE action = 'form.referral'");
    expect(Number(row.n)).toBe(1);
    expect((await t.request('GET', `/api/forms/cases/${referredCaseId}/referrals/999999/docx`, { token: tok.dudao })).status).toBe(404);
    expect([403, 404]).toContain((await t.request('GET', `/api/forms/cases/${referredCaseId}/referrals/${ref.id}/docx`, { token: tok.zhuren01 })).status);
  });
});

describe('the date of the events for the reporting delay', () => {
  it('reads a picked date-time as a China calendar date, and a date named in older free text', () => {
    expect(occurredDate(cst('2026-05-18T00:30:00').toISOString())).toBe('2026-05-18');
    expect(occurredDate(cst('2026-05-10T23:59:00').toISOString())).toBe('2026-05-10');
    expect(occurredDate('2026年5月18日晚上')).toBe('2026-05-18');
    expect(occurredDate('2026-05-10 晚上')).toBe('2026-05-10');
    expect(occurredDate('上周')).toBeNull();
    expect(occurredDate(undefined)).toBeNull();
  });
});

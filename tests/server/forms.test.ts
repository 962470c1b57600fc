import { ManualClock } from '../../server/src/lib/clock';
import { ASSESS_LOW, openCase, REFERRAL, step, tokens, type Tokens } from './casesFixtures';
import { childBody, cst, demoOrgs, visitBody } from './childrenFixtures';
import { startTestServer, type TestServer } from './harness';
import { sendReport } from './reportsFixtures';

let t: TestServer;
let tk: Tokens;
let orgs: Awaited<ReturnType<typeof demoOrgs>>;
let harmId = 0;
let helpId = 0;
let anonId = 0;
let caseId = 0;
let referralId = 0;
let childId = 0;
let otherTownshipToken = '';

const REPORTER = { name: '张老师', phone: '13800001234', identity: 'teacher' };
const HARM = {
  kind: 'harm',
  anonymous: false,
  account: '孩子连续三天带着伤来上学，说是爸爸喝酒后打的',
  place: '双骑龙村3组',
  occurredAt: cst('2026-05-10T21:05:00').toISOString(),
  situations: ['abuse_injuries'],
  child: { name: '刘小华', sex: 'female', age: 10, address: '双骑龙村3组12号', phone: '13700002222' },
  guardian: { name: '刘大军', relation: '父亲', phone: '13600003333' },
  perpetrator: { name: '刘大军', relation: '父亲', address: '双骑龙村3组12号' },
  childState: { physical: '手臂有淤青', mental: '害怕回家', behaviour: '上课走神', view: '不想再和爸爸住' },
  reporter: REPORTER,
};

async function sql<T = Record<string, unknown>>(q: string, args: unknown[] = []): Promise<T[]> {
  const [rows] = await t.runtime.database.pool.query(q, args);
  return rows as T[];
}

let ip = 0;
async function report(body: Record<string, unknown>): Promise<number> {
  ip += 1;
  const res = await sendReport(t, body, { ip: `10.77.0.${ip}` });
  if (res.status !== 201) throw new Error(`report failed: ${res.status} ${res.text}`);
  return res.body.id;
}

/** The text of a produced .docx (tags stripped), or the error answer. */
async function docx(path: string, token: string): Promise<{ status: number; text: string; name: string; pageBreaks: number }> {
  const res = await fetch(`${t.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) return { status: res.status, text: await res.text(), name: '', pageBreaks: 0 };
  const { default: PizZip } = await import('pizzip');
  const xml = new PizZip(Buffer.from(await res.arrayBuffer())).file('word/document.xml')!.asText();
  return {
    status: res.status,
    text: xml.replace(/<[^>]+>/g, ''),
    name: decodeURIComponent(res.headers.get('content-disposition') ?? ''),
    pageBreaks: (xml.match(/<w:br w:type="page"\/>/g) ?? []).length,
  };
}

const auditCount = async (action: string, targetId: number) =>
  Number((await sql<{ n: number }>('SELECT COUNT(*) n FROM audit_log WHERE action = ? AND target_id = ?', [action, String(targetId)]))[0].n);

beforeAll(async () => {
  t = await startTestServer({ clock: new ManualClock(cst('2026-05-20T10:00:00')) });
  orgs = await demoOrgs(t);
  tk = await tokens(t);
  const village = orgs.villages['双骑龙村'];
  harmId = await report({ ...HARM, orgId: village });
  helpId = await report({
    kind: 'help',
    anonymous: false,
    orgId: village,
    account: '我家孩子在学校被高年级同学勒索欺负',
    child: { name: '王小明', sex: 'male', age: 12 },
    reporter: { name: '王母亲', phone: '13500004444', identity: 'guardian' },
  });
  anonId = await report({ kind: 'harm', anonymous: true, orgId: village, account: '邻居家的孩子经常被打，晚上哭得很厉害' });

  const child = await t.request('POST', '/api/children', { token: tk.dudao, body: childBody({ orgId: village, name: '刘小华', dob: '2016-02-03' }) });
  expect(child.status).toBe(201);
  childId = child.body.id;
  expect((await t.request('POST', '/api/visits', { token: tk.dudao, body: visitBody(childId, cst('2026-05-19T15:00:00'), { findings: '孩子情绪稳定，已回校' }) })).status).toBe(201);

  caseId = await openCase(t, tk.dudao, harmId);
  expect((await step(t, tk.dudao, caseId, 'assess', ASSESS_LOW)).status).toBe(200);
  expect((await step(t, tk.dudao, caseId, 'support', { services: ['family_education'], details: '监护指导一次' })).status).toBe(200);
  const ref = await step(t, tk.dudao, caseId, 'refer', REFERRAL);
  expect(ref.status).toBe(200);
  referralId = ref.body.referrals[0].id;

  const s = t.runtime.services;
  const county = (await s.org.all()).find((o) => o.level === 'county')!;
  const other = await s.org.create({ parentId: county.id, level: 'township', name: '西彭镇' });
  await s.auth.createStaff({ username: 'forms_xipeng', password: 'Demo@2026', name: '外镇督导', role: 'supervisor', orgId: other.id });
  otherTownshipToken = await t.login('forms_xipeng');
}, 120_000);
afterAll(() => t.close());

describe('附件6 强制报告登记表 from a report of harm', () => {
  it('is filled field for field, with the reporter named for the receiving station, and audited', async () => {
    const f = await docx(`/api/forms/reports/${harmId}/docx`, tk.dudao);
    expect(f.status).toBe(200);
    expect(f.name).toContain(`强制报告登记表_${harmId}.docx`);
    for (const s of [
      '未成年人保护强制报告登记表',
      '☑公开',
      '张老师',
      '13800001234',
      '☑学校老师',
      '☑微信',
      '2026年5月10日 21时05分',
      '刘小华',
      '双骑龙村3组12号',
      '13700002222',
      '刘大军',
      HARM.account,
      '手臂有淤青',
      '害怕回家',
      '上课走神',
      '不想再和爸爸住',
      '填写人',
      '填写日期',
      '2026年5月20日',
    ])
      expect(f.text).toContain(s);
    expect(f.text).not.toMatch(/\{[#/]?[a-zA-Z]+\}/);
    expect(await auditCount('form.report', harmId)).toBe(1);
  });

  it('hides the reporter from a county administrator (may read the report, not who made it)', async () => {
    const f = await docx(`/api/forms/reports/${harmId}/docx`, tk.admin);
    expect(f.status).toBe(200);
    expect(f.text).toContain('（已隐去）');
    expect(f.text).not.toContain('张老师');
    expect(f.text).not.toContain('13800001234');
    expect(f.text).toContain('刘小华');
    const json = await t.request('GET', `/api/forms/reports/${harmId}`, { token: tk.admin });
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ form: 'harm', formNo: '附件6', reporterName: '（已隐去）', reporterPhone: '（已隐去）', reporterHidden: true });
  });

  it('prints 匿名 for an anonymous report, for everyone', async () => {
    const json = await t.request('GET', `/api/forms/reports/${anonId}`, { token: tk.dudao });
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ reporterName: '匿名', reporterHidden: false });
    expect(json.body.disclosureBoxes).toContain('☑匿名');
  });

  it('answers the fields as JSON for the print page, named for the station head; audited as a form read', async () => {
    const before = await auditCount('form.report', harmId);
    const json = await t.request('GET', `/api/forms/reports/${harmId}`, { token: tk.zhanzhang });
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ form: 'harm', title: '未成年人保护强制报告登记表', reporterName: '张老师', reporterPhone: '13800001234', childName: '刘小华', physical: '手臂有淤青' });
    expect(await auditCount('form.report', harmId)).toBe(before + 1);
  });

  it('is refused outside the township (404), to roles that do not read reports, and on a bad id (400)', async () => {
    expect((await t.request('GET', `/api/forms/reports/${harmId}/docx`, { token: otherTownshipToken })).status).toBe(404);
    expect((await t.request('GET', `/api/forms/reports/${harmId}`, { token: otherTownshipToken })).status).toBe(404);
    expect((await t.request('GET', '/api/forms/reports/999999', { token: tk.dudao })).status).toBe(404);
    expect([403, 404]).toContain((await t.request('GET', `/api/forms/reports/${harmId}`, { token: tk.zhuren01 })).status);
    expect([403, 404]).toContain((await t.request('GET', `/api/forms/reports/${harmId}`, { token: tk.shegong })).status);
    expect((await t.request('GET', '/api/forms/reports/abc/docx', { token: tk.dudao })).status).toBe(400);
  });
});

describe('附件5 求助登记表 from a help request', () => {
  it('is the help form, with the requester as its filler only for those who may see them', async () => {
    const f = await docx(`/api/forms/reports/${helpId}/docx`, tk.dudao);
    expect(f.status).toBe(200);
    for (const s of ['未成年人疑似伤害事件求助登记表', '王小明', '我家孩子在学校被高年级同学勒索欺负', '王母亲', '填写人', '填写日期']) expect(f.text).toContain(s);
    expect(f.text).not.toContain('强制报告登记表');
    expect(f.text).not.toMatch(/\{[#/]?[a-zA-Z]+\}/);
    const masked = await docx(`/api/forms/reports/${helpId}/docx`, tk.admin);
    expect(masked.text).not.toContain('王母亲');
    expect(masked.text).toContain('（已隐去）');
  });
});

describe('print-page JSON of 附件7 and the child file', () => {
  it('answers the referral fields, audited; 404 outside scope', async () => {
    const res = await t.request('GET', `/api/forms/cases/${caseId}/referrals/${referralId}`, { token: tk.dudao });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ unit: REFERRAL.unit, contactName: REFERRAL.contactName, reason: REFERRAL.reason, filler: '陈思远' });
    expect(await auditCount('form.referral', caseId)).toBe(1);
    expect((await t.request('GET', `/api/forms/cases/${caseId}/referrals/${referralId}`, { token: otherTownshipToken })).status).toBe(404);
  });

  it('answers the child file fields with the visits, audited; 404 outside scope', async () => {
    const res = await t.request('GET', `/api/forms/child/${childId}`, { token: tk.zhuren01 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '刘小华', orgName: '双骑龙村' });
    expect(res.body.visits[0].findings).toBe('孩子情绪稳定，已回校');
    expect(await auditCount('form.child_file', childId)).toBe(1);
    expect((await t.request('GET', `/api/forms/child/${childId}`, { token: tk.zhuren02 })).status).toBe(404);
  });
});

describe('组卷: the bundle of an archived case', () => {
  it('is refused while the case is open, saying why (409, in Chinese)', async () => {
    const res = await t.request('GET', `/api/forms/cases/${caseId}/bundle`, { token: tk.dudao });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('归档');
  });

  it('is 404 outside the township, also before archiving', async () => {
    expect((await t.request('GET', `/api/forms/cases/${caseId}/bundle`, { token: otherTownshipToken })).status).toBe(404);
    expect((await t.request('GET', '/api/forms/cases/999999/bundle', { token: tk.dudao })).status).toBe(404);
  });

  it('gives one .docx of the archived case: 附件6, 附件7 per referral, the chronology and the visits, audited', async () => {
    expect((await step(t, tk.dudao, caseId, 'referral_update', { referralId, action: 'accept' })).status).toBe(200);
    const done = await step(t, tk.dudao, caseId, 'referral_update', { referralId, action: 'done', outcome: '派出所已训诫家长', policeOutcome: 'warning_letter' });
    expect(done.status).toBe(200);
    const fu = await step(t, tk.dudao, caseId, 'follow_up', {
      visitedAt: t.clock.now().toISOString(),
      method: 'home',
      recovery: '伤情已愈合',
      repeatHarmRisk: 'low',
      placement: 'home_school',
      findings: '回访时孩子已正常上学',
      planFinished: true,
    });
    expect(fu.status).toBe(200);
    const archived = await step(t, tk.dudao, caseId, 'archive', { summary: '经训诫和监护指导，孩子安全，结案', outcomeForReporter: '您反映的情况已处理' });
    expect(archived.status).toBe(200);
    const code: string = archived.body.code;

    const f = await docx(`/api/forms/cases/${caseId}/bundle`, tk.dudao);
    expect(f.status).toBe(200);
    expect(f.name).toContain(`个案卷宗_${code}.docx`);
    for (const s of [
      '个案卷宗',
      code,
      '未成年人保护强制报告登记表',
      '张老师',
      '手臂有淤青',
      '未成年人保护服务转介记录表',
      REFERRAL.unit,
      REFERRAL.followUpPlan,
      '派出所已训诫家长',
      '办理经过',
      '危机评估',
      '结案归档',
      '经训诫和监护指导，孩子安全，结案',
      '走访与回访',
      '回访时孩子已正常上学',
    ])
      expect(f.text).toContain(s);
    expect(f.text).not.toMatch(/\{[#/]?[a-zA-Z]+\}/);
    expect(f.pageBreaks).toBeGreaterThanOrEqual(3);
    expect(await auditCount('form.case_bundle', caseId)).toBe(1);

    const masked = await docx(`/api/forms/cases/${caseId}/bundle`, tk.admin);
    expect(masked.status).toBe(200);
    expect(masked.text).not.toContain('张老师');
    expect(masked.text).toContain('（已隐去）');
    expect((await t.request('GET', `/api/forms/cases/${caseId}/bundle`, { token: otherTownshipToken })).status).toBe(404);
  });
});

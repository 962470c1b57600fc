/**
 * Every page of the app (the list in miniapp/src/app.config.ts), opened in the H5 build at phone size
 * (390×844) as the role that can see it, with real data behind it: every visible text at least
 * 14 px with a contrast of at least 4.5:1 against what is behind it, every tap target at least
 * 44×44 px (text links inside a sentence excepted), and every field box focusing its field when
 * tapped at its lower edge. A page added to app.config.ts without an entry here fails the test.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/harness';
import { ASSESS_HIGH, ASSESS_LOW, openCase, REFERRAL, step } from '../server/casesFixtures';
import { minimalReport, sendReport, villageIds } from '../server/reportsFixtures';
import { audit, tapFieldsAtLowerEdge, type Violation } from './audit';
import { collectPageErrors, launchBrowser, newPhonePage } from './browser';
import { clearSession, open, settled, shot, storeSession } from './h5';

const H5_INDEX = path.resolve(__dirname, '../../miniapp/dist/h5/index.html');

type Who = 'anyone' | 'guardian' | 'zhuren01' | 'dudao' | 'zhanzhang' | 'admin';
interface Visit {
  page: string;
  who: Who;
  query?: string;
  /** What to do before auditing (unfold a section, open a picker…). */
  prepare?: (page: Page) => Promise<void>;
  /** A name for the screenshot when one page is visited in several states. */
  state?: string;
}

let server: TestServer;
let browser: Browser;
let page: Page;
let pageErrors: string[];
const sessions: Partial<Record<Who, unknown>> = {};
const ids: Record<string, number> = {};

/** The pages of app.config.ts, main package and subpackages ("pages/index/index", "staff/pages/…"). */
function appPages(): string[] {
  (globalThis as { defineAppConfig?: (c: unknown) => unknown }).defineAppConfig = (c) => c;
  const config = require('../../miniapp/src/app.config.ts').default as { pages: string[]; subPackages: { root: string; pages: string[] }[] };
  return [...config.pages, ...config.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
}

beforeAll(async () => {
  if (!existsSync(H5_INDEX)) throw new Error(`${H5_INDEX} is missing: run \`npm run build:h5\` first`);
  server = await startTestServer();
  const orgs = await villageIds(server);
  const village = orgs.villages['双骑龙村'];

  // A guardian (signed in with WeChat: the stand-in turns the code into an openid) with a question,
  // an application and a named report.
  const guardian = (await server.request('POST', '/api/auth/wechat', { body: { code: 'audit-guardian' } })).body;
  sessions.guardian = guardian;
  const g = guardian.accessToken as string;
  const policies = await server.request('GET', '/api/policies?limit=100');
  const policy = policies.body.items.find((p: { canApply: boolean }) => p.canApply);
  ids.policy = policy.id;
  ids.consultation = (await server.request('POST', '/api/consultations', { token: g, body: { orgId: village, topic: 'education', question: '孩子上初中住校，有什么补助？' } })).body.id;
  ids.application = (
    await server.request('POST', '/api/applications', {
      token: g,
      body: { policyId: policy.id, orgId: village, child: { name: '王小雨', sex: 'female', age: 11 }, applicant: { name: '王德明', phone: '13800000001', relation: 'grandparent' } },
    })
  ).body.id;
  ids.myReport = (await sendReport(server, minimalReport(village, { anonymous: false, reporter: { name: '王德明' } }), { token: g })).body.id;

  // The station: one report becomes a case (assessed high risk), another waits for triage.
  const dudao = await server.request('POST', '/api/auth/login', { body: { username: 'dudao', password: 'Demo@2026' } });
  sessions.dudao = dudao.body;
  const d = dudao.body.accessToken as string;
  const harm = await sendReport(server, minimalReport(village, { account: '邻居家的孩子小军经常被打，晚上哭得很厉害', child: { name: '小军', sex: 'male', age: 8 } }));
  ids.case = await openCase(server, d, harm.body.id, { category: 'harm', villageId: village, child: { name: '小军', age: 8 } });
  ids.caseReport = harm.body.id;
  expect((await step(server, d, ids.case, 'assess', ASSESS_HIGH)).status).toBe(200);
  ids.untriaged = (await sendReport(server, minimalReport(village, { account: '村口小卖部旁边的孩子没人管，天天在外面' }))).body.id;
  // A second case with a referral, for the printed 附件7.
  const referred = await sendReport(server, minimalReport(village, { account: '孩子父亲酒后打骂孩子，需要公安机关处理' }));
  ids.referredCase = await openCase(server, d, referred.body.id, { category: 'harm', villageId: village, child: { name: '小兰', age: 10 } });
  expect((await step(server, d, ids.referredCase, 'assess', ASSESS_LOW)).status).toBe(200);
  expect((await step(server, d, ids.referredCase, 'support', { services: ['family_education'], details: '监护指导一次' })).status).toBe(200);
  ids.referral = (await step(server, d, ids.referredCase, 'refer', REFERRAL)).body.referrals[0].id;
  const staffAnswer = await server.request('POST', `/api/consultations/${ids.consultation}/messages`, { token: d, body: { body: '可以申请寄宿生生活费补助，请向学校提出申请。' } });
  expect(staffAnswer.status).toBe(201);

  // The village director of 双骑龙村, with the demo children, tasks and visits.
  const zhuren = await server.request('POST', '/api/auth/login', { body: { username: 'zhuren01', password: 'Demo@2026' } });
  sessions.zhuren01 = zhuren.body;
  const z = zhuren.body.accessToken as string;
  const tasks = (await server.request('GET', '/api/tasks/mine', { token: z })).body.items as { id: number; childId: number | null; kind: string }[];
  const visitTask = tasks.find((t) => t.childId && t.kind.includes('visit'))!;
  ids.task = visitTask.id;
  ids.child = visitTask.childId!;
  ids.visit = (await server.request('GET', `/api/children/${ids.child}/visits`, { token: z })).body.items[0].id;

  // The station head and the county admin, for the administration pages.
  for (const who of ['zhanzhang', 'admin'] as const) sessions[who] = (await server.request('POST', '/api/auth/login', { body: { username: who, password: 'Demo@2026' } })).body;
  const head = (sessions.zhanzhang as { accessToken: string }).accessToken;
  ids.director = (await server.request('GET', '/api/staff?role=director&limit=1', { token: head })).body.items[0].id;

  browser = await launchBrowser();
  page = await newPhonePage(browser);
  pageErrors = collectPageErrors(page);
  await page.goto(server.baseUrl + '/');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const unfoldMore = async (p: Page) => {
  await p.getByTestId('more').click();
  await p.getByText('孩子的情况').first().waitFor();
};

/** Every page, as who can see it; some pages twice, in two states. */
function visits(): Visit[] {
  return [
    { page: 'pages/index/index', who: 'anyone' },
    { page: 'pages/index/index', who: 'guardian', state: 'signed-in' },
    { page: 'pages/login/index', who: 'anyone' },
    { page: 'pages/report/index', who: 'anyone', prepare: unfoldMore },
    { page: 'pages/report/index', who: 'anyone', state: 'invalid', prepare: async (p) => p.getByTestId('submit-report').click() },
    { page: 'pages/report/index', who: 'dudao', state: 'staff-entry', prepare: unfoldMore },
    { page: 'pages/help/index', who: 'anyone', prepare: unfoldMore },
    { page: 'pages/policy/index', who: 'anyone' },
    { page: 'pages/policy/search', who: 'anyone', query: `q=${encodeURIComponent('上学')}` },
    { page: 'pages/policy/article', who: 'anyone', query: `id=${ids.policy}` },
    { page: 'pages/consult/ask', who: 'anyone' },
    { page: 'pages/consult/ask', who: 'anyone', state: 'anonymous', prepare: async (p) => p.getByTestId('ask-anonymously').click() },
    { page: 'pages/consult/ask', who: 'guardian', state: 'signed-in' },
    { page: 'pages/consult/mine', who: 'anyone' },
    { page: 'pages/consult/mine', who: 'guardian', state: 'signed-in' },
    { page: 'pages/consult/detail', who: 'guardian', query: `id=${ids.consultation}` },
    { page: 'pages/apply/index', who: 'guardian', query: `policyId=${ids.policy}` },
    { page: 'pages/apply/mine', who: 'guardian' },
    { page: 'pages/apply/detail', who: 'guardian', query: `id=${ids.application}` },
    { page: 'pages/receipt/index', who: 'anyone' },
    { page: 'pages/my-reports/index', who: 'anyone' },
    { page: 'pages/my-reports/index', who: 'guardian', state: 'signed-in' },
    { page: 'pages/my-reports/detail', who: 'guardian', query: `id=${ids.myReport}` },
    { page: 'pages/not-found/index', who: 'anyone' },
    { page: 'staff/pages/workbench/index', who: 'dudao' },
    { page: 'staff/pages/workbench/index', who: 'zhuren01', state: 'director' },
    { page: 'staff/pages/reports/index', who: 'dudao' },
    { page: 'staff/pages/reports/detail', who: 'dudao', query: `id=${ids.caseReport}` },
    { page: 'staff/pages/tasks/index', who: 'zhuren01' },
    { page: 'staff/pages/tasks/detail', who: 'zhuren01', query: `id=${ids.task}` },
    { page: 'staff/pages/visit/new', who: 'zhuren01', query: `childId=${ids.child}&taskId=${ids.task}` },
    {
      page: 'staff/pages/visit/new',
      who: 'zhuren01',
      query: `childId=${ids.child}&taskId=${ids.task}`,
      state: 'date-picker',
      prepare: async (p) => {
        await p.getByTestId('visited-at-date').click();
        await p.locator('.weui-picker').first().waitFor({ state: 'visible' });
        await p.waitForTimeout(400);
      },
    },
    { page: 'staff/pages/visit/detail', who: 'zhuren01', query: `id=${ids.visit}` },
    { page: 'staff/pages/child/detail', who: 'zhuren01', query: `id=${ids.child}` },
    { page: 'staff/pages/child/edit', who: 'zhuren01', query: `id=${ids.child}` },
    { page: 'staff/pages/child/edit', who: 'dudao', state: 'new' },
    { page: 'staff/pages/child/history', who: 'zhuren01', query: `id=${ids.child}` },
    { page: 'staff/pages/children/index', who: 'dudao' },
    { page: 'staff/pages/children/list', who: 'zhuren01' },
    { page: 'staff/pages/intake/index', who: 'dudao' },
    { page: 'staff/pages/intake/triage', who: 'dudao', query: `id=${ids.untriaged}` },
    { page: 'staff/pages/case/list', who: 'dudao' },
    { page: 'staff/pages/case/index', who: 'dudao', query: `id=${ids.case}` },
    { page: 'staff/pages/case/index', who: 'zhuren01', query: `id=${ids.case}`, state: 'director' },
    ...['assess', 'police_call', 'intervene', 'dispatch_task', 'refer', 'follow_up', 'conference', 'answer_reporter', 'note'].map(
      (s): Visit => ({ page: 'staff/pages/case/step', who: 'dudao', query: `id=${ids.case}&step=${s}`, state: s }),
    ),
    { page: 'staff/pages/consultations/index', who: 'dudao' },
    { page: 'staff/pages/consultations/detail', who: 'dudao', query: `id=${ids.consultation}` },
    { page: 'staff/pages/consultations/applications', who: 'dudao' },
    { page: 'staff/pages/consultations/application', who: 'dudao', query: `id=${ids.application}` },
    { page: 'staff/pages/consultations/policies', who: 'dudao' },
    { page: 'staff/pages/notifications/index', who: 'dudao' },
    { page: 'staff/pages/board/index', who: 'dudao' },
    { page: 'staff/pages/consultations/policy-edit', who: 'dudao' },
    { page: 'staff/pages/resources/index', who: 'dudao' },
    { page: 'staff/pages/child/detail', who: 'dudao', query: `id=${ids.child}`, state: 'supervisor' },
    { page: 'staff/pages/workbench/index', who: 'admin', state: 'county-admin' },
    { page: 'staff/pages/children/index', who: 'admin', state: 'county-admin' },
    { page: 'staff/pages/admin/password', who: 'dudao' },
    { page: 'staff/pages/admin/staff', who: 'zhanzhang' },
    { page: 'staff/pages/admin/staff-new', who: 'zhanzhang' },
    { page: 'staff/pages/admin/person', who: 'zhanzhang', query: `id=${ids.director}` },
    {
      page: 'staff/pages/admin/person',
      who: 'zhanzhang',
      query: `id=${ids.director}`,
      state: 'handover',
      prepare: async (p) => {
        await p.getByTestId('open-handover').click();
        await p.getByTestId('handover-card').waitFor();
      },
    },
    { page: 'staff/pages/admin/directors', who: 'zhanzhang' },
    { page: 'staff/pages/admin/audit', who: 'zhanzhang' },
    { page: 'staff/pages/admin/orgs', who: 'admin' },
    { page: 'staff/pages/admin/settings', who: 'admin' },
    { page: 'staff/pages/ledgers/index', who: 'dudao' },
    { page: 'staff/pages/ledgers/print', who: 'dudao', query: 'roster=plight' },
    { page: 'staff/pages/stats/index', who: 'dudao' },
    { page: 'staff/pages/stats/half-year', who: 'dudao', query: 'year=2026&half=2' },
    { page: 'staff/pages/forms/report', who: 'dudao', query: `id=${ids.caseReport}` },
    { page: 'staff/pages/forms/referral', who: 'dudao', query: `caseId=${ids.referredCase}&referralId=${ids.referral}` },
    { page: 'staff/pages/forms/child', who: 'zhuren01', query: `id=${ids.child}` },
  ];
}

describe('readability audit of every page at 390×844', () => {
  it('covers every page of app.config.ts', () => {
    const visited = new Set(visits().map((v) => v.page));
    expect(appPages().filter((p) => !visited.has(p))).toEqual([]);
    expect(appPages().length).toBeGreaterThan(35);
  });

  it('finds no text under 14 px, no contrast under 4.5:1, no tap target under 44 px, and every field box focuses', async () => {
    const report: string[] = [];
    for (const v of visits()) {
      await clearSession(page);
      if (v.who !== 'anyone') await storeSession(page, sessions[v.who]);
      await open(page, server.baseUrl, `/${v.page}${v.query ? `?${v.query}` : ''}`);
      await settled(page);
      if (v.prepare) {
        await v.prepare(page);
        await settled(page);
      }
      const name = `audit-${v.page.replace(/\//g, '_')}${v.state ? `-${v.state}` : ''}`;
      await shot(page, name, !v.state?.includes('picker'));
      const found: Violation[] = await audit(page);
      // Keep the session the app may have refreshed, so the next page does not present a spent refresh token.
      if (v.who !== 'anyone') sessions[v.who] = (await page.evaluate(() => JSON.parse(localStorage.getItem('wbt.session') ?? 'null')))?.data ?? sessions[v.who];
      for (const x of found) report.push(`${v.page}${v.state ? ` [${v.state}]` : ''}: ${x.rule} ${x.detail} — ${x.text}`);
      if (!v.state?.includes('picker')) {
        for (const tap of await tapFieldsAtLowerEdge(page)) {
          if (!tap.focused) report.push(`${v.page}${v.state ? ` [${v.state}]` : ''}: field not focused by a tap at the bottom of its box — ${tap.field} in ${tap.box}`);
        }
      }
    }
    expect(report).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 900_000);
});

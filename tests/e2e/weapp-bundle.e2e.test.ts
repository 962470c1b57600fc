/**
 * The real weapp build, run without WeChat DevTools: each page is loaded in a child Node process
 * with minimal WeChat globals (tests/e2e/support/weapp-smoke.cjs) and must render its content.
 * Needs miniapp/dist/weapp (npm run build:weapp).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const DIST = path.resolve(__dirname, '../../miniapp/dist/weapp');
const RUNNER = path.resolve(__dirname, 'support/weapp-smoke.cjs');

interface SmokeResult {
  appJson: { pages: string[]; __usePrivacyCheck__?: boolean; subPackages: { root: string; pages: string[] }[] };
  payloads: unknown[];
  calls: string[];
  errors: string[];
}

let tmp: string;
let runs = 0;

function openPage(route: string, fixtures: object = {}): SmokeResult & { rendered: string } {
  const file = path.join(tmp, `responses-${++runs}.json`);
  writeFileSync(file, JSON.stringify(fixtures));
  const out = execFileSync(process.execPath, [RUNNER, DIST, route, file], { encoding: 'utf8', timeout: 30_000 });
  const result = JSON.parse(out) as SmokeResult;
  return { ...result, rendered: JSON.stringify(result.payloads) };
}

const user = { id: 7, role: 'director', orgId: 12, name: '刘春梅' };

beforeAll(() => {
  if (!existsSync(path.join(DIST, 'app.json'))) throw new Error(`${DIST} is missing: run \`npm run build:weapp\` first`);
  tmp = mkdtempSync(path.join(os.tmpdir(), 'wbt-weapp-'));
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('weapp bundle', () => {
  it('declares the public pages, the staff subpackage and the privacy check', () => {
    const { appJson, errors, calls } = openPage('pages/index/index');
    expect(appJson.pages).toEqual(expect.arrayContaining(['pages/index/index', 'pages/login/index']));
    const staff = appJson.subPackages.find((p) => p.root === 'staff');
    expect(staff?.pages).toContain('pages/workbench/index');
    expect(appJson.__usePrivacyCheck__).toBe(true);
    expect(calls).toContain('onNeedPrivacyAuthorization');
    // An unknown page goes to the 404 page (H5 links; old mini-program paths).
    expect(calls).toContain('onPageNotFound');
    expect(errors).toEqual([]);
  });

  it('renders the home page with the four actions and the 110 call', () => {
    const { rendered, errors } = openPage('pages/index/index');
    for (const text of ['我要报告', '我要求助', '政策咨询', '查询进度', '立即拨打110', '工作人员登录']) {
      expect(rendered).toContain(text);
    }
    expect(errors).toEqual([]);
  });

  it('renders the login form (NutUI)', () => {
    const { rendered, errors } = openPage('pages/login/index');
    expect(rendered).toContain('请输入用户名');
    expect(rendered).toContain('nut-button');
    expect(errors).toEqual([]);
  });

  it('renders the workbench of the subpackage from GET /api/me', () => {
    const { rendered, errors, calls } = openPage('staff/pages/workbench/index', {
      storage: { 'wbt.session': { accessToken: 'a'.repeat(20), refreshToken: 'r'.repeat(20), user } },
      requests: { 'GET /api/me': { statusCode: 200, data: { user: { ...user, orgName: '双骑龙村' } } } },
    });
    expect(calls).toContain('request GET /api/me');
    for (const text of ['刘春梅', '儿童主任', '双骑龙村', '我的待办', '退出登录']) expect(rendered).toContain(text);
    expect(errors).toEqual([]);
  });
});

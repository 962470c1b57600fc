/**
 * End to end (H5 build in Chromium at 390×844, real server on a fresh MariaDB with the demo township):
 * the station head creates a child director from the workbench; the director signs in with the
 * initial password and is made to choose their own before anything else; the county admin's
 * workbench shows the county's tools.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { systemClock } from '../../server/src/lib/clock';
import { startTestServer, type TestServer } from '../server/harness';
import { collectPageErrors, launchBrowser, newPhonePage, PHONE_VIEWPORT, screenshot } from './browser';

const H5_INDEX = path.resolve(__dirname, '../../miniapp/dist/h5/index.html');
const INITIAL = 'Start-Jianshe-2026';
const OWN = 'My-own-lantern-77';

let server: TestServer;
let browser: Browser;
let page: Page;
let pageErrors: string[];

async function shot(p: Page, name: string): Promise<void> {
  await p.waitForTimeout(700);
  await screenshot(p, name);
}

async function signIn(p: Page, username: string, password: string): Promise<void> {
  await p.goto(server.baseUrl + '/#/pages/login/index');
  await p.locator('input[placeholder="请输入用户名"]').fill(username);
  await p.locator('input[placeholder="请输入密码"]').fill(password);
  await p.locator('.wbt-login__submit').click();
}

// Taro's H5 router may keep an earlier instance of the page hidden in the DOM: act on the one shown.
const visible = (p: Page, testid: string) => p.locator(`[data-testid="${testid}"]:visible`).first();
const typeInto = (p: Page, testid: string, value: string) => p.locator(`[data-testid="${testid}"] input:visible, input[data-testid="${testid}"]:visible`).first().fill(value);

beforeAll(async () => {
  if (!existsSync(H5_INDEX)) throw new Error(`${H5_INDEX} is missing: run \`npm run build:h5\` first`);
  server = await startTestServer({ clock: systemClock });
  browser = await launchBrowser();
  page = await newPhonePage(browser);
  pageErrors = collectPageErrors(page);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the station head creates a director, who must change the password at first sign-in', () => {
  it('creates the account from the workbench', async () => {
    await signIn(page, 'zhanzhang', 'Demo@2026');
    await page.getByTestId('menu-staff').waitFor({ timeout: 15_000 });
    await expect(page.getByTestId('menu-audit').count()).resolves.toBe(1);
    await expect(page.getByTestId('menu-orgs').count()).resolves.toBe(0);
    await shot(page, 'e2e-admin-1-head-workbench');

    await page.getByTestId('menu-staff').click();
    await page.getByTestId('staff-new').waitFor();
    await page.locator('[data-testid="staff-zhuren02"]').waitFor({ timeout: 15_000 });
    await shot(page, 'e2e-admin-2-staff-list');
    await page.getByTestId('staff-new').click();

    await page.getByTestId('new-org').getByText('建设村').waitFor({ timeout: 15_000 });
    await page.getByTestId('new-org').getByText('建设村').click();
    await typeInto(page, 'new-name', '周晓兰');
    await typeInto(page, 'new-username', 'zhuren_js2');
    await typeInto(page, 'new-password', INITIAL);
    await typeInto(page, 'new-phone', '13900001111');
    await typeInto(page, 'new-appointed', '2026-11-01');
    await page.getByTestId('new-submit').scrollIntoViewIfNeeded();
    await shot(page, 'e2e-admin-3-new-director');
    await page.getByTestId('new-submit').click();

    await page.getByTestId('person-username').waitFor({ timeout: 15_000 });
    await expect(page.getByTestId('person-username').textContent()).resolves.toBe('zhuren_js2');
    await expect(page.getByTestId('person-state').textContent()).resolves.toContain('待修改初始密码');
    await shot(page, 'e2e-admin-4-person');
  });

  it('lists the new director in the roster with the training clock', async () => {
    await page.goto(server.baseUrl + '/#/staff/pages/admin/directors');
    const row = page.getByTestId('director-zhuren_js2');
    await row.waitFor({ timeout: 15_000 });
    await expect(row.textContent()).resolves.toMatch(/建设村[\s\S]*下次培训应于 2027-02-01 前/);
    await shot(page, 'e2e-admin-5-roster');
  });

  it('the director signs in and must choose a new password before anything else', async () => {
    const context = await browser.newContext({ viewport: PHONE_VIEWPORT, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const dp = await context.newPage();
    const errors = collectPageErrors(dp);
    await signIn(dp, 'zhuren_js2', INITIAL);
    await dp.getByTestId('pw-submit').waitFor({ timeout: 15_000 });
    await expect(dp.getByText('请先设置新密码').count()).resolves.toBeGreaterThan(0);
    await shot(dp, 'e2e-admin-6-forced-change');

    // The workbench itself sends the director back while the password is still the initial one.
    await dp.goto(server.baseUrl + '/#/staff/pages/workbench/index');
    // The earlier password page stays in the DOM until the workbench's first answer relaunches it.
    await dp.waitForURL(/#\/staff\/pages\/admin\/password\?forced=1/, { timeout: 15_000 });
    await visible(dp, 'pw-submit').waitFor({ timeout: 15_000 });

    await typeInto(dp, 'pw-current', INITIAL);
    await typeInto(dp, 'pw-new', 'password123');
    await typeInto(dp, 'pw-again', 'password123');
    await visible(dp, 'pw-submit').click();
    await dp.locator('.wk-error').waitFor({ timeout: 15_000 });
    await shot(dp, 'e2e-admin-7-weak-refused');

    await typeInto(dp, 'pw-new', OWN);
    await typeInto(dp, 'pw-again', OWN);
    await visible(dp, 'pw-submit').click();
    await dp.getByTestId('me-role').waitFor({ timeout: 15_000 });
    await expect(dp.getByTestId('me-role').textContent()).resolves.toBe('儿童主任');
    await expect(dp.getByTestId('me-org').textContent()).resolves.toBe('建设村');
    await shot(dp, 'e2e-admin-8-director-workbench');
    expect(errors).toEqual([]);
    await context.close();

    const login = await server.request('POST', '/api/auth/login', { body: { username: 'zhuren_js2', password: OWN } });
    expect(login.body.user.mustChangePassword).toBe(false);
  });

  it('shows the station head the audit rows of the township', async () => {
    await page.goto(server.baseUrl + '/#/staff/pages/admin/audit');
    await page.locator('[data-testid^="audit-"]', { hasText: 'staff.create' }).first().waitFor({ timeout: 15_000 });
    await shot(page, 'e2e-admin-9-audit');
    expect(pageErrors).toEqual([]);
  });
});

describe('the county admin’s workbench', () => {
  it('shows the county tools and the county’s child-file overview (not “没有权限”)', async () => {
    const context = await browser.newContext({ viewport: PHONE_VIEWPORT, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const ap = await context.newPage();
    const errors = collectPageErrors(ap);
    await signIn(ap, 'admin', 'Demo@2026');
    await ap.getByTestId('menu-orgs').waitFor({ timeout: 15_000 });
    for (const id of ['menu-staff', 'menu-settings', 'menu-audit', 'menu-directors', 'menu-overview']) await expect(ap.getByTestId(id).count()).resolves.toBe(1);
    await shot(ap, 'e2e-admin-10-county-workbench');

    await ap.getByTestId('menu-overview').click();
    await ap.getByText('全县儿童档案概况').first().waitFor({ timeout: 15_000 });
    await ap.getByText('双骑龙村').first().waitFor({ timeout: 15_000 });
    await expect(ap.getByText('没有权限').count()).resolves.toBe(0);
    await shot(ap, 'e2e-admin-11-county-overview');

    await ap.goto(server.baseUrl + '/#/staff/pages/admin/orgs');
    await ap.getByText('铜罐驿镇').first().waitFor({ timeout: 15_000 });
    await shot(ap, 'e2e-admin-12-org-tree');
    await ap.goto(server.baseUrl + '/#/staff/pages/admin/settings');
    await ap.getByTestId('sla-save').waitFor({ timeout: 15_000 });
    await shot(ap, 'e2e-admin-13-settings');
    expect(errors).toEqual([]);
    await context.close();
  });
});

/**
 * End to end: the real server (fresh MariaDB, demo township, WeChat stand-in) serving the H5 build
 * of the mini-program, driven in headless Chromium. Needs miniapp/dist/h5 (npm run build:h5).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/harness';
import { collectPageErrors, launchBrowser, newPhonePage, screenshot } from './browser';

const H5_INDEX = path.resolve(__dirname, '../../miniapp/dist/h5/index.html');

let server: TestServer;
let browser: Browser;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  if (!existsSync(H5_INDEX)) throw new Error(`${H5_INDEX} is missing: run \`npm run build:h5\` first`);
  server = await startTestServer();
  browser = await launchBrowser();
  page = await newPhonePage(browser);
  pageErrors = collectPageErrors(page);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('H5 build: home page → staff sign-in → workbench', () => {
  it('shows the home page with the four actions and the 110 call', async () => {
    await page.goto(server.baseUrl + '/');
    await page.getByText('立即拨打110').waitFor();
    for (const action of ['我要报告', '我要求助', '政策咨询', '查询进度']) {
      await expect(page.getByText(action, { exact: true }).isVisible()).resolves.toBe(true);
    }
    await expect(page.getByText('孩子正处于危险中？').isVisible()).resolves.toBe(true);
    await screenshot(page, 'e2e-home');
  });

  it('signs in as the demo child director and shows the workbench', async () => {
    await page.getByText('工作人员登录').click();
    await page.locator('.wbt-login__submit').waitFor();
    await page.locator('input[placeholder="请输入用户名"]').fill('zhuren01');
    await page.locator('input[placeholder="请输入密码"]').fill('Demo@2026');
    await page.locator('.wbt-login__submit').click();

    await page.getByText('我的待办').waitFor({ timeout: 15_000 });
    await expect(page.getByTestId('me-role').textContent()).resolves.toBe('儿童主任');
    await expect(page.getByTestId('me-org').textContent()).resolves.toContain('双骑龙村');
    expect(page.url()).toContain('#/staff/pages/workbench/index');
    await screenshot(page, 'e2e-workbench');
    expect(pageErrors).toEqual([]);
  });
});

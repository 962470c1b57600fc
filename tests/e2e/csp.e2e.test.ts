/**
 * The H5 build under the server's Content-Security-Policy, in Chromium: every public page and the
 * staff pages load, a photo is picked and previewed, and not one policy violation is reported
 * (securitypolicyviolation events and console messages), with no page errors. Needs miniapp/dist/h5.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/harness';
import { jpegWithGps } from '../server/reportsFixtures';
import { collectPageErrors, launchBrowser, newPhonePage, screenshot } from './browser';

const H5_INDEX = path.resolve(__dirname, '../../miniapp/dist/h5/index.html');

let server: TestServer;
let browser: Browser;
let page: Page;
let pageErrors: string[];
const violations: string[] = [];

beforeAll(async () => {
  if (!existsSync(H5_INDEX)) throw new Error(`${H5_INDEX} is missing: run \`npm run build:h5\` first`);
  server = await startTestServer();
  browser = await launchBrowser();
  page = await newPhonePage(browser);
  pageErrors = collectPageErrors(page);
  await page.exposeFunction('__reportCspViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCspViolation(v: string): void }).__reportCspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(`console: ${msg.text()}`);
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const go = async (route: string, waitFor: string) => {
  await page.goto(`${server.baseUrl}/#${route}`);
  await page.reload(); // a fresh app: Taro H5 keeps earlier pages in the DOM
  await page.getByText(waitFor).first().waitFor({ timeout: 15_000 });
};

describe('the H5 build under its Content-Security-Policy', () => {
  it('serves the page with a policy that allows no inline script but its own', async () => {
    const res = await fetch(server.baseUrl + '/');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self' 'sha256-/);
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });

  it('loads the public pages and previews a picked photo with no violation', async () => {
    await go('/pages/index/index', '立即拨打110');
    // The root font size comes from the inline script the policy allows by hash.
    expect(await page.evaluate(() => document.documentElement.style.fontSize)).toMatch(/px$/);
    await go('/pages/policy/index', '查政策');
    await go('/pages/receipt/index', '请输入匿名报告或匿名提问时得到的16位回执码');
    await go('/pages/report/index', '孩子在哪个村？');
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('add-photo').click();
    await (await chooser).setFiles({ name: 'IMG_1.jpg', mimeType: 'image/jpeg', buffer: await jpegWithGps(400, 300) });
    await page.locator('.rp-photo img, .rp-photo .rp-photo__img').first().waitFor({ timeout: 15_000 });
    await page.waitForTimeout(500);
    await screenshot(page, 'csp-report-form');
    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('loads the staff pages with no violation', async () => {
    await page.goto(`${server.baseUrl}/#/pages/login/index`);
    await page.locator('.wbt-login__submit').waitFor();
    await page.locator('input[placeholder="请输入用户名"]').fill('dudao');
    await page.locator('input[placeholder="请输入密码"]').fill('Demo@2026');
    await page.locator('.wbt-login__submit').click();
    await page.getByText('我的待办').waitFor({ timeout: 15_000 });
    for (const route of ['/staff/pages/intake/index', '/staff/pages/case/list', '/staff/pages/children/index', '/staff/pages/consultations/index']) {
      await page.goto(`${server.baseUrl}/#${route}`);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
    }
    await screenshot(page, 'csp-staff');
    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

/**
 * End to end on the H5 build at phone size (390×844): field boxes that take a tap anywhere, an
 * invalid report that marks and scrolls to what is missing, a receipt code pasted with spaces and
 * dashes, a guardian signing in with a phone number and a one-time code to ask the station and
 * follow it in 我的咨询, an anonymous question answered by the station and read with its code,
 * the back and home controls, the 404 page and the favicon.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/harness';
import { tapFieldsAtLowerEdge } from './audit';
import { collectPageErrors, launchBrowser, newPhonePage } from './browser';
import { clearSession, open, settled, shot } from './h5';

const H5_INDEX = path.resolve(__dirname, '../../miniapp/dist/h5/index.html');
const PHONE = '13912345678';

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
  await page.goto(server.baseUrl + '/');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Whether an element is inside the visible part of the screen. */
const onScreen = (p: Page, selector: string) =>
  p.locator(selector).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
  });

describe('forms', () => {
  it('focuses every field of the report form when its box is tapped at the lower edge', async () => {
    await clearSession(page);
    await open(page, server.baseUrl, '/pages/report/index');
    await settled(page);
    await page.getByTestId('more').click();
    await page.getByText('孩子的情况').first().waitFor();
    const taps = await tapFieldsAtLowerEdge(page);
    expect(taps.length).toBeGreaterThan(15);
    expect(taps.filter((t) => !t.focused)).toEqual([]);
  });

  it('marks and scrolls to the first missing field of an invalid report, instead of a toast', async () => {
    await page.evaluate(() => localStorage.clear());
    await open(page, server.baseUrl, '/pages/report/index');
    await settled(page);
    // Scroll to the bottom and send nothing: the first missing field (the village) comes into view, marked.
    await page.getByTestId('submit-report').scrollIntoViewIfNeeded();
    await page.getByTestId('submit-report').click();
    await page.getByTestId('error-orgId').waitFor();
    await page.waitForTimeout(600);
    await expect(page.getByTestId('error-orgId').textContent()).resolves.toMatch(/请选择/);
    expect(await onScreen(page, '#fld-orgId')).toBe(true);
    await expect(page.locator('#fld-orgId').evaluate((el) => getComputedStyle(el).borderTopColor)).resolves.toBe('rgb(192, 39, 29)');
    await expect(page.getByTestId('error-account').textContent()).resolves.toMatch(/经过|请/);
    await expect(page.locator('#fld-account .wbt-box').evaluate((el) => getComputedStyle(el).borderTopColor)).resolves.toBe('rgb(192, 39, 29)');
    expect(await page.locator('.taro__toast, .weui-toast').count()).toBe(0);
    await shot(page, 'e2e-ux-report-invalid');

    // Picking the village clears its mark; the next send brings the account into view.
    await page.getByTestId('village-chips').getByText('双骑龙村').click();
    await expect(page.getByTestId('error-orgId').count()).resolves.toBe(0);
    await page.getByTestId('submit-report').click();
    await page.waitForTimeout(600);
    expect(await onScreen(page, '#fld-account')).toBe(true);
    await shot(page, 'e2e-ux-report-invalid-account');
  });

  it('accepts a pasted receipt code with spaces, dashes and lower case', async () => {
    const orgs = await server.request('GET', '/api/public/orgs');
    const village = orgs.body.townships[0].villages[0].id;
    const sent = await server.request('POST', '/api/reports', {
      body: { kind: 'harm', anonymous: true, orgId: village, account: '邻居家的孩子经常被打，晚上哭得很厉害' },
      headers: { 'idempotency-key': `ux-${Date.now()}` },
    });
    const code: string = sent.body.receiptCode;
    const pasted = ` ${code.slice(0, 4)} - ${code.slice(4, 8)}  ${code.slice(8, 12)}—${code.slice(12)} `.toLowerCase();
    await open(page, server.baseUrl, '/pages/receipt/index');
    await settled(page);
    await page.locator('[data-testid=receipt-input] input').fill(pasted);
    await expect(page.locator('[data-testid=receipt-input] input').inputValue()).resolves.toBe(`${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8, 12)}-${code.slice(12)}`);
    await page.getByTestId('receipt-open').click();
    await page.getByTestId('receipt-status').waitFor({ timeout: 15_000 });
    await shot(page, 'e2e-ux-receipt-pasted');
  });
});

describe('a guardian on H5 signs in with a phone number', () => {
  it('reaches 我的咨询 from the home page, signs in with the texted code, asks, and sees the question there', async () => {
    await clearSession(page);
    await open(page, server.baseUrl, '/pages/index/index');
    await settled(page);
    await page.getByTestId('home-mine').waitFor();
    await shot(page, 'e2e-ux-home-signed-out');
    await page.getByTestId('home-mine-consult').click();
    await page.getByTestId('phone-sign-in').waitFor();
    await page.locator('[data-testid=signin-phone] input').fill(PHONE);
    await page.getByTestId('signin-send-code').click();
    await page.getByText(/验证码已发到 139\*\*\*\*5678/).waitFor({ timeout: 15_000 });
    const code = server.sms.lastCodeFor(PHONE);
    expect(code).toMatch(/^\d{6}$/);
    await page.locator('[data-testid=signin-code] input').fill(code!);
    await shot(page, 'e2e-ux-phone-sign-in');
    await page.getByTestId('signin-submit').click();
    await page.getByText('您还没有提过问题。').waitFor({ timeout: 15_000 });

    await page.getByText('我要提问', { exact: true }).click();
    await page.getByText('您住在哪里').waitFor();
    await page.getByTestId('village-picker').getByText('建设村').click();
    await page.getByTestId('topic-picker').getByText('教育资助').click();
    await page.locator('[data-testid=question] textarea').fill('孙女今年上初一，父母在外打工，学校的营养餐要交钱吗？');
    await page.getByTestId('submit-question').click();
    await page.getByTestId('waiting-banner').waitFor({ timeout: 15_000 });

    await open(page, server.baseUrl, '/pages/index/index');
    await settled(page);
    await expect(page.getByTestId('home-mine').textContent()).resolves.toContain('已登录');
    await page.getByTestId('home-mine-consult').click();
    await page.getByTestId('my-consultation').first().waitFor({ timeout: 15_000 });
    await expect(page.getByTestId('my-consultation').first().textContent()).resolves.toContain('营养餐');
    await shot(page, 'e2e-ux-phone-mine');

    // The same account as a WeChat guardian's: a public user, whose list the API shows the same.
    const session = await page.evaluate(() => JSON.parse(localStorage.getItem('wbt.session')!).data);
    expect(session.user.role).toBe('public');
    const mine = await server.request('GET', '/api/my/consultations', { token: session.accessToken });
    expect(mine.body.items).toHaveLength(1);
    expect(pageErrors).toEqual([]);
  });

  it('offers 我的报告 and 我的申办 from the home page too', async () => {
    await open(page, server.baseUrl, '/pages/index/index');
    await settled(page);
    await page.getByTestId('home-mine-reports').click();
    await page.getByText('还没有实名报告', { exact: false }).waitFor({ timeout: 15_000 });
    await open(page, server.baseUrl, '/pages/index/index');
    await settled(page);
    await page.getByTestId('home-mine-apply').click();
    await page.getByText('还没有申办事项', { exact: false }).waitFor({ timeout: 15_000 });
  });
});

describe('an anonymous policy question', () => {
  it('is asked without signing in, answered by the station, and read with the receipt code', async () => {
    await clearSession(page);
    await open(page, server.baseUrl, '/pages/consult/ask');
    await settled(page);
    await page.getByTestId('ask-anonymously').click();
    await page.getByTestId('village-picker').getByText('观音桥村').click();
    await page.getByTestId('topic-picker').getByText('医疗救助与康复').click();
    await page.locator('[data-testid=question] textarea').fill('孩子住院花了很多钱，医保报销后还能申请救助吗？');
    await page.getByTestId('submit-question').click();
    await page.getByTestId('receipt-code').waitFor({ timeout: 15_000 });
    const shown = (await page.getByTestId('receipt-code').getAttribute('data-code'))!;
    expect(shown).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await shot(page, 'e2e-ux-anonymous-receipt');

    const staff = await server.login('dudao');
    const queue = await server.request('GET', '/api/consultations?status=waiting', { token: staff });
    const item = queue.body.items.find((c: { anonymous: boolean }) => c.anonymous);
    expect(item).toBeTruthy();
    const answer = '可以。医保报销后自付仍然较多的，可以向镇里申请医疗救助，带上住院发票和诊断证明。';
    expect((await server.request('POST', `/api/consultations/${item.id}/messages`, { token: staff, body: { body: answer } })).status).toBe(201);

    await page.getByTestId('go-receipt').click();
    await page.locator('[data-testid=receipt-input] input').waitFor();
    await page.locator('[data-testid=receipt-input] input').fill(shown.toLowerCase().replace(/-/g, ' '));
    await page.getByTestId('receipt-open').click();
    await page.getByTestId('receipt-consultation').waitFor({ timeout: 15_000 });
    await page.getByText(answer).waitFor();
    await shot(page, 'e2e-ux-anonymous-answer', true);
    expect(pageErrors).toEqual([]);
  });
});

describe('finding the way', () => {
  it('shows 首页 on a page opened directly, and 返回 once there is a page to go back to', async () => {
    await clearSession(page);
    await open(page, server.baseUrl, '/pages/policy/index');
    await settled(page);
    await page.getByTestId('nav-home').waitFor();
    expect(await page.getByTestId('nav-back').count()).toBe(0);
    await shot(page, 'e2e-ux-nav-home');
    await page.getByTestId('nav-home').click();
    await page.getByTestId('call-110').waitFor();
    expect(await page.getByTestId('nav-home').count()).toBe(0);

    await page.getByText('政策咨询', { exact: true }).click();
    await page.getByText('按类别看').waitFor();
    await settled(page);
    await expect(page.getByTestId('nav-back').last().isVisible()).resolves.toBe(true);
    await shot(page, 'e2e-ux-nav-back');
    await page.getByTestId('nav-back').last().click();
    await settled(page);
    await expect(page.getByTestId('call-110').last().isVisible()).resolves.toBe(true);
  });

  it('shows a 404 page for an unknown route, with the way home', async () => {
    await open(page, server.baseUrl, '/pages/no-such-page/index');
    await page.getByTestId('not-found').waitFor({ timeout: 15_000 });
    await expect(page.getByText('找不到这个页面').isVisible()).resolves.toBe(true);
    await shot(page, 'e2e-ux-404');
    await page.getByTestId('not-found-home').click();
    await page.getByTestId('call-110').waitFor();
  });

  it('serves a favicon', async () => {
    const ico = await fetch(`${server.baseUrl}/favicon.ico`);
    expect(ico.status).toBe(200);
    expect(Buffer.from(await ico.arrayBuffer()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
    const svg = await fetch(`${server.baseUrl}/favicon.svg`);
    expect(svg.status).toBe(200);
    await open(page, server.baseUrl, '/pages/index/index');
    await expect(page.locator('link[rel=icon]').first().getAttribute('href')).resolves.toBe('/favicon.ico');
  });
});

/**
 * End to end, guardian side (issue 7): in the H5 build at 390 px, a guardian searches "上学", opens an
 * article, asks the station a question; the station answers (through the API); the guardian reads the
 * answer in 我的咨询. Then the station's queue and answer page as staff see them.
 *
 * Signing in: the H5 build has no Taro.login, so the app cannot get a WeChat code there (in the
 * mini-program, ensureGuardian() calls Taro.login → POST /api/auth/wechat). The test does what the
 * mini-program would: it exchanges a code with the server (the WeChat stand-in turns any code into a
 * stable openid) and stores the returned session where the app keeps it (Taro storage key
 * "wbt.session", which H5 keeps in localStorage as {"data": …}).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import exifr from 'exifr';
import { startTestServer, type TestServer } from '../server/harness';
import { jpegWithGps } from '../server/reportsFixtures';
import { collectPageErrors, launchBrowser, newPhonePage, screenshot } from './browser';

const H5_INDEX = path.resolve(__dirname, '../../miniapp/dist/h5/index.html');

let server: TestServer;
let browser: Browser;
let page: Page;
let pageErrors: string[];
let consultationId: number;

async function storeSession(p: Page, tokens: unknown): Promise<void> {
  await p.evaluate((value) => localStorage.setItem('wbt.session', JSON.stringify({ data: value })), tokens);
}

/** Waits for Taro's page slide-in to finish, so screenshots show the page where it rests. */
async function settled(p: Page): Promise<void> {
  await p.waitForFunction(() => {
    const pages = document.querySelectorAll('.taro_page');
    const top = pages[pages.length - 1];
    return !!top && Math.abs(top.getBoundingClientRect().left) < 1;
  });
  await p.waitForTimeout(350);
}

async function shot(p: Page, name: string): Promise<void> {
  await settled(p);
  await screenshot(p, name);
}

/** Loads a route as a fresh document (a hash change alone may bring back a page still in Taro's stack). */
async function open(p: Page, route: string): Promise<void> {
  await p.goto(`${server.baseUrl}/?load=${Date.now()}#${route}`);
}

/** Font size in CSS px of the first element matching the selector. */
async function fontSize(p: Page, selector: string): Promise<number> {
  return p.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

beforeAll(async () => {
  if (!existsSync(H5_INDEX)) throw new Error(`${H5_INDEX} is missing: run \`npm run build:h5\` first`);
  server = await startTestServer();
  browser = await launchBrowser();
  page = await newPhonePage(browser);
  pageErrors = collectPageErrors(page);
  await page.goto(server.baseUrl + '/');
  const signIn = await server.request('POST', '/api/auth/wechat', { body: { code: 'e2e-guardian-code' } });
  expect(signIn.status).toBe(200);
  await storeSession(page, signIn.body);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a guardian finds a policy, asks, and reads the answer', () => {
  it('searches "上学" from the policy library and gets the schooling policies first', async () => {
    await open(page, '/pages/index/index');
    await page.getByText('政策咨询', { exact: true }).click();
    await page.getByText('按类别看').waitFor();
    await page.getByText('事实无人抚养儿童保障').waitFor();
    await shot(page, 'e2e-guardian-library');
    await page.locator('[data-testid=policy-search-input] input').fill('上学');
    await page.getByTestId('policy-search-button').click();
    await page.getByTestId('search-count').waitFor({ timeout: 15_000 });
    const titles = await page.locator('[data-testid=search-hit] .gd-card__title').allTextContents();
    expect(titles[0]).toBe('义务教育“两免一补”和营养餐');
    expect(titles.slice(0, 3)).toContain('学生资助（幼儿园到大学）');
    // Elder-friendly: result titles at least 20 px, body text at least 16 px on a 390 px screen.
    expect(await fontSize(page, '[data-testid=search-hit] .gd-card__title')).toBeGreaterThanOrEqual(20);
    expect(await fontSize(page, '[data-testid=search-hit] .gd-muted')).toBeGreaterThanOrEqual(16);
    await shot(page, 'e2e-guardian-search');
  });

  it('opens the article: who qualifies, what to bring, where to apply, the source', async () => {
    await page.locator('[data-testid=search-hit]').first().click();
    await page.getByTestId('article-title').waitFor();
    await expect(page.getByTestId('article-title').textContent()).resolves.toBe('义务教育“两免一补”和营养餐');
    for (const heading of ['谁可以申请', '要带什么材料', '到哪里办', '详细说明']) {
      await expect(page.getByText(heading, { exact: true }).isVisible()).resolves.toBe(true);
    }
    await expect(page.getByText(/政策依据：/).isVisible()).resolves.toBe(true);
    expect(await fontSize(page, '.gd-summary')).toBeGreaterThanOrEqual(18);
    await shot(page, 'e2e-guardian-article');
  });

  it('asks the station about it, picking the village', async () => {
    await page.getByTestId('ask-about-article').click();
    await page.getByText('您住在哪里').waitFor();
    await page.getByText(/您在问：义务教育/).waitFor();
    await page.getByTestId('village-picker').getByText('双骑龙村').click();
    await page.locator('[data-testid=question] textarea').fill('孙子在读初二，住校，父母在外打工，寄宿的生活费有补助吗？');
    await shot(page, 'e2e-guardian-ask');
    await page.getByTestId('submit-question').click();
    await page.getByTestId('waiting-banner').waitFor({ timeout: 15_000 });
    await expect(page.getByTestId('waiting-banner').textContent()).resolves.toMatch(/已交给铜罐驿镇未保站/);
    await expect(page.getByText('孙子在读初二，住校，父母在外打工，寄宿的生活费有补助吗？').isVisible()).resolves.toBe(true);
    consultationId = Number(new URL(page.url().split('#')[1], 'http://x').searchParams.get('id'));
    expect(consultationId).toBeGreaterThan(0);
    await shot(page, 'e2e-guardian-asked');
  });

  it('the station answers, and the guardian reads it in 我的咨询', async () => {
    const staff = await server.login('dudao');
    const queue = await server.request('GET', '/api/consultations?status=waiting', { token: staff });
    const item = queue.body.items.find((i: { id: number }) => i.id === consultationId);
    expect(item).toMatchObject({ villageName: '双骑龙村', topic: 'education', status: 'waiting' });
    const answer = '有的。家庭经济困难的寄宿生可以申请生活费补助，请让孩子向学校提出家庭经济困难学生认定申请。具体标准请咨询学校或镇未保站。';
    const res = await server.request('POST', `/api/consultations/${consultationId}/messages`, { token: staff, body: { body: answer } });
    expect(res.status).toBe(201);

    await open(page, '/pages/consult/mine');
    await page.getByTestId('my-consultation').first().waitFor({ timeout: 15_000 });
    await page.getByText('未保站已答复，点开查看').waitFor();
    await shot(page, 'e2e-guardian-mine');
    await page.getByTestId('my-consultation').first().click();
    await page.getByText(answer).waitFor({ timeout: 15_000 });
    await expect(page.getByText('铜罐驿镇未保站', { exact: false }).first().isVisible()).resolves.toBe(true);
    await shot(page, 'e2e-guardian-answer');
    expect(pageErrors).toEqual([]);
  });
});

describe('a guardian asks the station to help apply, with a photo, and follows the status', () => {
  it('fills the checklist form with a photo of a document and follows 需补充材料', async () => {
    const list = await server.request('GET', '/api/policies?limit=100');
    const policyId = list.body.items.find((p: { slug: string }) => p.slug === 'factual-unsupported-children').id;
    await open(page, `/pages/policy/article?id=${policyId}`);
    await page.getByTestId('apply-for-article').click();
    await page.getByText('准备材料', { exact: true }).waitFor();
    await page.getByTestId('village-picker').getByText('观音桥村').click();

    // A photo for item 2 (户口簿), through the browser's file chooser; GPS must not survive.
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('material-1').getByText('拍照/相册').click();
    await (await chooser).setFiles({ name: 'hukou.jpg', mimeType: 'image/jpeg', buffer: await jpegWithGps() });
    await page.locator('[data-testid=material-1] .gd-photo__img').waitFor({ timeout: 15_000 });

    await page.locator('[data-testid=child-name] input').fill('李小军');
    await page.getByText('男', { exact: true }).click();
    await page.locator('[data-testid=child-age] input').fill('10');
    await page.locator('[data-testid=applicant-name] input').fill('李秀英');
    await page.locator('[data-testid=applicant-phone] input').fill('13912340000');
    await page.getByText('祖父母/外祖父母', { exact: true }).click();
    await shot(page, 'e2e-guardian-apply-form');
    await page.getByTestId('submit-application').click();
    await page.getByTestId('application-steps').waitFor({ timeout: 15_000 });
    await shot(page, 'e2e-guardian-apply-submitted');
    const id = Number(new URL(page.url().split('#')[1], 'http://x').searchParams.get('id'));

    const staff = await server.login('shegong');
    const detail = await server.request('GET', `/api/applications/${id}`, { token: staff });
    expect(detail.body.child).toEqual({ name: '李小军', sex: 'male', age: 10 });
    expect(detail.body.materials[1].photos).toHaveLength(1);
    const photo = await fetch(`${server.baseUrl}/api/applications/${id}/photos/${detail.body.materials[1].photos[0].fileId}`, { headers: { authorization: `Bearer ${staff}` } });
    expect(await exifr.gps(Buffer.from(await photo.arrayBuffer()))).toBeUndefined();

    await server.request('POST', `/api/applications/${id}/status`, { token: staff, body: { status: 'need_more', missing: '请补充孩子母亲失联的派出所证明' } });
    await page.reload();
    await page.getByTestId('need-more').waitFor({ timeout: 15_000 });
    await expect(page.getByTestId('need-more').textContent()).resolves.toMatch(/派出所证明/);
    await shot(page, 'e2e-guardian-apply-need-more');
    expect(pageErrors).toEqual([]);
  });
});

describe('the station sees the queue and the thread', () => {
  let staffPage: Page;
  beforeAll(async () => {
    staffPage = await newPhonePage(browser);
    await staffPage.goto(server.baseUrl + '/');
    const login = await server.request('POST', '/api/auth/login', { body: { username: 'zhanzhang', password: 'Demo@2026' } });
    await storeSession(staffPage, login.body);
    // Another guardian's question, still waiting.
    const other = (await server.request('POST', '/api/auth/wechat', { body: { code: 'e2e-guardian-2' } })).body.accessToken;
    const orgs = (await server.request('GET', '/api/public/orgs')).body;
    await server.request('POST', '/api/consultations', {
      token: other,
      body: { orgId: orgs.townships[0].villages[3].id, topic: 'medical', question: '孩子住院花了很多钱，医保报销后还能申请救助吗？', contactPhone: '13800001234' },
    });
  });

  it('shows waiting questions by due time and the answer page with the conversion actions', async () => {
    const errors = collectPageErrors(staffPage);
    await open(staffPage, '/staff/pages/consultations/index');
    await staffPage.getByTestId('queue-item').first().waitFor({ timeout: 15_000 });
    await staffPage.getByText('孩子住院花了很多钱，医保报销后还能申请救助吗？').waitFor();
    await shot(staffPage, 'e2e-staff-consultation-queue');
    await staffPage.getByText('孩子住院花了很多钱，医保报销后还能申请救助吗？').click();
    await staffPage.getByTestId('send-answer').waitFor({ timeout: 15_000 });
    await staffPage.getByTestId('convert-case').waitFor();
    await expect(staffPage.getByText(/拨打监护人电话 13800001234/).isVisible()).resolves.toBe(true);
    await shot(staffPage, 'e2e-staff-consultation-answer');
    expect(errors).toEqual([]);
  });
});

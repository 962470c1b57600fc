/**
 * End to end (H5 build in Chromium at 390×844, real server, demo township): a reporter's new message
 * on an open case reaches the case owner's inbox (red badge, inbox, the thread in the case page);
 * the station head's workbench and overdue board show the seeded overdue work with the API's counts.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { systemClock } from '../../server/src/lib/clock';
import { startTestServer, type TestServer } from '../server/harness';
import { harmReport, openCase, villageIds } from '../server/casesFixtures';
import { collectPageErrors, launchBrowser, newPhonePage } from './browser';
import { open, shot, storeSession } from './h5';

const H5_INDEX = path.resolve(__dirname, '../../miniapp/dist/h5/index.html');
const DAY = 24 * 3_600_000;

let server: TestServer;
let browser: Browser;
let page: Page;
let pageErrors: string[];

async function signIn(username: string): Promise<{ accessToken: string }> {
  const res = await server.request('POST', '/api/auth/login', { body: { username, password: 'Demo@2026' } });
  expect(res.status).toBe(200);
  await storeSession(page, res.body);
  return res.body;
}

beforeAll(async () => {
  if (!existsSync(H5_INDEX)) throw new Error(`${H5_INDEX} is missing: run \`npm run build:h5\` first`);
  server = await startTestServer({ clock: systemClock });
  browser = await launchBrowser();
  page = await newPhonePage(browser);
  pageErrors = collectPageErrors(page);
  await page.goto(server.baseUrl + '/');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('nothing urgent goes unseen', () => {
  it('shows the case owner a reporter’s new message: red badge, inbox, and the thread in the case', async () => {
    const orgs = await villageIds(server);
    const dudao = await server.login('dudao');
    const r = await harmReport(server, orgs.villages['双骑龙村']);
    const caseId = await openCase(server, dudao, r.id);
    const sess = await server.request('POST', '/api/receipts/session', { body: { receiptCode: r.receiptCode } });
    const msg = await server.request('POST', '/api/receipts/messages', { body: { text: '补充：孩子今天没有去上学', attachments: [] }, headers: { 'x-receipt-token': sess.body.token } });
    expect(msg.status).toBe(201);

    const tokens = await signIn('dudao');
    const unread = (await server.request('GET', '/api/notifications/unread', { token: tokens.accessToken })).body.unread;
    expect(unread).toBeGreaterThan(0);
    await open(page, server.baseUrl, '/staff/pages/workbench/index');
    await page.getByTestId('inbox-badge').waitFor({ timeout: 15_000 });
    await expect(page.getByTestId('inbox-badge').textContent()).resolves.toBe(String(Math.min(unread, 99)));
    await shot(page, 'notify-workbench-badge');

    await page.getByTestId('inbox-entry').click();
    await page.getByText('报告人发来新消息').first().waitFor({ timeout: 10_000 });
    await shot(page, 'notify-inbox');

    await page.getByTestId('inbox-case.reporter_message').first().click();
    await page.getByTestId('case-thread').waitFor({ timeout: 10_000 });
    await page.getByText('补充：孩子今天没有去上学').waitFor();
    await expect(page.getByTestId('thread-new').count()).resolves.toBe(1);
    await page.getByTestId('case-thread').scrollIntoViewIfNeeded();
    await shot(page, 'notify-case-thread');
    // Opened: the inbox item is read.
    const after = await server.request('GET', '/api/notifications?limit=100', { token: tokens.accessToken });
    const item = after.body.items.find((n: { kind: string; link: string }) => n.kind === 'case.reporter_message' && n.link.endsWith(`id=${caseId}`));
    expect(item.read).toBe(true);
  });

  it('shows the station head the township’s overdue work with the same counts as the API', async () => {
    const orgs = await villageIds(server);
    const s = server.runtime.services;
    const now = Date.now();
    const seed = (kind: 'file_confirm' | 'periodic_visit', village: string, dueAt: number) =>
      server.runtime.deps.db.transaction((tx) =>
        s.tasks.create(tx, { kind, orgId: orgs.villages[village], title: '测试', reason: '测试', dueAt: new Date(dueAt), source: kind === 'file_confirm' ? 'file' : 'plan', notify: false }),
      );
    await seed('file_confirm', '建设村', now - 8 * DAY);
    for (const v of ['双骑龙村', '建设村', '观音桥村']) await seed('periodic_visit', v, now - 3 * DAY);
    await s.tasks.sweepOverdue();

    const tokens = await signIn('zhanzhang');
    const summary = (await server.request('GET', '/api/deadlines/summary', { token: tokens.accessToken })).body;
    const board = (await server.request('GET', '/api/deadlines/board', { token: tokens.accessToken })).body;
    const tasks = (await server.request('GET', '/api/tasks?overdue=true&limit=100', { token: tokens.accessToken })).body;
    expect(summary.overdue).toBeGreaterThanOrEqual(4);
    expect(board.overdue).toBe(summary.overdue);
    expect(tasks.counts.overdue).toBeLessThanOrEqual(summary.overdue);

    await open(page, server.baseUrl, '/staff/pages/workbench/index');
    await page.getByTestId('board-overdue-badge').waitFor({ timeout: 15_000 });
    await expect(page.getByTestId('board-overdue-badge').textContent()).resolves.toBe(String(summary.overdue));
    await expect(page.getByTestId('count-overdue').textContent()).resolves.toBe(String(summary.overdue));
    await shot(page, 'notify-head-workbench');

    await page.getByTestId('board-entry').click();
    await page.getByTestId('board-overdue').waitFor({ timeout: 10_000 });
    await expect(page.getByTestId('board-overdue').textContent()).resolves.toBe(String(board.overdue));
    await expect(page.getByTestId('board-due-soon').textContent()).resolves.toBe(String(board.dueSoon));
    await expect(page.locator('[data-testid^="board-item-"]').count()).resolves.toBe(board.items.length);
    await page.getByText('已超时8天').first().waitFor();
    expect(await page.getByTestId('board-escalation').count()).toBeGreaterThanOrEqual(4);
    await shot(page, 'notify-board', true);
    expect(pageErrors).toEqual([]);
  });
});

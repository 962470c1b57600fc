/**
 * End to end in Chromium on the H5 build: the supervisor works an anonymous harm report to the
 * archive; the village director sees the first visit due within 24 hours; the reporter reads 已办结
 * with the receipt code. Needs miniapp/dist/h5 (npm run build:h5).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/harness';
import { minimalReport, sendReport, villageIds } from '../server/reportsFixtures';
import { collectPageErrors, launchBrowser, newPhonePage, screenshot as rawScreenshot } from './browser';

const H5_INDEX = path.resolve(__dirname, '../../miniapp/dist/h5/index.html');
const HOUR = 3_600_000;

let server: TestServer;
let browser: Browser;
let sup: Page;
let errors: string[];
let reportId: number;
let receiptCode: string;
let reportedAt: Date;
let caseId: number;

beforeAll(async () => {
  if (!existsSync(H5_INDEX)) throw new Error(`${H5_INDEX} is missing: run \`npm run build:h5\` first`);
  server = await startTestServer();
  browser = await launchBrowser();
  sup = await newPhonePage(browser);
  errors = collectPageErrors(sup);
  const orgs = await villageIds(server);
  const res = await sendReport(
    server,
    minimalReport(orgs.villages['双骑龙村'], {
      account: '住在村口的孩子小军今天又被他爸爸用皮带打了，哭喊声很大，身上有伤',
      situations: [],
      child: { name: '小军', sex: 'male', age: 8 },
    }),
  );
  expect(res.status).toBe(201);
  reportId = res.body.id;
  receiptCode = res.body.receiptCode;
  reportedAt = new Date(res.body.receivedAt);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${server.baseUrl}/#/pages/login/index`);
  await page.locator('input[placeholder="请输入用户名"]').fill(username);
  await page.locator('input[placeholder="请输入密码"]').fill('Demo@2026');
  await page.locator('.wbt-login__submit').click();
  await page.getByText('我的待办').waitFor({ timeout: 15_000 });
}

/** Taro H5 slides a new page in: let the transition end before the picture is taken. */
async function screenshot(page: Page, name: string, top = false): Promise<void> {
  await page.waitForTimeout(600);
  if (top) {
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      document.querySelectorAll('.taro_page').forEach((el) => el.scrollTo(0, 0));
    });
    await page.waitForTimeout(200);
  }
  await rawScreenshot(page, name);
}
const go = (page: Page, route: string) => page.goto(`${server.baseUrl}/#${route}`);
const field = (page: Page, placeholder: string) => page.locator(`input[placeholder="${placeholder}"]`).first();
async function save(page: Page): Promise<void> {
  await page.getByTestId('step-submit').click();
  await page.getByTestId('case-code').waitFor({ timeout: 15_000 });
}
/** The case page reloads when it shows again after a step: wait for the new status rather than read the old one. */
async function statusIs(page: Page, label: string): Promise<void> {
  await page.locator('[data-testid=case-status]', { hasText: new RegExp(`^${label}$`) }).waitFor({ timeout: 15_000 });
}
async function act(page: Page, step: string): Promise<void> {
  await page.getByTestId(`action-${step}`).click();
  await page.getByTestId('step-submit').waitFor();
}

describe('a supervisor works an anonymous harm report to the archive', () => {
  it('shows the new report in the intake queue with its age and acknowledgement clock', async () => {
    await signIn(sup, 'dudao');
    await sup.getByTestId('go-intake').click();
    const item = sup.locator(`[data-report-id="${reportId}"]`);
    await item.waitFor({ timeout: 15_000 });
    await expect(item.textContent()).resolves.toContain('报告/检举');
    await expect(item.getByTestId('ack-badge').textContent()).resolves.toMatch(/受理时限剩余(23|24)小时/);
    await screenshot(sup, 'casework-1-intake');
  });

  it('triages it as a harm report and opens a case', async () => {
    await sup.locator(`[data-report-id="${reportId}"]`).click();
    await sup.getByTestId('triage-submit').waitFor();
    await expect(sup.getByTestId('report-account').textContent()).resolves.toContain('皮带');
    await screenshot(sup, 'casework-2-triage');
    await sup.getByTestId('triage-submit').click();
    await sup.getByTestId('case-code').waitFor({ timeout: 15_000 });
    await statusIs(sup, '待危机评估');
    caseId = Number(new URL(sup.url().replace('#', '')).searchParams.get('id'));
    expect(caseId).toBeGreaterThan(0);
  });

  it('assesses the crisis as high risk and serious harm: 强制干预, first visit due 24 h after the report', async () => {
    await act(sup, 'assess');
    await sup.getByTestId('assess-harm').getByText('是', { exact: true }).click();
    await sup.getByTestId('assess-serious').getByText('是', { exact: true }).click();
    await sup.getByTestId('assess-risk').getByText('高危').click();
    await sup.getByTestId('assess-reasons').locator('textarea').fill('孩子被父亲用皮带殴打，身上有伤，施害人仍同住');
    await screenshot(sup, 'casework-3-assess-form');
    await save(sup);
    await statusIs(sup, '强制干预');
    await expect(sup.getByTestId('clock-first_visit').textContent()).resolves.toMatch(/剩余(23|24)小时/);
    // The next stage of 附件4 is offered first.
    await expect(sup.getByTestId('case-actions').locator('.cs-action').first().textContent()).resolves.toBe('强制干预');
    await screenshot(sup, 'casework-3b-case-intervention', true);
  });

  it('records the 110 call', async () => {
    await act(sup, 'police_call');
    await field(sup, '例如：铜罐驿派出所').fill('铜罐驿派出所');
    await field(sup, '没有可不填').fill('JJ2026-0815');
    await save(sup);
    await sup.getByTestId('case-chronology').getByText('出警派出所：铜罐驿派出所').waitFor({ timeout: 15_000 });
  });

  it('dispatches the first home visit, proposed for the supervisor, to the village director', async () => {
    await act(sup, 'dispatch_task');
    // A serious case: the supervisor is proposed (seed 002 §5.2); here the director is picked instead.
    const supervisorChip = sup.getByTestId('dispatch-assignee').getByText('陈思远（儿童督导员）');
    await supervisorChip.waitFor({ timeout: 15_000 });
    await sup.getByTestId('dispatch-assignee').getByText('刘春梅（儿童主任）').click();
    await sup.getByTestId('dispatch-reason').locator('textarea').fill('入户核实孩子伤情与居住情况，必要时协助带离');
    await save(sup);
    const task = sup.getByTestId('case-task').first();
    await expect(task.textContent()).resolves.toContain('首次家访');
    await expect(task.textContent()).resolves.toContain('刘春梅');
    await screenshot(sup, 'casework-4-case-after-dispatch');
    const api = await server.request('GET', `/api/cases/${caseId}`, { token: await server.login('dudao') });
    const due = new Date(api.body.tasks[0].dueAt).getTime();
    expect(due - reportedAt.getTime()).toBe(24 * HOUR);
  });
});

describe('the village director', () => {
  it('signs in and sees the first visit due within 24 hours, without the reporter', async () => {
    const dir = await newPhonePage(browser);
    const dirErrors = collectPageErrors(dir);
    await signIn(dir, 'zhuren01');
    await go(dir, '/staff/pages/tasks/index');
    const api = await server.request('GET', '/api/tasks/mine', { token: await server.login('zhuren01') });
    const task = api.body.items.find((x: { caseId: number; kind: string }) => x.caseId === caseId && x.kind === 'first_visit');
    expect(task).toBeTruthy();
    const card = dir.getByTestId(`task-${task.id}`);
    await card.waitFor({ timeout: 15_000 });
    await expect(card.textContent()).resolves.toContain('首次家访');
    await screenshot(dir, 'casework-5-director-tasks');
    expect(new Date(task.dueAt).getTime() - server.clock.now().getTime()).toBeLessThanOrEqual(24 * HOUR);
    expect(new Date(task.dueAt).getTime()).toBeGreaterThan(server.clock.now().getTime());

    await go(dir, `/staff/pages/case/index?id=${caseId}`);
    await dir.getByTestId('director-tasks').waitFor({ timeout: 15_000 });
    await expect(dir.getByTestId('task-due').first().textContent()).resolves.toMatch(/剩余(23|24)小时/);
    const text = await dir.locator('body').textContent();
    expect(text).toContain('严重侵害，24小时内首次家访');
    expect(text).not.toContain('皮带'); // the account of events stays with the station
    await expect(dir.getByTestId('case-chronology').count()).resolves.toBe(0);
    await expect(dir.getByTestId('case-actions').count()).resolves.toBe(0);
    await screenshot(dir, 'casework-6-director-case');
    expect(dirErrors).toEqual([]);
    await dir.context().close();
  });
});

describe('referral and archive', () => {
  it('makes a referral with every field of 附件7 and records that it was accepted and done', async () => {
    await go(sup, `/staff/pages/case/index?id=${caseId}`);
    await sup.getByTestId('case-code').waitFor({ timeout: 15_000 });
    await act(sup, 'refer');
    await sup.getByTestId('refer-reason').locator('textarea').fill('孩子遭父亲用皮带殴打，需公安机关依法处置并出具告诫书');
    await sup.getByTestId('refer-unit-type').getByText('公安机关').click();
    await field(sup, '请输入转介接收单位').fill('铜罐驿派出所');
    await field(sup, '请输入单位地址').fill('九龙坡区铜罐驿镇正街1号');
    await field(sup, '请输入对接负责人姓名').fill('李警官');
    await field(sup, '手机或座机').fill('023-65000000');
    await sup.getByTestId('refer-plan').locator('textarea').fill('每周电话了解处理进展，一个月后入户回访');
    await screenshot(sup, 'casework-7-referral-form');
    await save(sup);
    await statusIs(sup, '跟踪转介');

    for (const [action, outcome] of [
      ['接收单位已接收', null],
      ['转介服务完成', '派出所已出具家庭暴力告诫书'],
    ] as const) {
      await sup.getByTestId('referral-update').click();
      await sup.getByTestId('referral-action').getByText(action).click();
      if (outcome) {
        await sup.getByTestId('police-outcome').getByText('出具告诫书').click();
        await sup.getByTestId('referral-outcome').locator('textarea').fill(outcome);
      }
      await save(sup);
    }
    await sup.getByTestId('case-referrals').getByText('已完成').first().waitFor({ timeout: 15_000 });
  });

  it('archives the case with the outcome for the reporter; the case becomes read-only', async () => {
    await act(sup, 'archive');
    await sup.getByTestId('archive-summary').locator('textarea').fill('孩子已由派出所介入保护，父亲受告诫，转介完成，结案归档');
    await sup.getByTestId('archive-outcome').locator('textarea').fill('您反映的情况已核实处理，孩子已得到保护。感谢您的报告。');
    await screenshot(sup, 'casework-8-archive-form');
    await save(sup);
    await statusIs(sup, '已归档');
    await expect(sup.getByTestId('case-actions').count()).resolves.toBe(0);
    await expect(sup.locator('.cs-readonly').textContent()).resolves.toContain('只读');
    await screenshot(sup, 'casework-9-archived', true);
    expect(errors).toEqual([]);
  });
});

describe('the anonymous reporter', () => {
  it('sees 已办结 and the outcome with the receipt code', async () => {
    const rep = await newPhonePage(browser);
    await rep.goto(`${server.baseUrl}/#/pages/receipt/index`);
    await rep.getByTestId('receipt-input').locator('input').fill(receiptCode);
    await rep.getByTestId('receipt-open').click();
    await rep.getByText('已办结').first().waitFor({ timeout: 15_000 });
    await expect(rep.locator('body').textContent()).resolves.toContain('孩子已得到保护');
    await screenshot(rep, 'casework-10-reporter-closed');
    await rep.context().close();
  });
});

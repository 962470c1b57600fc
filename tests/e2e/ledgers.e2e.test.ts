/**
 * End to end in Chromium on the H5 build: the station head downloads the 困境儿童名册 from the
 * ledgers page and the test opens the .xlsx; the statistics dashboard and the half-year report page
 * show the numbers counted straight from the tables. Needs miniapp/dist/h5 (npm run build:h5).
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { harmReport, villageIds } from '../server/casesFixtures';
import { startTestServer, type TestServer } from '../server/harness';
import { ARTIFACTS_DIR, collectPageErrors, launchBrowser, newPhonePage, screenshot as rawScreenshot } from './browser';

const H5_INDEX = path.resolve(__dirname, '../../miniapp/dist/h5/index.html');
const PLIGHT = ['plight_self', 'plight_family', 'plight_temporary'];

let server: TestServer;
let browser: Browser;
let page: Page;
let errors: string[];

async function sql<T = Record<string, unknown>>(q: string, args: unknown[] = []): Promise<T[]> {
  const [rows] = await server.runtime.database.pool.query(q, args);
  return rows as T[];
}

/** Names of the township's children on a category roster, decrypted here from the table rows. */
async function rosterNames(categories: string[], before?: Date): Promise<string[]> {
  const rows = await sql<{ identity_enc: string }>(
    `SELECT DISTINCT c.id, c.identity_enc FROM children c JOIN child_categories k ON k.child_id = c.id WHERE k.category IN (?) ${before ? 'AND c.created_at < ?' : ''}`,
    before ? [categories, before] : [categories],
  );
  return rows.map((r) => (JSON.parse(server.runtime.deps.crypto.decrypt(r.identity_enc)) as { name: string }).name);
}

async function screenshot(p: Page, name: string): Promise<void> {
  await p.waitForTimeout(600);
  await rawScreenshot(p, name);
}

beforeAll(async () => {
  if (!existsSync(H5_INDEX)) throw new Error(`${H5_INDEX} is missing: run \`npm run build:h5\` first`);
  server = await startTestServer();
  // Two reports this half-year, so that the report counts are not all zero.
  const orgs = await villageIds(server);
  await harmReport(server, orgs.villages['双骑龙村'], { occurredAt: new Date(Date.now() - 86_400_000).toISOString() });
  await harmReport(server, orgs.villages['建设村']);
  browser = await launchBrowser();
  page = await newPhonePage(browser);
  errors = collectPageErrors(page);
  await page.goto(`${server.baseUrl}/#/pages/login/index`);
  await page.locator('input[placeholder="请输入用户名"]').fill('zhanzhang');
  await page.locator('input[placeholder="请输入密码"]').fill('Demo@2026');
  await page.locator('.wbt-login__submit').click();
  await page.getByTestId('staff-menu').waitFor({ timeout: 15_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the station head’s rosters and statistics', () => {
  it('downloads the 困境儿童名册 as .xlsx with every child of the township, in full', async () => {
    await page.getByTestId('menu-ledgers').click();
    await page.getByTestId('download-plight').waitFor({ timeout: 15_000 });
    await screenshot(page, 'e2e-ledgers');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId('download-plight').click()]);
    expect(download.suggestedFilename()).toMatch(/^铜罐驿镇困境儿童名册_\d{8}\.xlsx$/);
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const file = path.join(ARTIFACTS_DIR, 'e2e-plight-roster.xlsx');
    await download.saveAs(file);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(1).value).toBe('铜罐驿镇困境儿童名册');
    const header = (ws.getRow(3).values as unknown[]).slice(1) as string[];
    expect(header.slice(0, 4)).toEqual(['序号', '所属村（社区）', '姓名', '性别']);
    const names: string[] = [];
    for (let r = 4; r <= ws.rowCount; r++) {
      const v = ws.getRow(r).getCell(header.indexOf('姓名') + 1).value;
      if (v !== null && v !== undefined) names.push(String(v));
    }
    const expected = await rosterNames(PLIGHT);
    expect(expected.length).toBeGreaterThan(0);
    expect(names.sort()).toEqual(expected.sort());
    // The station head sees names in full (no masking), and the export is in the audit log.
    expect(names.every((n) => !n.includes('*'))).toBe(true);
    const [audit] = await sql<{ n: number }>("SELECT COUNT(*) n FROM audit_log WHERE action = 'ledger.export' AND result = 'ok'");
    expect(Number(audit.n)).toBe(1);
  });

  it('prints the roster as a table with a row per child', async () => {
    await page.getByTestId('print-plight').click();
    await page.getByTestId('print-table').waitFor({ timeout: 15_000 });
    await expect(page.getByTestId('print-row').count()).resolves.toBe((await rosterNames(PLIGHT)).length);
    await expect(page.getByTestId('print-title').innerText()).resolves.toBe('铜罐驿镇困境儿童名册');
    await screenshot(page, 'e2e-ledger-print');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'e2e-ledger-print-media');
    await page.emulateMedia({ media: 'screen' });
  });

  it('shows the statistics dashboard with the rosters’ counts', async () => {
    await page.goto(`${server.baseUrl}/#/staff/pages/stats/index`);
    await page.getByTestId('kpi-plight').waitFor({ timeout: 15_000 });
    const plight = (await rosterNames(PLIGHT)).length;
    await expect(page.getByTestId('kpi-plight').innerText()).resolves.toContain(String(plight));
    await screenshot(page, 'e2e-stats');
  });

  it('renders the half-year report with the expected numbers', async () => {
    const year = new Date().getUTCFullYear();
    const half = new Date(Date.now() + 8 * 3600_000).getUTCMonth() >= 6 ? '2' : '1';
    await page.goto(`${server.baseUrl}/#/staff/pages/stats/half-year?year=${year}&half=${half}`);
    await page.getByTestId('half-year-report').waitFor({ timeout: 15_000 });
    const end = new Date(`${year}-${half === '1' ? '07-01' : '12-31'}T${half === '1' ? '00:00:00' : '23:59:59.999'}+08:00`);
    const plight = (await rosterNames(PLIGHT, end)).length;
    const leftBehind = (await rosterNames(['left_behind'], end)).length;
    await expect(page.getByTestId('half-year-title').innerText()).resolves.toBe(`${year}年${half === '1' ? '上' : '下'}半年工作情况报告`);
    await expect(page.getByTestId('hy-children').innerText()).resolves.toContain(`农村留守儿童${leftBehind}人，困境儿童${plight}人`);
    const from = new Date(`${year}-${half === '1' ? '01-01' : '07-01'}T00:00:00+08:00`);
    const [reports] = await sql<{ n: number }>('SELECT COUNT(*) n FROM reports WHERE received_at >= ? AND received_at <= ?', [from, end]);
    const [visits] = await sql<{ n: number }>('SELECT COUNT(*) n FROM visits WHERE visited_at >= ? AND visited_at <= ?', [from, end]);
    expect(Number(reports.n)).toBeGreaterThanOrEqual(2);
    await expect(page.getByTestId('hy-cases').innerText()).resolves.toContain(`求助${Number(reports.n)}件`);
    await expect(page.getByTestId('hy-visits').innerText()).resolves.toContain(`入户走访${Number(visits.n)}次`);
    await screenshot(page, 'e2e-half-year');
    expect(errors).toEqual([]);
  });
});

/** Driving the H5 build: sessions, fresh loads, waiting for Taro's page transition, screenshots. */
import type { Page } from 'playwright-core';
import { screenshot } from './browser';

/** Stores a session where the app keeps it (Taro storage key "wbt.session", which H5 keeps in localStorage as {"data": …}). */
export async function storeSession(page: Page, tokens: unknown): Promise<void> {
  await page.evaluate((value) => localStorage.setItem('wbt.session', JSON.stringify({ data: value })), tokens);
}

export async function clearSession(page: Page): Promise<void> {
  await page.evaluate(() => localStorage.removeItem('wbt.session'));
}

/** Loads a route as a fresh document (a hash change alone may bring back a page still in Taro's stack). */
export async function open(page: Page, baseUrl: string, route: string): Promise<void> {
  await page.goto(`${baseUrl}/?load=${Date.now()}#${route}`);
}

/** Waits for Taro's page slide-in to finish and the page's requests to settle. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const pages = document.querySelectorAll('.taro_page');
    const top = pages[pages.length - 1];
    return !!top && Math.abs(top.getBoundingClientRect().left) < 1;
  });
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForFunction(() => !document.body.innerText.includes('正在加载…'), undefined, { timeout: 10_000 }).catch(() => undefined);
  await page.waitForTimeout(300);
}

/** A screenshot of the page at rest (see artifacts/<name>.png); `full` takes the whole page. */
export async function shot(page: Page, name: string, full = false): Promise<string> {
  await settled(page);
  if (!full) return screenshot(page, name);
  // Taro's H5 pages scroll inside the page element, not the document.
  const height = await page.evaluate(() => Math.max(document.documentElement.scrollHeight, ...Array.from(document.querySelectorAll('.taro_page'), (e) => e.scrollHeight)));
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(height, size.height), 8000) });
  try {
    return await screenshot(page, name);
  } finally {
    await page.setViewportSize(size);
  }
}

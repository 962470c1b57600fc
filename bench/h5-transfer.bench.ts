/**
 * Bytes a phone browser downloads for the H5 app's home page: a first visit (empty cache) and a
 * repeat visit (same browser, new tab), measured in Chromium from the DevTools protocol's
 * encodedDataLength (bytes on the wire, headers included; 0 for what the cache served).
 *
 * Usage: npx tsx bench/h5-transfer.bench.ts <base URL of a running server>
 *        (npm run bench -- h5 starts a demo server on a free port itself)
 */
import { chromium, type BrowserContext } from 'playwright-core';
import { withBenchRuntime } from './lib/benchRuntime';
import { runBench } from './lib/measure';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Visit {
  requests: number;
  fromNetwork: number;
  bytes: number;
  statuses: Record<string, number>;
}

async function visit(context: BrowserContext, url: string): Promise<Visit> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const out: Visit = { requests: 0, fromNetwork: 0, bytes: 0, statuses: {} };
  const cached = new Set<string>();
  const urls = new Map<string, string>();
  cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string } }) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.requestServedFromCache', (e: { requestId: string }) => cached.add(e.requestId));
  cdp.on('Network.responseReceived', (e: { requestId: string; response: { status: number; fromDiskCache?: boolean; fromMemoryCache?: boolean } }) => {
    const key = e.response.fromDiskCache || e.response.fromMemoryCache ? 'cache' : String(e.response.status);
    if (process.env.VERBOSE) console.log(key, urls.get(e.requestId));
    out.statuses[key] = (out.statuses[key] ?? 0) + 1;
  });
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    out.requests += 1;
    if (!cached.has(e.requestId) && e.encodedDataLength > 0) out.fromNetwork += 1;
    out.bytes += e.encodedDataLength;
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.waitForTimeout(1500);
  await page.close();
  return out;
}

async function measure(base: string): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext();
    const first = await visit(context, `${base}/`);
    const repeat = await visit(context, `${base}/`);
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    for (const [name, v] of [
      ['first visit', first],
      ['repeat visit', repeat],
    ] as const)
      console.log(`${name}: ${kb(v.bytes)} over the network, ${v.requests} requests (${v.fromNetwork} with a body from the server; statuses ${JSON.stringify(v.statuses)})`);
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  if (process.argv[2]) return measure(process.argv[2].replace(/\/$/, ''));
  await withBenchRuntime('wbt_bench_h5', { seed: false }, async (runtime) => measure(await runtime.listen(0, '127.0.0.1')));
}

runBench(main);

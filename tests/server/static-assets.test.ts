/**
 * The H5 build is served compressed (precompressed brotli/gzip siblings from the build), hashed
 * files as immutable for a year, index.html revalidated (ETag / Last-Modified → 304).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startTestServer, type TestServer } from './harness';

const ROOT = path.resolve(__dirname, '../..');
const h5 = mkdtempSync(path.join(os.tmpdir(), 'wbt-h5-'));
const INDEX = `<!doctype html><html><head><meta charset="utf-8"><title>未保通</title><script src="/js/app.1a2b3c4d.js"></script></head><body>${'<div class="page">未保通 H5</div>'.repeat(40)}</body></html>`;
const APP_JS = `console.log(${JSON.stringify('未保通 '.repeat(400))});`;

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

let t: TestServer;
function raw(method: string, p: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${t.baseUrl}${p}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  mkdirSync(path.join(h5, 'js'));
  writeFileSync(path.join(h5, 'index.html'), INDEX);
  writeFileSync(path.join(h5, 'js/app.1a2b3c4d.js'), APP_JS);
  writeFileSync(path.join(h5, 'logo.png'), Buffer.alloc(2048, 7));
  // The build step that writes the .br and .gz siblings.
  execFileSync(process.execPath, [path.join(ROOT, 'miniapp/scripts/precompress.mjs'), h5]);
  t = await startTestServer({ env: { H5_DIR: h5 } });
});
afterAll(async () => {
  await t.close();
  rmSync(h5, { recursive: true, force: true });
});

describe('H5 static files', () => {
  it('sends brotli to a browser that accepts it, revalidated index.html with an ETag', async () => {
    const res = await raw('GET', '/', { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.headers.etag).toMatch(/^"[\w-]+-br"$/);
    expect(res.headers['last-modified']).toBeTruthy();
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(Buffer.byteLength(INDEX) / 3);
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(INDEX);
  });

  it('answers a repeat visit with 304 and no body (If-None-Match, or If-Modified-Since)', async () => {
    const first = await raw('GET', '/index.html', { 'accept-encoding': 'br' });
    const again = await raw('GET', '/index.html', { 'accept-encoding': 'br', 'if-none-match': first.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(first.headers.etag);
    const byDate = await raw('GET', '/', { 'if-modified-since': first.headers['last-modified']! });
    expect(byDate.status).toBe(304);
    const stale = await raw('GET', '/', { 'if-none-match': '"something-else"' });
    expect(stale.status).toBe(200);
  });

  it('serves a changed index.html in full to a client holding the old ETag', async () => {
    const old = await raw('GET', '/', { 'accept-encoding': 'gzip' });
    const file = path.join(h5, 'index.html');
    writeFileSync(file, INDEX.replace('未保通 H5', '未保通 新版'));
    const later = new Date(statSync(file).mtimeMs + 5000);
    utimesSync(file, later, later);
    try {
      // The siblings are now older than the file: the new index.html goes out uncompressed, never the stale copy.
      const res = await raw('GET', '/', { 'accept-encoding': 'gzip', 'if-none-match': old.headers.etag! });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.body.toString()).toContain('未保通 新版');
      expect(res.headers.etag).not.toBe(old.headers.etag);
    } finally {
      writeFileSync(file, INDEX);
      execFileSync(process.execPath, [path.join(ROOT, 'miniapp/scripts/precompress.mjs'), h5]);
    }
  });

  it('caches hashed assets as immutable for a year, gzip when brotli is refused', async () => {
    const res = await raw('GET', '/js/app.1a2b3c4d.js', { 'accept-encoding': 'br;q=0, gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(zlib.gunzipSync(res.body).toString()).toBe(APP_JS);
    expect(res.body.length).toBeLessThan(Buffer.byteLength(APP_JS) / 5);
  });

  it('sends the file as it is to a client without Accept-Encoding, and HEAD without a body', async () => {
    const plain = await raw('GET', '/js/app.1a2b3c4d.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(APP_JS);
    const head = await raw('HEAD', '/js/app.1a2b3c4d.js', { 'accept-encoding': 'br' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-encoding']).toBe('br');
    expect(Number(head.headers['content-length'])).toBe(statSync(path.join(h5, 'js/app.1a2b3c4d.js.br')).size);
  });

  it('serves no file outside the build, no sibling by its own name, and leaves /api/ alone', async () => {
    expect((await raw('GET', '/../package.json')).status).toBe(404);
    expect((await raw('GET', '/%2e%2e/package.json')).status).toBe(404);
    expect((await raw('GET', '/js/app.1a2b3c4d.js.br')).status).toBe(404);
    expect((await raw('GET', '/logo.png')).headers['cache-control']).toBe('no-cache');
    const api = await raw('GET', '/api/health');
    expect(api.headers['content-type']).toMatch(/json/);
  });
});

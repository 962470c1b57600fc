/**
 * The HTTP surface under odd requests: compressed bodies that are not what they say, methods the
 * API does not have, and the headers every response carries.
 */
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { startTestServer, type TestServer } from './harness';
import { jpegWithGps, minimalReport, sendReport, upload, villageIds } from './reportsFixtures';
import { rawRequest } from './serverProcess';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const login = JSON.stringify({ username: 'dudao', password: 'wrong-password' });

function post(body: Uint8Array | string, headers: Record<string, string>) {
  return t.request('POST', '/api/auth/login', { body, headers: { 'content-type': 'application/json', ...headers } });
}

/** A request fetch() refuses to send (TRACE), over a raw socket; parsed like t.request's answer. */
async function rawMethod(method: string, p: string) {
  const out = await rawRequest(t.baseUrl, `${method} ${p} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`);
  const [head, ...rest] = out.split('\r\n\r\n');
  const [statusLine, ...lines] = head.split('\r\n');
  const headers = new Headers(lines.map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()] as [string, string]));
  const text = rest.join('\r\n\r\n');
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: the shape assertion will say so
  }
  return { status: Number(statusLine.split(' ')[1]), headers, text, body };
}

function expectErrorShape(res: { status: number; body: any; text: string; headers: Headers }, status: number, code: string) {
  expect({ status: res.status, type: res.headers.get('content-type') }).toEqual({ status, type: expect.stringMatching(/^application\/json/) });
  expect(res.body).toEqual({ error: { code, message: expect.any(String), ...(res.body.error?.details ? { details: expect.any(Array) } : {}) } });
  expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  expect(res.text).not.toMatch(/at \S+\.(ts|js):\d+|node_modules|\/work\/|Error:/);
}

describe('request bodies with a Content-Encoding', () => {
  it.each(['gzip', 'deflate', 'br'])('%s declared, body not compressed → 400, no stack in the log', async (enc) => {
    const before = t.logs.length;
    const res = await post(login, { 'content-encoding': enc });
    expectErrorShape(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.message).toContain(`Content-Encoding: ${enc}`);
    const logged = t.logs.slice(before).join('\n');
    expect(logged).not.toMatch(/unhandled error|"stack"/);
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const)('a real %s body still works', async (enc, compress) => {
    const res = await post(compress(Buffer.from(login)), { 'content-encoding': enc });
    expect(res.status).toBe(401); // parsed, then the wrong password is refused
  });

  it('an unsupported encoding → 415', async () => {
    const res = await post(login, { 'content-encoding': 'compress' });
    expectErrorShape(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(res.body.error.message).toMatch(/Content-Encoding/);
  });

  it('a gzip bomb (10 MB of zeros in a few KB) → 413', async () => {
    const bomb = gzipSync(Buffer.concat([Buffer.from('{"username":"'), Buffer.alloc(10 * 1024 * 1024, 0x61), Buffer.from('"}')]));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const res = await post(bomb, { 'content-encoding': 'gzip' });
    expectErrorShape(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('a body shorter than its Content-Length → 400 in the one shape', async () => {
    const out = await rawRequest(t.baseUrl, `POST /api/auth/login HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n${login}`, { timeoutMs: 1500 });
    // Either the server waits for the rest (then closes on timeout) or answers 400: never a 5xx.
    expect(out).not.toMatch(/^HTTP\/1\.1 5/);
  });
});

describe('methods', () => {
  it('TRACE → 501 in the one JSON shape', async () => {
    for (const p of ['/api/health', '/api/reports', '/', '/api/no-such']) {
      expectErrorShape(await rawMethod('TRACE', p), 501, 'NOT_IMPLEMENTED');
    }
  });

  it('a method a route does not have → 405 in the one JSON shape, with Allow', async () => {
    const res = await t.request('DELETE', '/api/health');
    expectErrorShape(res, 405, 'METHOD_NOT_ALLOWED');
    expect(res.headers.get('allow')).toMatch(/GET/);
    expect(res.body.error.message).toMatch(/GET/);
  });

  it('a request the HTTP parser refuses → 400 in the one JSON shape', async () => {
    const out = await rawRequest(t.baseUrl, 'GET /api/health HTTP/1.1\r\nhost: x\r\nbad header line\r\n\r\n');
    expect(out).toMatch(/^HTTP\/1\.1 400/);
    const [head, body] = out.split('\r\n\r\n');
    expect(head).toMatch(/content-type: application\/json/i);
    expect(head).toMatch(/x-content-type-options: nosniff/i);
    expect(JSON.parse(body)).toEqual({ error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/请求/) } });
  });
});

describe('odd paths outside the API', () => {
  it('answer 4xx in the one shape (or the H5 page), never 5xx', async () => {
    for (const p of ['/%ZZ', '/%', '/..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd', `/${'a'.repeat(5000)}.js`, '/index.html%00.js', '/js/', '/.data/demo-secrets.json']) {
      const res = await rawMethod('GET', p);
      expect({ p, status: res.status < 500 }).toEqual({ p, status: true });
      if (res.status >= 400) expectErrorShape(res, res.status, res.body.error?.code);
      expect(res.text).not.toMatch(/JWT_SECRET|DATA_KEYS/);
    }
  });
});

describe('security headers on every response', () => {
  const expectHardened = (headers: Headers, what: string) => {
    const h = Object.fromEntries(['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'x-powered-by'].map((k) => [k, headers.get(k)]));
    expect({ what, ...h }).toEqual({
      what,
      'content-security-policy': expect.stringContaining("frame-ancestors 'none'"),
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'x-powered-by': null,
    });
  };

  it('API answers, errors and H5 files', async () => {
    const token = await t.login('dudao');
    const cases: [string, { headers: Headers }][] = [
      ['health', await t.request('GET', '/api/health')],
      ['signed-in list', await t.request('GET', '/api/reports', { token })],
      ['401', await t.request('GET', '/api/reports')],
      ['400', await t.request('POST', '/api/auth/login', { body: {} })],
      ['404 api', await t.request('GET', '/api/nope')],
      ['404 static', await t.request('GET', '/no-such-file.js')],
      ['405', await t.request('PUT', '/api/health')],
      ['501', await rawMethod('TRACE', '/api/health')],
      ['H5 index', await t.request('GET', '/')],
    ];
    for (const [what, res] of cases) expectHardened(res.headers, what);
    // API data is never kept by a cache.
    expect(cases[1][1].headers.get('cache-control')).toBe('no-store');
    // The API's own policy forbids everything; the H5 policy allows only this origin's scripts.
    expect(cases[0][1].headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const h5 = cases[8][1].headers.get('content-security-policy')!;
    expect(h5).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')*;/);
    expect(h5).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('a report photo read by staff is private, never cached, with a file name', async () => {
    const orgs = await villageIds(t);
    const up = await upload(t, await jpegWithGps(), 'p.jpg');
    const rep = await sendReport(t, minimalReport(orgs.villages['建设村'], { attachments: [{ fileId: up.body.fileId, ticket: up.body.ticket }] }));
    const token = await t.login('dudao');
    const res = await fetch(`${t.baseUrl}/api/reports/${rep.body.id}/files/${up.body.fileId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="photo-${up.body.fileId}.jpg"`);
    expectHardened(res.headers, 'photo');
    // A refused photo read carries no file name.
    const missing = await fetch(`${t.baseUrl}/api/reports/${rep.body.id}/files/00000000-0000-4000-8000-000000000000`, { headers: { authorization: `Bearer ${token}` } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-disposition')).toBeNull();
  });
});

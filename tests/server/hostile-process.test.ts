/**
 * Requests that once took the whole server process down (an 'error' event nobody listened to).
 * Each runs against a real server process; after each, the process must still be alive and answer.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { rawRequest, serverFixture, type ServerProcess } from './serverProcess';

const fixture = serverFixture('hostile');
let server: ServerProcess;

beforeAll(async () => {
  server = await fixture.start();
}, 120_000);
// A test that took the process down must not hide the next hole: each starts on a live server.
beforeEach(async () => {
  if (!server.alive()) server = await fixture.start();
}, 120_000);
afterAll(async () => {
  await server?.kill();
  await fixture.cleanup();
});

/** Every file under the upload folder (sealed photos and temporary files). */
function uploadFiles(): string[] {
  const dir = path.join(fixture.dataDir, 'uploads');
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

async function expectAlive(): Promise<void> {
  await new Promise((r) => setTimeout(r, 300)); // let a late 'error' event fire
  expect({ alive: server.alive(), output: server.alive() ? '' : server.output().slice(-2000) }).toEqual({ alive: true, output: '' });
  const res = await fetch(`${server.base}/api/health`);
  expect(res.status).toBe(200);
}

function multipartRequest(body: string, headers: Record<string, string> = {}): string {
  const head = {
    'content-type': 'multipart/form-data; boundary=b',
    'content-length': String(Buffer.byteLength(body, 'latin1')),
    connection: 'close',
    ...headers,
  };
  return `POST /api/uploads/images HTTP/1.1\r\nhost: x\r\n${Object.entries(head).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}`;
}

const FILE_PART_HEAD = '--b\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n';

describe('hostile uploads leave the server running and nothing on disk', () => {
  it('a file part with no closing boundary → 400', async () => {
    const res = await fetch(`${server.base}/api/uploads/images`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
      body: `${FILE_PART_HEAD}xx`,
    }).catch((err: Error) => err);
    expect(res).toBeInstanceOf(Response);
    const r = res as Response;
    expect(r.status).toBe(400);
    const body = await r.json();
    expect(body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/上传/) });
    expect(uploadFiles()).toEqual([]);
    await expectAlive();
  });

  it('a JPEG-looking file part cut off mid-way (no boundary, a few KB) → 400', async () => {
    const jpegStart = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(8000, 0x41)]).toString('latin1');
    const out = await rawRequest(server.base, multipartRequest(FILE_PART_HEAD + jpegStart));
    expect(out).toMatch(/^HTTP\/1\.1 400/);
    expect(uploadFiles()).toEqual([]);
    await expectAlive();
  });

  it('the client hangs up in the middle of a file part', async () => {
    const body = FILE_PART_HEAD + 'y'.repeat(50_000);
    // Declares more than it sends, then closes its side.
    const head = multipartRequest('', { 'content-length': String(body.length + 100_000) });
    await rawRequest(server.base, head + body, { endAfterWrite: true, timeoutMs: 1000 });
    expect(uploadFiles()).toEqual([]);
    await expectAlive();
  });

  it('two file parts, the second unterminated', async () => {
    const body = `${FILE_PART_HEAD}aaaa\r\n${FILE_PART_HEAD}bbbb`;
    const out = await rawRequest(server.base, multipartRequest(body));
    expect(out).toMatch(/^HTTP\/1\.1 4\d\d/);
    expect(uploadFiles()).toEqual([]);
    await expectAlive();
  });

  it('a field part with no closing boundary', async () => {
    const out = await rawRequest(server.base, multipartRequest('--b\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello'));
    expect(out).toMatch(/^HTTP\/1\.1 400/);
    await expectAlive();
  });

  it('a body compressed with a declared gzip encoding that is not gzip', async () => {
    const out = await rawRequest(server.base, multipartRequest(`${FILE_PART_HEAD}xx\r\n--b--\r\n`, { 'content-encoding': 'gzip' }));
    expect(out).toMatch(/^HTTP\/1\.1 4\d\d/);
    await expectAlive();
  });
});

import exifr from 'exifr';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { startTestServer, type TestServer } from './harness';
import { countRows, filesUnder, jpegWithGps, minimalReport, sendReport, upload, villageIds } from './reportsFixtures';

let t: TestServer;
let orgs: Awaited<ReturnType<typeof villageIds>>;
let dudao: string;

beforeAll(async () => {
  t = await startTestServer();
  orgs = await villageIds(t);
  dudao = await t.login('dudao');
});
afterAll(() => t.close());

/** Uploads, attaches to a fresh report and reads the photo back as the supervisor sees it. */
async function roundTrip(data: Buffer, filename: string) {
  const up = await upload(t, data, filename);
  expect(up.status).toBe(201);
  const rep = await sendReport(t, minimalReport(orgs.villages['建设村'], { attachments: [{ fileId: up.body.fileId, ticket: up.body.ticket }] }));
  expect(rep.status).toBe(201);
  const detail = await t.request('GET', `/api/reports/${rep.body.id}`, { token: dudao });
  expect(detail.body.photos).toHaveLength(1);
  const res = await fetch(`${t.baseUrl}/api/reports/${rep.body.id}/files/${up.body.fileId}`, { headers: { authorization: `Bearer ${dudao}` } });
  expect(res.status).toBe(200);
  return { served: Buffer.from(await res.arrayBuffer()), fileId: up.body.fileId as string, reportId: rep.body.id as number, contentType: res.headers.get('content-type') };
}

describe('photo uploads', () => {
  it('removes GPS, EXIF and XMP: the stored file, read back, has none', async () => {
    const original = await jpegWithGps();
    expect(await exifr.gps(original)).toMatchObject({ latitude: expect.closeTo(29.41, 2) });
    expect((await sharp(original).metadata()).xmp).toBeDefined();

    const { served, fileId, contentType } = await roundTrip(original, 'IMG_GPS.jpg');
    expect(contentType).toBe('image/jpeg');
    expect(await exifr.gps(served)).toBeUndefined();
    expect(await exifr.parse(served)).toBeUndefined();
    const meta = await sharp(served).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.width).toBe(320);
    expect(served.includes(Buffer.from('MarkerCam'))).toBe(false);
    expect(served.includes(Buffer.from('XMP-MARKER'))).toBe(false);

    // On disk: sealed (AES-GCM), not a JPEG, and it opens to exactly the served bytes.
    const row = (await t.runtime.database.pool.query('SELECT storage_key FROM files WHERE id = ?', [fileId]))[0] as { storage_key: string }[];
    const onDisk = readFileSync(path.join(t.config.uploadDir, row[0].storage_key));
    expect(onDisk.subarray(0, 64).includes(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);
    expect(t.runtime.deps.crypto.openFile(onDisk).equals(served)).toBe(true);
    // The upload folder is not served by the web server.
    expect(path.relative(t.config.h5Dir, t.config.uploadDir).startsWith('..')).toBe(true);
    const guess = await t.request('GET', `/${row[0].storage_key}`);
    expect(guess.status).toBe(404);
  });

  it('applies the EXIF orientation to the pixels before dropping it', async () => {
    const rotated = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#884422' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const { served } = await roundTrip(rotated, 'rot.jpg');
    const meta = await sharp(served).metadata();
    expect([meta.width, meta.height]).toEqual([100, 200]);
    expect(meta.orientation).toBeUndefined();
  });

  it('accepts PNG and WebP by content, re-encoded as JPEG', async () => {
    const png = await sharp({ create: { width: 50, height: 40, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } } }).png().toBuffer();
    const webp = await sharp({ create: { width: 60, height: 30, channels: 3, background: '#00ff00' } }).webp().toBuffer();
    for (const [data, name] of [[png, 'a.png'], [webp, 'b.webp']] as const) {
      const { served } = await roundTrip(data, name);
      expect((await sharp(served).metadata()).format).toBe('jpeg');
    }
    // The name does not matter: a PNG called .jpg is still accepted as a PNG.
    expect((await upload(t, png, 'misnamed.jpg')).status).toBe(201);
  });

  it('decodes HEIC (sharp’s prebuilt libvips cannot; heic-decode does) and strips its EXIF', async () => {
    const heic = readFileSync(path.join(__dirname, '../fixtures/gps.heic'));
    expect(heic.toString('latin1', 4, 12)).toBe('ftypheic');
    await expect(sharp(heic).jpeg().toBuffer()).rejects.toThrow(); // why the fallback exists
    const { served } = await roundTrip(heic, 'IMG_1234.HEIC');
    const meta = await sharp(served).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 64, height: 48 });
    expect(meta.exif).toBeUndefined();
    expect(served.includes(Buffer.from('MarkerCam'))).toBe(false);
  });

  it('answers 413 for a photo over 10 MB and leaves nothing on disk or in the table', async () => {
    const before = { disk: filesUnder(t.dataDir), rows: await countRows(t, 'files') };
    const big = Buffer.concat([await jpegWithGps(), Buffer.alloc(10 * 1024 * 1024, 0x42)]);
    const res = await upload(t, big, 'big.jpg');
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(res.body.error.message).toMatch(/10MB/);
    expect(filesUnder(t.dataDir)).toEqual(before.disk);
    expect(await countRows(t, 'files')).toBe(before.rows);
    // The server still answers normally afterwards.
    expect((await upload(t, await jpegWithGps(), 'ok.jpg')).status).toBe(201);
  });

  it('answers 413 when the declared length is already too large, without reading the body', async () => {
    const before = filesUnder(t.dataDir);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(11 * 1024 * 1024)], { type: 'image/jpeg' }), 'x.jpg');
    const res = await t.request('POST', '/api/uploads/images', { body: form });
    expect(res.status).toBe(413);
    expect(filesUnder(t.dataDir)).toEqual(before);
  });

  it('answers 415 for files that are not photos whatever their name, leaving nothing behind', async () => {
    const before = { disk: filesUnder(t.dataDir), rows: await countRows(t, 'files') };
    const cases: [Buffer, string][] = [
      [Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n'), 'scan.jpg'],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), 'pic.png'],
      [Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 'anim.gif'],
      [Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 0x11)]), 'broken.jpg'],
    ];
    for (const [data, name] of cases) {
      const res = await upload(t, data, name);
      expect(res.status).toBe(415);
      expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(res.body.error.message).toMatch(/照片/);
    }
    const notMultipart = await t.request('POST', '/api/uploads/images', { body: { file: 'x' } });
    expect(notMultipart.status).toBe(415);
    expect(filesUnder(t.dataDir)).toEqual(before.disk);
    expect(await countRows(t, 'files')).toBe(before.rows);
  });

  it('refuses an upload without a file, and a claim with a wrong ticket', async () => {
    const empty = new FormData();
    empty.append('note', 'no file');
    expect((await t.request('POST', '/api/uploads/images', { body: empty })).status).toBe(400);
    const up = await upload(t, await jpegWithGps(), 'p.jpg');
    const before = await countRows(t, 'reports');
    const bad = await sendReport(t, minimalReport(orgs.villages['建设村'], { attachments: [{ fileId: up.body.fileId, ticket: 'x'.repeat(32) }] }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/照片已失效/);
    expect(await countRows(t, 'reports')).toBe(before); // the whole report rolled back with its claim
    const tooMany = Array.from({ length: 10 }, () => ({ fileId: up.body.fileId, ticket: up.body.ticket }));
    const over = await sendReport(t, minimalReport(orgs.villages['建设村'], { attachments: tooMany }));
    expect(over.status).toBe(400);
    expect(over.body.error.message).toMatch(/最多9张/);
  });

  it('serves a report’s photo only to staff who may read that report', async () => {
    const { fileId, reportId } = await roundTrip(await jpegWithGps(), 'scoped.jpg');
    const director = await t.login('zhuren02');
    expect((await t.request('GET', `/api/reports/${reportId}/files/${fileId}`, { token: director })).status).toBe(403);
    expect((await t.request('GET', `/api/reports/${reportId}/files/${fileId}`)).status).toBe(401);
    // A file id under another report's URL is not found.
    const other = await sendReport(t, minimalReport(orgs.villages['建设村']));
    expect((await t.request('GET', `/api/reports/${other.body.id}/files/${fileId}`, { token: dudao })).status).toBe(404);
  });

  it('removes uploads that were never claimed within a day', async () => {
    const up = await upload(t, await jpegWithGps(), 'never-sent.jpg');
    const clock = t.clock as import('../../server/src/lib/clock').ManualClock;
    clock.advance(24 * 3600 * 1000);
    const removed = await t.runtime.services.files.sweepPending();
    expect(removed).toBeGreaterThanOrEqual(1);
    expect(await t.runtime.services.files.meta(up.body.fileId)).toBeUndefined();
  });
});

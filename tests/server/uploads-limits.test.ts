/**
 * Photo uploads under attack: images whose header declares more pixels than any camera makes are
 * refused from the header alone (nothing decoded, no memory spike), image work is bounded, and
 * uploads nobody claimed are gone from disk and database within 24 hours.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { ManualClock } from '../../server/src/lib/clock';
import { backgroundJobs } from '../../server/src/modules';
import { PENDING_TTL_MS } from '../../server/src/modules/files/files.service';
import { startTestServer, type TestServer } from './harness';
import { countRows, filesUnder, minimalReport, sendReport, upload, villageIds } from './reportsFixtures';

let t: TestServer;
let clock: ManualClock;

beforeAll(async () => {
  clock = new ManualClock(new Date('2026-03-02T02:00:00Z'));
  t = await startTestServer({ clock });
});
afterAll(() => t.close());

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A real small PNG whose IHDR is rewritten to declare width×height (CRC fixed): a few hundred bytes. */
async function pngDeclaring(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#123456' } }).png().toBuffer());
  // signature (8) + length (4) + "IHDR" (4) → width at 16, height at 20; CRC over type+data at 29.
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

/** A real small JPEG whose SOF0 declares width×height. */
async function jpegDeclaring(width: number, height: number): Promise<Buffer> {
  const jpg = Buffer.from(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#654321' } }).jpeg({ mozjpeg: false }).toBuffer());
  const sof = jpg.indexOf(Buffer.from([0xff, 0xc0]));
  expect(sof).toBeGreaterThan(0);
  jpg.writeUInt16BE(height, sof + 5);
  jpg.writeUInt16BE(width, sof + 7);
  return jpg;
}

/** A real small lossy WebP whose VP8 key frame declares width×height (14 bits each). */
async function webpDeclaring(width: number, height: number): Promise<Buffer> {
  const webp = Buffer.from(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#abcdef' } }).webp({ lossless: false }).toBuffer());
  const start = webp.indexOf(Buffer.from([0x9d, 0x01, 0x2a]));
  expect(start).toBeGreaterThan(0);
  webp.writeUInt16LE(width & 0x3fff, start + 3);
  webp.writeUInt16LE(height & 0x3fff, start + 5);
  return webp;
}

/** The HEIC fixture with every ispe box rewritten to declare width×height. */
function heicDeclaring(width: number, height: number): Buffer {
  const heic = Buffer.from(readFileSync(path.join(__dirname, '../fixtures/gps.heic')));
  let at = heic.indexOf('ispe');
  expect(at).toBeGreaterThan(0);
  while (at > 0) {
    heic.writeUInt32BE(width, at + 8);
    heic.writeUInt32BE(height, at + 12);
    at = heic.indexOf('ispe', at + 4);
  }
  return heic;
}

describe('images that declare too many pixels', () => {
  it('each is refused with 413 and a clear message before decoding: fast, no memory spike, nothing stored', async () => {
    const before = { disk: filesUnder(t.dataDir), rows: await countRows(t, 'files') };
    const bombs: [string, Buffer][] = [
      ['bomb.png', await pngDeclaring(20000, 20000)],
      ['bomb.jpg', await jpegDeclaring(60000, 60000)],
      ['bomb.webp', await webpDeclaring(16383, 16383)],
      ['bomb.heic', heicDeclaring(30000, 30000)],
    ];
    const rss0 = process.memoryUsage().rss;
    const timings: string[] = [];
    for (const [name, data] of bombs) {
      expect(data.length).toBeLessThan(8 * 1024);
      const started = performance.now();
      const res = await upload(t, data, name, { ip: `10.9.0.${bombs.findIndex((b) => b[0] === name) + 1}` });
      const ms = performance.now() - started;
      expect({ name, status: res.status, code: res.body.error?.code }).toEqual({ name, status: 413, code: 'PAYLOAD_TOO_LARGE' });
      expect(res.body.error.message).toMatch(/像素/);
      expect(res.body.error.details).toEqual([{ path: 'file', message: expect.any(String) }]);
      expect({ name, fast: ms < 2000 }).toEqual({ name, fast: true });
      timings.push(`${name} ${data.length} B → ${res.status} in ${Math.round(ms)} ms`);
    }
    const grownMb = (process.memoryUsage().rss - rss0) / 1024 / 1024;
    console.log(`decompression bombs: ${timings.join('; ')}; RSS grew ${grownMb.toFixed(1)} MB`);
    expect(grownMb).toBeLessThan(150);
    expect(filesUnder(t.dataDir)).toEqual(before.disk);
    expect(await countRows(t, 'files')).toBe(before.rows);
  });

  it('a real photo just under the bound is still accepted', async () => {
    const ok = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#336699' } }).jpeg().toBuffer();
    const res = await upload(t, ok, 'ok.jpg', { ip: '10.9.1.1' });
    expect(res.status).toBe(201);
    expect([res.body.width, res.body.height]).toEqual([3000, 2000]);
  });
});

describe('bounded image work', () => {
  it('decodes at most two photos at once and answers 503 + Retry-After when too many wait', async () => {
    const files = t.runtime.services.files;
    files.imageWork.peakActive = 0;
    // Noisy pixels so that each photo takes real work to decode, resize and encode.
    const raw = Buffer.alloc(1200 * 900 * 3);
    for (let i = 0; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 24;
    const photo = await sharp(raw, { raw: { width: 1200, height: 900, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => upload(t, photo, `c${i}.jpg`, { ip: `10.9.2.${i + 1}` })));
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 503)).toBe(true);
    const busy = results.filter((r) => r.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(files.imageWork.concurrency);
    for (const r of busy) {
      expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(r.body.error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/稍|再试/) });
    }
    expect(files.imageWork.peakActive).toBeLessThanOrEqual(2);
    // Once the rush is over, uploads go through again.
    expect((await upload(t, photo, 'after.jpg', { ip: '10.9.3.1' })).status).toBe(201);
  }, 120_000);
});

describe('unclaimed uploads', () => {
  it('are swept within 24 hours: the background sweep runs often enough for the time-to-live', () => {
    const job = backgroundJobs(t.runtime.services).find((j) => j.name === 'unclaimed-uploads')!;
    expect(PENDING_TTL_MS + job.everyMs).toBeLessThanOrEqual(24 * 3600_000);
  });

  it('an unclaimed upload older than 24 h leaves disk and database; a claimed one and a fresh one stay', async () => {
    const orgs = await villageIds(t);
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#ff0000' } }).png().toBuffer();
    const diskBefore = new Set(filesUnder(t.dataDir));
    const stale = await upload(t, png, 'stale.png', { ip: '10.9.4.1' });
    const claimed = await upload(t, png, 'claimed.png', { ip: '10.9.4.2' });
    expect([stale.status, claimed.status]).toEqual([201, 201]);
    const rep = await sendReport(t, minimalReport(orgs.villages['建设村'], { attachments: [{ fileId: claimed.body.fileId, ticket: claimed.body.ticket }] }), { ip: '10.9.4.3' });
    expect(rep.status).toBe(201);
    const newFiles = filesUnder(t.dataDir).filter((f) => !diskBefore.has(f));
    expect(newFiles).toHaveLength(2);
    const keyOf = async (id: string) =>
      ((await t.runtime.database.pool.query('SELECT storage_key FROM files WHERE id = ?', [id]))[0] as { storage_key: string }[])[0]?.storage_key;
    const staleKey = (await keyOf(stale.body.fileId))!;
    const claimedKey = (await keyOf(claimed.body.fileId))!;

    clock.advance(24 * 3600_000 + 1000);
    const fresh = await upload(t, png, 'fresh.png', { ip: '10.9.4.4' });
    expect(fresh.status).toBe(201);
    const removed = await t.runtime.services.files.sweepPending();
    expect(removed).toBeGreaterThanOrEqual(1);

    expect(await keyOf(stale.body.fileId)).toBeUndefined();
    expect(existsSync(path.join(t.config.uploadDir, staleKey))).toBe(false);
    expect(await keyOf(claimed.body.fileId)).toBe(claimedKey);
    expect(existsSync(path.join(t.config.uploadDir, claimedKey))).toBe(true);
    expect(await keyOf(fresh.body.fileId)).toBeDefined();
    // The claimed photo still opens for the station.
    const dudao = await t.login('dudao');
    const photo = await t.request('GET', `/api/reports/${rep.body.id}/files/${claimed.body.fileId}`, { token: dudao });
    expect(photo.status).toBe(200);
  });
});

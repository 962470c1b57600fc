import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { TestServer } from './harness';

export const newKey = (): string => randomBytes(16).toString('base64url');

export interface SendOptions {
  token?: string;
  ip?: string;
  ua?: string;
  key?: string;
  headers?: Record<string, string>;
}

/** Headers a client would send; X-Forwarded-For sets ctx.ip (the app trusts its proxy). */
export function clientHeaders(o: SendOptions = {}): Record<string, string> {
  return {
    ...(o.ip ? { 'x-forwarded-for': o.ip } : {}),
    ...(o.ua ? { 'user-agent': o.ua } : {}),
    ...o.headers,
  };
}

export function sendReport(t: TestServer, body: Record<string, unknown>, o: SendOptions = {}) {
  return t.request('POST', '/api/reports', {
    token: o.token,
    body,
    headers: { 'idempotency-key': o.key ?? newKey(), ...clientHeaders(o) },
  });
}

export async function villageIds(t: TestServer): Promise<{ township: number; villages: Record<string, number>; phone: string }> {
  const res = await t.request('GET', '/api/public/orgs');
  const tw = res.body.townships.find((x: { name: string }) => x.name === '铜罐驿镇');
  return {
    township: tw.id,
    phone: tw.phone,
    villages: Object.fromEntries(tw.villages.map((v: { id: number; name: string }) => [v.name, v.id])),
  };
}

export function minimalReport(orgId: number, extra: Record<string, unknown> = {}) {
  return { kind: 'harm', anonymous: true, orgId, account: '邻居家的孩子经常被打，晚上哭得很厉害', ...extra };
}

/** A JPEG that carries GPS coordinates, camera EXIF and an XMP packet. */
export async function jpegWithGps(width = 320, height = 240): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'MarkerCam', Model: 'GPSPhone' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '29/1 24/1 3600/100', GPSLongitudeRef: 'E', GPSLongitude: '106/1 19/1 1200/100' },
    })
    .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>XMP-MARKER</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>')
    .toBuffer();
}

export function upload(t: TestServer, data: Buffer, filename = 'photo.jpg', o: SendOptions & { type?: string } = {}) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)], { type: o.type ?? 'image/jpeg' }), filename);
  return t.request('POST', '/api/uploads/images', { body: form, token: o.token, headers: clientHeaders(o) });
}

/** Every file under a directory (recursively), relative paths. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** SELECT * of the given tables, as one JSON text (what a database dump would show). */
export async function dumpTables(t: TestServer, tables: string[]): Promise<string> {
  const pool = t.runtime.database.pool;
  const parts: string[] = [];
  for (const table of tables) {
    const [rows] = await pool.query(`SELECT * FROM \`${table}\``);
    parts.push(JSON.stringify(rows));
  }
  return parts.join('\n');
}

export async function allTableNames(t: TestServer): Promise<string[]> {
  const [rows] = await t.runtime.database.pool.query('SHOW TABLES');
  return (rows as Record<string, string>[]).map((r) => Object.values(r)[0]).filter((n) => !n.startsWith('__drizzle'));
}

export async function countRows(t: TestServer, table: string): Promise<number> {
  const [rows] = await t.runtime.database.pool.query(`SELECT COUNT(*) AS n FROM \`${table}\``);
  return Number((rows as { n: number }[])[0].n);
}

let fixtureClient = 0;
/** A named report received for an org (village or township), sent from its own client address. */
export async function makeReportIn(t: TestServer, orgId: number): Promise<number> {
  fixtureClient += 1;
  const res = await sendReport(t, minimalReport(orgId, { anonymous: false, reporter: { name: '范围测试', phone: '13900001111' } }), {
    ip: `10.${(fixtureClient >> 16) & 255}.${(fixtureClient >> 8) & 255}.${fixtureClient & 255}`,
  });
  if (res.status !== 201) throw new Error(`makeReportIn(${orgId}) failed: ${res.status} ${res.text}`);
  return res.body.id;
}

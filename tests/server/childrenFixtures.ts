import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import type { TestServer } from './harness';

/** An instant written in China time. */
export const cst = (s: string): Date => new Date(`${s}+08:00`);

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A made-up but well-formed 18-digit ID number for a date of birth (region 000000 does not exist). */
export function fakeIdNumber(dob: string, seq: number, sex: 'male' | 'female' = 'female'): string {
  const s3 = String((seq * 2 + (sex === 'male' ? 1 : 0)) % 1000).padStart(3, '0');
  const body = `000000${dob.replace(/-/g, '')}${s3}`;
  const sum = W.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11];
}

export const idemKey = (): string => randomBytes(16).toString('base64url');

export function childBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '测试儿童',
    sex: 'female',
    dob: '2015-06-01',
    address: '测试地址1组1号',
    householdReg: '重庆市九龙坡区',
    categories: ['left_behind'],
    guardians: [{ name: '测试监护人', relation: 'grandparent', phone: '13900000000', entrusted: true }],
    parentsAway: 'both',
    parentsAwayWhere: '广东',
    guardianshipState: 'adequate',
    entrustmentSigned: true,
    schooling: 'primary',
    benefits: [],
    riskTier: 'medium',
    riskReason: '父母外出务工',
    ...extra,
  };
}

export function visitBody(childId: number, visitedAt: Date, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    childId,
    visitedAt: visitedAt.toISOString(),
    metWith: ['child', 'guardian'],
    living: { rating: 'good' },
    guardianship: { rating: 'adequate' },
    schooling: { rating: 'attending' },
    health: { rating: 'good' },
    findings: '孩子状态良好',
    nextSteps: '按计划走访',
    ...extra,
  };
}

/** Org ids of the demo township by name. */
export async function demoOrgs(t: TestServer): Promise<{ township: number; villages: Record<string, number> }> {
  const { org } = t.runtime.services;
  const all = await org.tree({ userId: 0, role: 'county_admin', name: '', orgId: 1, orgPath: '/', orgLevel: 'county', sessionId: '' });
  const township = all.find((o) => o.name === '铜罐驿镇')!;
  return { township: township.id, villages: Object.fromEntries(all.filter((o) => o.parentId === township.id).map((o) => [o.name, o.id])) };
}

export async function tinyJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .jpeg()
    .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '29/1 24/1 3600/100', GPSLongitudeRef: 'E', GPSLongitude: '106/1 19/1 1200/100' } })
    .toBuffer();
}

export async function uploadPhoto(t: TestServer, data: Buffer): Promise<{ fileId: string; ticket: string }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)], { type: 'image/jpeg' }), 'visit.jpg');
  const res = await t.request('POST', '/api/uploads/images', { body: form });
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${res.text}`);
  return { fileId: res.body.fileId, ticket: res.body.ticket };
}

/** The end of a China calendar day as the API returns it. */
export const endOfDay = (ymd: string): string => new Date(`${ymd}T23:59:59.999+08:00`).toISOString();

/**
 * A child file (with its plan task and one visit) in a village — or, given a township, in one of its
 * villages — made through the services, for access tests.
 */
export async function makeChildIn(t: TestServer, orgId: number): Promise<{ childId: number; taskId: number; visitId: number }> {
  const { org, children, visits, tasks } = t.runtime.services;
  let village = (await org.get(orgId))!;
  if (village.level === 'township') {
    village = (await org.children(village.id)).find((o) => o.level === 'village') ?? (await org.create({ parentId: village.id, level: 'village', name: '夹具村' }));
  }
  const villageId = village.id;
  const township = (await org.get(village.parentId!))!;
  const actor = { userId: 0, role: 'supervisor' as const, name: '测试', orgId: township.id, orgPath: township.path, orgLevel: 'township' as const, sessionId: 'fixture' };
  const { ChildCreate, VisitCreate } = await import('@wbt/shared');
  const child = await children.create(actor, { ...ChildCreate.parse(childBody({ name: `访问${villageId}`, confirmNotDuplicate: true })), orgId: villageId });
  const { visit } = await visits.create(actor, VisitCreate.parse(visitBody(child.id, t.clock.now())), null);
  const open = (await tasks.openForChildRows(child.id))[0];
  return { childId: child.id, taskId: open.id, visitId: visit.id };
}

import type { TestServer } from './harness';
import { minimalReport, sendReport, villageIds } from './reportsFixtures';

export { villageIds };

export interface Tokens {
  dudao: string;
  zhanzhang: string;
  shegong: string;
  admin: string;
  zhuren01: string;
  zhuren02: string;
}

export async function tokens(t: TestServer): Promise<Tokens> {
  const [dudao, zhanzhang, shegong, admin, zhuren01, zhuren02] = await Promise.all(
    ['dudao', 'zhanzhang', 'shegong', 'admin', 'zhuren01', 'zhuren02'].map((u) => t.login(u)),
  );
  return { dudao, zhanzhang, shegong, admin, zhuren01, zhuren02 };
}

/** An anonymous harm report from a village; returns its id and receipt code. */
export async function harmReport(t: TestServer, villageId: number, extra: Record<string, unknown> = {}): Promise<{ id: number; receiptCode: string }> {
  const res = await sendReport(t, minimalReport(villageId, { child: { name: '小明', sex: 'male', age: 9 }, ...extra }));
  if (res.status !== 201) throw new Error(`report failed: ${res.status} ${res.text}`);
  return { id: res.body.id, receiptCode: res.body.receiptCode };
}

/** Triage a report into a new case and return the case id. */
export async function openCase(t: TestServer, token: string, reportId: number, body: Record<string, unknown> = { category: 'harm' }): Promise<number> {
  const res = await t.request('POST', `/api/intake/${reportId}/triage`, { token, body });
  if (res.status !== 201) throw new Error(`triage failed: ${res.status} ${res.text}`);
  return res.body.caseId;
}

export function step(t: TestServer, token: string, caseId: number, name: string, body: unknown) {
  return t.request('POST', `/api/cases/${caseId}/steps/${name}`, { token, body });
}

export const ASSESS_HIGH = { harmSuspected: true, injured: true, serious: true, riskLevel: 'high', reasons: '孩子身上多处淤青，父亲酒后殴打，仍在同住' };
export const ASSESS_LOW = { harmSuspected: false, injured: false, serious: false, riskLevel: 'low', reasons: '经核实为家庭教育方式问题，无伤害' };
export const REFERRAL = {
  unitType: 'police',
  reason: '孩子多次被父亲殴打，需公安机关依法处理',
  unit: '铜罐驿派出所',
  unitAddress: '九龙坡区铜罐驿镇正街1号',
  contactName: '李警官',
  contactPhone: '023-65000000',
  followUpPlan: '每周电话了解处理进展，一个月后回访孩子',
};

let consultationSeq = 900_000;

/**
 * A case belonging to an org node (a village: the child's village; a township: no village yet),
 * opened through the service by a supervisor of that township (created if the township has none).
 */
export async function makeCaseIn(t: TestServer, orgId: number): Promise<number> {
  const s = t.runtime.services;
  const township = (await s.org.townshipOf(orgId))!;
  let sup = (await s.users.staffOf(township.id, 'supervisor'))[0];
  if (!sup) {
    await s.auth.createStaff({ username: `case_sup_${township.id}`, password: 'Demo@2026', name: '测试督导', role: 'supervisor', orgId: township.id });
    sup = (await s.users.staffOf(township.id, 'supervisor'))[0];
  }
  const actor = { userId: sup.id, role: 'supervisor' as const, name: sup.name, orgId: township.id, orgPath: township.path, orgLevel: 'township' as const, sessionId: 'fixture' };
  const res = await s.cases.openFromConsultation(actor, { consultationId: consultationSeq++, orgId, askedAt: t.clock.now(), kind: 'help' });
  return res.caseId;
}

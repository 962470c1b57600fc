import type { TestServer } from './harness';

let guardianSeq = 0;

/** A guardian signed in with WeChat (the stand-in turns any code into a stable openid). */
export async function guardianToken(t: TestServer, code = `fixture-guardian-${process.pid}-${++guardianSeq}`): Promise<string> {
  const res = await t.request('POST', '/api/auth/wechat', { body: { code } });
  if (res.status !== 200) throw new Error(`wechat sign-in failed: ${res.status} ${res.text}`);
  return res.body.accessToken;
}

/** A consultation asked of the station of `orgId` (a township, or a village of it). */
export async function makeConsultationIn(t: TestServer, orgId: number): Promise<number> {
  const res = await t.request('POST', '/api/consultations', {
    token: await guardianToken(t),
    body: { orgId, topic: 'living', question: '访问范围测试的问题' },
  });
  if (res.status !== 201) throw new Error(`makeConsultationIn(${orgId}) failed: ${res.status} ${res.text}`);
  return res.body.id;
}

/** A 协助申办 application for the first policy that offers it, in `orgId`. */
export async function makeApplicationIn(t: TestServer, orgId: number): Promise<number> {
  const list = await t.request('GET', '/api/policies?limit=100');
  const policy = list.body.items.find((p: { canApply: boolean }) => p.canApply);
  const res = await t.request('POST', '/api/applications', {
    token: await guardianToken(t),
    body: {
      policyId: policy.id,
      orgId,
      child: { name: '范围测试', sex: 'female', age: 7 },
      applicant: { name: '范围测试', phone: '13900002222', relation: 'grandparent' },
    },
  });
  if (res.status !== 201) throw new Error(`makeApplicationIn(${orgId}) failed: ${res.status} ${res.text}`);
  return res.body.id;
}

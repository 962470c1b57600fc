/**
 * Dump-and-log scan: a representative flow carries unique plaintext markers (reports' accounts,
 * a reporter's name and phone, a child's ID number and phones, a consultation question, an
 * application, a case note, photos); then a real `mysqldump` of the database, every log line the
 * server wrote and every file under its data folder must hold none of them in plaintext.
 */
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openCase, step } from './casesFixtures';
import { childBody, fakeIdNumber } from './childrenFixtures';
import { guardianToken } from './consultationsFixtures';
import { startTestServer, type TestServer } from './harness';
import { filesUnder, jpegWithGps, minimalReport, sendReport, upload, villageIds } from './reportsFixtures';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const tag = () => `标记${randomInt(1e9, 1e10)}`;
const phone = () => `139${String(randomInt(0, 1e8)).padStart(8, '0')}`;

/** Every encoding a value could be stored or logged in: as is, JSON-escaped, hex, base64. */
function spellings(marker: string): string[] {
  const buf = Buffer.from(marker, 'utf8');
  return [marker, JSON.stringify(marker).slice(1, -1), buf.toString('hex'), buf.toString('base64').replace(/=+$/, '')];
}

it('no marker appears in the database dump, the logs or the data folder', async () => {
  const orgs = await villageIds(t);
  const village = orgs.villages['建设村'];
  const m = {
    anonymousAccount: tag(),
    namedAccount: tag(),
    reporterName: `举报人${tag()}`,
    reporterPhone: phone(),
    childIdNumber: fakeIdNumber('2016-03-04', randomInt(0, 499)),
    childPhone: phone(),
    guardianPhone: phone(),
    childAddress: `住址${tag()}`,
    question: tag(),
    consultPhone: phone(),
    applicantName: `申请人${tag()}`,
    applicantPhone: phone(),
    applicationNote: tag(),
    caseNote: tag(),
    reportMessage: tag(),
  };

  // Reports: anonymous with a photo, and named.
  const photo = await upload(t, await jpegWithGps(), `${m.anonymousAccount}.jpg`);
  expect(photo.status).toBe(201);
  const anon = await sendReport(t, minimalReport(village, { account: `邻居说${m.anonymousAccount}，孩子常被打`, attachments: [{ fileId: photo.body.fileId, ticket: photo.body.ticket }] }));
  expect(anon.status).toBe(201);
  const named = await sendReport(
    t,
    minimalReport(village, { anonymous: false, account: `我看见${m.namedAccount}，孩子身上有伤`, reporter: { name: m.reporterName, phone: m.reporterPhone } }),
  );
  expect(named.status).toBe(201);
  const session = await t.request('POST', '/api/receipts/session', { body: { receiptCode: anon.body.receiptCode } });
  expect(session.status).toBe(200);
  const msg = await t.request('POST', '/api/receipts/messages', { headers: { 'x-receipt-token': session.body.token }, body: { text: `补充：${m.reportMessage}` } });
  expect(msg.status).toBeLessThan(300);

  // A child file with an ID number and phones, by the village's director.
  const director = await t.login('zhuren02');
  const child = await t.request('POST', '/api/children', {
    token: director,
    body: childBody({
      name: '扫描测试',
      dob: '2016-03-04',
      idNumber: m.childIdNumber,
      phone: m.childPhone,
      address: m.childAddress,
      guardians: [{ name: '扫描监护人', relation: 'grandparent', phone: m.guardianPhone, entrusted: true }],
      confirmNotDuplicate: true,
    }),
  });
  expect({ status: child.status, text: child.status === 201 ? '' : child.text }).toEqual({ status: 201, text: '' });

  // A consultation and an application by a guardian.
  const guardian = await guardianToken(t);
  const consult = await t.request('POST', '/api/consultations', { token: guardian, body: { orgId: village, topic: 'living', question: `请问${m.question}怎么办`, contactPhone: m.consultPhone } });
  expect(consult.status).toBe(201);
  const policies = await t.request('GET', '/api/policies?limit=100');
  const policy = policies.body.items.find((p: { canApply: boolean }) => p.canApply);
  const application = await t.request('POST', '/api/applications', {
    token: guardian,
    body: { policyId: policy.id, orgId: village, child: { name: '扫描儿童', sex: 'female', age: 7 }, applicant: { name: m.applicantName, phone: m.applicantPhone, relation: 'grandparent' }, note: `说明${m.applicationNote}` },
  });
  expect(application.status).toBe(201);

  // A case from the named report, with a note; the supervisor reads the reporter's identity.
  const dudao = await t.login('dudao');
  const caseId = await openCase(t, dudao, named.body.id);
  expect((await step(t, dudao, caseId, 'note', { text: `记录：${m.caseNote}` })).status).toBe(200);
  expect((await t.request('GET', `/api/reports/${named.body.id}/reporter`, { token: dudao })).body.name).toBe(m.reporterName);

  // Everything a thief of the server's disk would get.
  const url = new URL(t.config.databaseUrl);
  const dump = execFileSync('mysqldump', ['-h', url.hostname, '-P', url.port || '3306', '-u', 'root', '--skip-extended-insert', '--hex-blob', url.pathname.slice(1)], {
    maxBuffer: 256 * 1024 * 1024,
  }).toString('utf8');
  expect(dump).toMatch(/INSERT INTO `reports`/);
  expect(dump).toMatch(/INSERT INTO `children`/);
  // The scan can see plaintext: what is stored in clear on purpose (place names) is found.
  expect(dump).toContain('建设村');
  const logs = t.logs.join('\n');
  expect(logs).toContain('/api/reports');
  const files = filesUnder(t.dataDir).map((f) => readFileSync(path.join(t.dataDir, f)));
  expect(files.length).toBeGreaterThan(0);
  const disk = Buffer.concat(files).toString('latin1') + Buffer.concat(files).toString('utf8');

  const found: string[] = [];
  for (const [field, marker] of Object.entries(m)) {
    for (const s of spellings(marker)) {
      if (dump.includes(s)) found.push(`${field} in the dump`);
      if (logs.includes(s)) found.push(`${field} in the log`);
      if (disk.includes(s)) found.push(`${field} in the data folder`);
    }
  }
  expect([...new Set(found)]).toEqual([]);
});

import type { ManualClock } from '../../server/src/lib/clock';
import { ASSESS_HIGH, harmReport, openCase, step, tokens, villageIds, type Tokens } from './casesFixtures';
import { childBody, visitBody } from './childrenFixtures';
import { startTestServer, type TestServer } from './harness';
import { dumpTables, minimalReport, sendReport } from './reportsFixtures';

/**
 * Reporting duties (未保法 第十一条; 九部门强制报告意见 第二、三条) and the form fields of 附件5/6/7:
 * the police and 民政 reports as case steps, the archive rule for suspected harm, 强制报告 from the
 * reporter's identity, the further situations, the time of events, recordings and PDFs.
 */

let t: TestServer;
let tk: Tokens;
let orgs: Awaited<ReturnType<typeof villageIds>>;

beforeAll(async () => {
  t = await startTestServer();
  (t.clock as ManualClock).set(new Date('2026-11-02T02:00:00Z')); // Monday 10:00 in China
  tk = await tokens(t);
  orgs = await villageIds(t);
});
afterAll(() => t.close());
beforeEach(async () => {
  tk = await tokens(t);
});

const ARCHIVE = { summary: '经核查处置完毕，孩子已安全', outcomeForReporter: '您反映的情况已核实处理，感谢您的报告。' };

/** A harm case assessed as suspected harm (high risk), moved on to 跟踪回访 so that it may be archived. */
async function suspectedHarmCase(village: string, during?: (caseId: number) => Promise<void>): Promise<number> {
  const r = await harmReport(t, orgs.villages[village]);
  const caseId = await openCase(t, tk.dudao, r.id);
  expect((await step(t, tk.dudao, caseId, 'assess', ASSESS_HIGH)).status).toBe(200);
  if (during) await during(caseId);
  const fu = await step(t, tk.dudao, caseId, 'follow_up', {
    visitedAt: t.clock.now().toISOString(),
    method: 'home',
    recovery: '伤情已好转',
    repeatHarmRisk: 'low',
    placement: 'home_school',
    findings: '孩子已回家上学',
    planFinished: true,
  });
  expect(fu.status).toBe(200);
  return caseId;
}

describe('the report to the police and to 民政 as case steps', () => {
  it('refuses to archive suspected harm with no police report on record, naming the field, and writes nothing', async () => {
    const caseId = await suspectedHarmCase('双骑龙村');
    const before = await t.request('GET', `/api/cases/${caseId}`, { token: tk.dudao });
    expect(before.body).toMatchObject({ harmSuspected: true, policeReportMissing: true, authorityReports: [] });
    const res = await step(t, tk.dudao, caseId, 'archive', ARCHIVE);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('没有向公安机关报告的记录');
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'noPoliceReportReason' })]);
    const after = await t.request('GET', `/api/cases/${caseId}`, { token: tk.dudao });
    expect(after.body.status).toBe('follow_up');
    expect(after.body.events).toHaveLength(before.body.events.length);
    // A reason too short to mean anything is not a reason.
    expect((await step(t, tk.dudao, caseId, 'archive', { ...ARCHIVE, noPoliceReportReason: '无' })).status).toBe(400);
  });

  it('archives suspected harm with a recorded reason, kept on the chronology', async () => {
    const caseId = await suspectedHarmCase('建设村');
    const reason = '报告人同时已拨打110，派出所已出警处理（由派出所告知）';
    const res = await step(t, tk.dudao, caseId, 'archive', { ...ARCHIVE, noPoliceReportReason: reason });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('archived');
    expect(res.body.events.at(-1).lines).toContain(`未向公安机关报告的原因：${reason}`);
  });

  it('records the report to the police (time, unit, receipt, officer) and to 民政; then the case archives', async () => {
    const caseId = await suspectedHarmCase('观音桥村');
    const at = new Date(t.clock.now().getTime() - 2 * 3600_000).toISOString();
    const future = await step(t, tk.dudao, caseId, 'report_authority', { authority: 'police', reportedAt: new Date(t.clock.now().getTime() + 86_400_000).toISOString(), unit: '铜罐驿派出所' });
    expect(future.status).toBe(400);
    expect(JSON.stringify(future.body.error.details)).toContain('reportedAt');
    const noUnit = await step(t, tk.dudao, caseId, 'report_authority', { authority: 'police', reportedAt: at });
    expect(noUnit.status).toBe(400);
    expect(noUnit.body.error.message).toContain('接收单位');
    const badAuthority = await step(t, tk.dudao, caseId, 'report_authority', { authority: 'school', reportedAt: at, unit: '铜罐驿小学' });
    expect(badAuthority.status).toBe(400);

    const police = await step(t, tk.dudao, caseId, 'report_authority', { authority: 'police', reportedAt: at, unit: '铜罐驿派出所', receipt: '渝公(九)受案字〔2026〕1102号', officer: '李警官', note: '书面报告并附走访记录' });
    expect(police.status).toBe(200);
    expect(police.body.policeReportMissing).toBe(false);
    expect(police.body.authorityReports).toEqual([{ step: 'report_authority', authority: 'police', at, unit: '铜罐驿派出所' }]);
    const lines: string[] = police.body.events.at(-1).lines;
    expect(police.body.events.at(-1).stepLabel).toBe('报告公安/民政');
    expect(lines).toEqual(expect.arrayContaining(['报告对象：公安机关', '接收单位：铜罐驿派出所', '回执/受案回执编号：渝公(九)受案字〔2026〕1102号', '接收人员：李警官']));
    expect(police.body.events.at(-1).changes).toEqual([expect.objectContaining({ field: 'policeReportedAt', label: '向公安机关报告时间' })]);

    const civil = await step(t, tk.dudao, caseId, 'report_authority', { authority: 'civil_affairs', reportedAt: at, unit: '九龙坡区民政局', officer: '王科长' });
    expect(civil.status).toBe(200);
    expect(civil.body.authorityReports.map((a: { authority: string }) => a.authority)).toEqual(['police', 'civil_affairs']);
    expect(civil.body.events.at(-1).lines).toContain('报告对象：民政部门');

    const archived = await step(t, tk.dudao, caseId, 'archive', ARCHIVE);
    expect(archived.status).toBe(200);
    const audit = await t.runtime.services.audit.forTarget('case', caseId);
    expect(audit.filter((a) => a.action === 'case.report_authority' && a.result === 'ok')).toHaveLength(2);
  });

  it('counts a recorded 110 call as the police report', async () => {
    const caseId = await suspectedHarmCase('英雄湾村', async (id) => {
      // Called during 强制干预.
      const call = await step(t, tk.dudao, id, 'police_call', { calledAt: t.clock.now().toISOString(), policeStation: '铜罐驿派出所' });
      expect(call.status).toBe(200);
      expect(call.body.policeReportMissing).toBe(false);
      expect(call.body.authorityReports[0]).toMatchObject({ step: 'police_call', authority: 'police', unit: '铜罐驿派出所' });
    });
    expect((await step(t, tk.dudao, caseId, 'archive', ARCHIVE)).status).toBe(200);
  });

  it('offers the step to the station and the assigned social worker only', async () => {
    const caseId = await suspectedHarmCase('新合村');
    const detail = await t.request('GET', `/api/cases/${caseId}`, { token: tk.dudao });
    expect(detail.body.allowedSteps.map((s: { step: string }) => s.step)).toContain('report_authority');
    const body = { authority: 'police', reportedAt: t.clock.now().toISOString(), unit: '铜罐驿派出所' };
    expect((await step(t, tk.shegong, caseId, 'report_authority', body)).status).toBe(403);
    expect((await step(t, tk.zhuren01, caseId, 'report_authority', body)).status).toBe(404);
  });
});

describe('强制报告 or 报告/检举, from the reporter identity', () => {
  it('calls a teacher’s, doctor’s or child director’s report a 强制报告 and tells them to report to the police too', async () => {
    for (const identity of ['teacher', 'medical', 'child_director', 'village_staff']) {
      const res = await sendReport(t, minimalReport(orgs.villages['大碑村'], { anonymous: false, reporter: { name: '周老师', identity } }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ kind: 'harm', nature: 'mandatory', mustAlsoReportToPolice: true });
    }
  });

  it('calls a neighbour’s or an unnamed report a 报告/检举, and a help request 求助', async () => {
    const neighbour = await sendReport(t, minimalReport(orgs.villages['大碑村'], { reporter: { identity: 'community' } }));
    expect(neighbour.body).toMatchObject({ nature: 'report', mustAlsoReportToPolice: false });
    const unnamed = await sendReport(t, minimalReport(orgs.villages['大碑村']));
    expect(unnamed.body).toMatchObject({ nature: 'report', mustAlsoReportToPolice: false });
    const help = await sendReport(t, minimalReport(orgs.villages['大碑村'], { kind: 'help', reporter: { identity: 'guardian' } }));
    expect(help.body).toMatchObject({ nature: 'help', mustAlsoReportToPolice: false });
    const list = await t.request('GET', '/api/reports?limit=50', { token: tk.dudao });
    const byId = new Map(list.body.items.map((i: { id: number; nature: string }) => [i.id, i.nature]));
    expect(byId.get(neighbour.body.id)).toBe('report');
    expect(byId.get(help.body.id)).toBe('help');
  });
});

describe('the form fields of 附件5/6', () => {
  it('keeps the further situations beside the nine, in the staff view with their labels', async () => {
    const res = await sendReport(t, minimalReport(orgs.villages['黄金堡村'], { situations: ['abandoned'], triggers: ['unsupervised', 'guardian_failing', 'accident', 'emergency_illness'] }));
    expect(res.status).toBe(201);
    const detail = await t.request('GET', `/api/reports/${res.body.id}`, { token: tk.dudao });
    expect(detail.body.content.triggers).toEqual(['unsupervised', 'guardian_failing', 'accident', 'emergency_illness']);
    expect(detail.body.content.triggerLabels).toContain('监护人丧失监护能力或不履行监护责任');
    const bad = await sendReport(t, minimalReport(orgs.villages['黄金堡村'], { triggers: ['lonely'] }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('triggers');
  });

  it('takes the time of events as a date-time, refusing free text and the future', async () => {
    const free = await sendReport(t, minimalReport(orgs.villages['冬笋坝社区'], { occurredAt: '昨天傍晚' }));
    expect(free.status).toBe(400);
    expect(free.body.error.details).toEqual([expect.objectContaining({ path: 'body.occurredAt', message: expect.stringContaining('日期时间') })]);
    const later = await sendReport(t, minimalReport(orgs.villages['冬笋坝社区'], { occurredAt: new Date(Date.now() + 86_400_000).toISOString() }));
    expect(later.status).toBe(400);
    expect(later.body.error.message).toContain('不能晚于现在');
    const ok = await sendReport(t, minimalReport(orgs.villages['冬笋坝社区'], { occurredAt: '2026-11-01T18:30:00+08:00' }));
    expect(ok.status).toBe(201);
    const detail = await t.request('GET', `/api/reports/${ok.body.id}`, { token: tk.dudao });
    expect(detail.body.content.occurredAt).toBe('2026-11-01T10:30:00.000Z');
  });

  it('shows who filled in the form: the reporter, or the staff member who took the call', async () => {
    const own = await sendReport(t, minimalReport(orgs.villages['铜罐社区']));
    expect((await t.request('GET', `/api/reports/${own.body.id}`, { token: tk.dudao })).body.filledBy).toBe('报告人本人（匿名）');
    const call = await sendReport(t, minimalReport(orgs.villages['铜罐社区'], { anonymous: false, reporter: { name: '张女士' }, method: 'phone' }), { token: tk.dudao });
    expect(call.status).toBe(201);
    expect((await t.request('GET', `/api/reports/${call.body.id}`, { token: tk.dudao })).body.filledBy).toBe('陈思远（工作人员代填）');
  });
});

describe('recordings and PDFs attached to a report', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const mp3 = Buffer.concat([Buffer.from('ID3'), Buffer.from([3, 0, 0, 0, 0, 0, 10]), Buffer.alloc(200, 1)]);
  const uploadDoc = (data: Buffer, name: string, type: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(data)], { type }), name);
    return t.request('POST', '/api/uploads/documents', { body: form });
  };

  it('takes PDFs and recordings by content and refuses anything else (415) or too large (413)', async () => {
    const a = await uploadDoc(pdf, 'a.pdf', 'application/pdf');
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ type: 'pdf', mime: 'application/pdf', bytes: pdf.length });
    const b = await uploadDoc(mp3, 'b.mp3', 'audio/mpeg');
    expect(b.body).toMatchObject({ type: 'audio', mime: 'audio/mpeg' });
    // A program named like a PDF is refused by its content.
    const exe = await uploadDoc(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]), 'c.pdf', 'application/pdf');
    expect(exe.status).toBe(415);
    expect(exe.body.error.message).toContain('录音');
    const html = await uploadDoc(Buffer.from('<html><script>alert(1)</script></html>'), 'd.mp3', 'audio/mpeg');
    expect(html.status).toBe(415);
    const big = await uploadDoc(Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(21 * 1024 * 1024)]), 'e.pdf', 'application/pdf');
    expect(big.status).toBe(413);
    expect(big.body.error.message).toContain('20MB');
  });

  it('claims them with the report; staff read them back (audited); a document is never claimed as a photo', async () => {
    const a = (await uploadDoc(pdf, 'a.pdf', 'application/pdf')).body;
    const b = (await uploadDoc(mp3, 'b.mp3', 'audio/mpeg')).body;
    const asPhoto = await sendReport(t, minimalReport(orgs.villages['铜罐社区'], { attachments: [{ fileId: a.fileId, ticket: a.ticket }] }));
    expect(asPhoto.status).toBe(400);
    const res = await sendReport(t, minimalReport(orgs.villages['铜罐社区'], { documents: [{ fileId: a.fileId, ticket: a.ticket }, { fileId: b.fileId, ticket: b.ticket }] }));
    expect(res.status).toBe(201);
    const detail = await t.request('GET', `/api/reports/${res.body.id}`, { token: tk.dudao });
    expect(detail.body.documents.map((d: { typeLabel: string }) => d.typeLabel).sort()).toEqual(['PDF 文件', '录音']);
    expect(detail.body.photos).toEqual([]);
    const file = await t.request('GET', `/api/reports/${res.body.id}/documents/${a.fileId}`, { token: tk.dudao });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('application/pdf');
    expect(file.headers.get('content-disposition')).toContain('attachment');
    expect((await t.request('GET', `/api/reports/${res.body.id}/files/${a.fileId}`, { token: tk.dudao })).status).toBe(404);
    const audit = await t.runtime.services.audit.forTarget('report', res.body.id);
    expect(audit.some((x) => x.action === 'report.document_read')).toBe(true);
  });
});

describe('附件7: the child’s phone and the guardian on the case record', () => {
  it('takes them over from the report, lets the station correct them, and keeps them sealed at rest', async () => {
    const r = await harmReport(t, orgs.villages['双骑龙村'], { child: { name: '小华', sex: 'female', age: 10, phone: '13712345678' }, guardian: { name: '何大军', relation: '父亲', phone: '13811112222' } });
    const caseId = await openCase(t, tk.dudao, r.id);
    const c = await t.request('GET', `/api/cases/${caseId}`, { token: tk.dudao });
    expect(c.body.child).toMatchObject({ name: '小华', phone: '13712345678', guardian: { name: '何大军', relation: '父亲', phone: '13811112222' } });
    const fix = await step(t, tk.dudao, caseId, 'assign', { child: { guardian: { name: '何大军', relation: '父亲', phone: '13811113333', address: '双骑龙村3组8号' } } });
    expect(fix.status).toBe(200);
    expect(fix.body.child.guardian).toMatchObject({ phone: '13811113333', address: '双骑龙村3组8号' });
    const bad = await step(t, tk.dudao, caseId, 'assign', { child: { phone: 'abc' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('儿童联系方式');
    const dump = await dumpTables(t, ['cases', 'case_events']);
    for (const plain of ['13712345678', '13811113333', '何大军', '双骑龙村3组8号']) expect(dump).not.toContain(plain);
  });
});

describe('a visit that finds an injury, no one caring for the child, or a dropout', () => {
  it('alerts the township supervisors; an ordinary visit does not', async () => {
    const dudaoNotes = async () => (await t.request('GET', '/api/notifications', { token: tk.dudao })).body.items as { kind: string; title: string; link: string }[];
    const zhuren = await t.login('zhuren03');
    const child = await t.request('POST', '/api/children', { token: zhuren, body: childBody({ name: '走访提醒儿童', dob: '2014-03-03' }) });
    expect(child.status).toBe(201);
    const before = (await dudaoNotes()).filter((n) => n.kind === 'visit.alert').length;
    const calm = await t.request('POST', '/api/visits', { token: zhuren, body: visitBody(child.body.id, t.clock.now()) });
    expect(calm.status).toBe(201);
    expect(calm.body.alerts).toEqual([]);
    expect((await dudaoNotes()).filter((n) => n.kind === 'visit.alert')).toHaveLength(before);

    const worrying = await t.request('POST', '/api/visits', {
      token: zhuren,
      body: visitBody(child.body.id, t.clock.now(), { health: { rating: 'injured', note: '手臂有淤青，说不清原因' }, guardianship: { rating: 'absent' }, schooling: { rating: 'dropout' } }),
    });
    expect(worrying.status).toBe(201);
    expect(worrying.body.alerts).toEqual(['unexplained_injury', 'no_carer', 'dropout']);
    const alerts = (await dudaoNotes()).filter((n) => n.kind === 'visit.alert');
    expect(alerts).toHaveLength(before + 1);
    expect(alerts[0]).toMatchObject({ title: '走访发现：有不明伤痕、无人监护、无人照料、失学辍学', link: `/staff/pages/visit/detail?id=${worrying.body.id}` });
    // The alert names the finding, never the child.
    expect(JSON.stringify(alerts[0])).not.toContain('走访提醒儿童');
  });
});

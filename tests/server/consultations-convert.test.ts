import { startTestServer, type TestServer } from './harness';

let t: TestServer;
let villageId: number;

const guardian = async (code: string) => (await t.request('POST', '/api/auth/wechat', { body: { code } })).body.accessToken as string;

async function askAndAnswer(code: string, question: string) {
  const token = await guardian(code);
  const asked = await t.request('POST', '/api/consultations', {
    token,
    body: { orgId: villageId, topic: 'living', question, child: { name: '李小花', age: 9, sex: 'female' }, contactPhone: '13700001111' },
  });
  expect(asked.status).toBe(201);
  const staff = await t.login('shegong');
  await t.request('POST', `/api/consultations/${asked.body.id}/messages`, { token: staff, body: { body: '请问孩子现在和谁一起住？' } });
  await t.request('POST', `/api/my/consultations/${asked.body.id}/messages`, { token, body: { body: '和奶奶住，奶奶身体不好，孩子经常没饭吃。' } });
  return { id: asked.body.id as number, token };
}

beforeAll(async () => {
  t = await startTestServer();
  villageId = (await t.request('GET', '/api/public/orgs')).body.townships[0].villages[1].id;
});
afterAll(() => t.close());

describe('turning a consultation into a case', () => {
  it('opens a case with one action, keeping the thread on both sides', async () => {
    const { id, token } = await askAndAnswer('convert-case', '孩子爸爸去世了，妈妈联系不上，怎么办？');
    const supervisor = await t.login('dudao');
    const before = await t.request('GET', `/api/consultations/${id}`, { token: supervisor });
    expect(before.body.conversions).toEqual(['help_request', 'case']);

    const res = await t.request('POST', `/api/consultations/${id}/convert`, { token: supervisor, body: { to: 'case', note: '祖母监护能力不足，需评估' } });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('converted');
    expect(res.body.conversion).toMatchObject({ to: 'case', label: expect.stringMatching(/^个案 /) });
    const caseId = Number(res.body.conversion.refId);

    // The case knows where it came from and carries the child.
    const kase = await t.request('GET', `/api/cases/${caseId}`, { token: supervisor });
    expect(kase.status).toBe(200);
    expect(kase.body.sourceConsultationId).toBe(id);
    expect(JSON.stringify(kase.body)).toMatch(/李小花/);

    // The guardian still reads every message, plus the note that the station took it on.
    const mine = await t.request('GET', `/api/my/consultations/${id}`, { token });
    expect(mine.body.status).toBe('converted');
    expect(mine.body.messages.map((m: { body: string }) => m.body)).toEqual([
      '孩子爸爸去世了，妈妈联系不上，怎么办？',
      '请问孩子现在和谁一起住？',
      '和奶奶住，奶奶身体不好，孩子经常没饭吃。',
      '您的咨询已转为个案，由未保站跟进办理，工作人员会尽快与您联系。',
    ]);
    const notes = await t.request('GET', '/api/notifications', { token });
    expect(notes.body.items.map((n: { kind: string }) => n.kind)).toContain('consultation.converted');

    // One action only: a second conversion is refused, and the thread is read-only now.
    expect((await t.request('POST', `/api/consultations/${id}/convert`, { token: supervisor, body: { to: 'case' } })).status).toBe(409);
    expect((await t.request('POST', `/api/my/consultations/${id}/messages`, { token, body: { body: '还在吗' } })).status).toBe(409);
    const actions = (await t.runtime.services.audit.forTarget('consultation', id)).map((a) => a.action);
    expect(actions).toContain('consultation.convert');
  });

  it('rolls the case back when the conversion fails (one transaction)', async () => {
    const { id } = await askAndAnswer('convert-rollback', '想问问孩子的生活补贴');
    const supervisor = await t.login('dudao');
    // Make the last write of the conversion fail: the notification for the guardian.
    const notifications = t.runtime.services.notifications;
    const original = notifications.enqueue.bind(notifications);
    notifications.enqueue = async () => {
      throw new Error('simulated failure');
    };
    try {
      const res = await t.request('POST', `/api/consultations/${id}/convert`, { token: supervisor, body: { to: 'case' } });
      expect(res.status).toBe(500);
    } finally {
      notifications.enqueue = original;
    }
    const [rows] = await t.runtime.database.pool.query('SELECT COUNT(*) AS n FROM cases WHERE source_consultation_id = ?', [id]);
    expect(Number((rows as { n: number }[])[0].n)).toBe(0);
    const detail = await t.request('GET', `/api/consultations/${id}`, { token: supervisor });
    expect(detail.body.status).toBe('waiting'); // as before the attempt (the guardian's follow-up waits)
    expect(detail.body.conversion).toBeNull();
  });

  it('leaves no help request behind when the conversion fails (one transaction)', async () => {
    const { id } = await askAndAnswer('convert-help-rollback', '孩子爸妈都不在家，能申请什么帮助');
    const supervisor = await t.login('dudao');
    const [before] = await t.runtime.database.pool.query('SELECT COUNT(*) AS n FROM reports');
    const notifications = t.runtime.services.notifications;
    const original = notifications.enqueue.bind(notifications);
    notifications.enqueue = async () => {
      throw new Error('simulated failure');
    };
    try {
      const res = await t.request('POST', `/api/consultations/${id}/convert`, { token: supervisor, body: { to: 'help_request' } });
      expect(res.status).toBe(500);
    } finally {
      notifications.enqueue = original;
    }
    const [after] = await t.runtime.database.pool.query('SELECT COUNT(*) AS n FROM reports');
    expect(Number((after as { n: number }[])[0].n)).toBe(Number((before as { n: number }[])[0].n));
    const retry = await t.request('POST', `/api/consultations/${id}/convert`, { token: supervisor, body: { to: 'help_request' } });
    expect(retry.status).toBe(200);
    const [final] = await t.runtime.database.pool.query('SELECT COUNT(*) AS n FROM reports');
    expect(Number((final as { n: number }[])[0].n)).toBe(Number((before as { n: number }[])[0].n) + 1);
  });

  it('is for supervisors and station heads of the township only', async () => {
    const { id } = await askAndAnswer('convert-roles', '孩子不想上学了怎么办');
    const worker = await t.login('shegong');
    const refused = await t.request('POST', `/api/consultations/${id}/convert`, { token: worker, body: { to: 'case' } });
    expect(refused.status).toBe(403);
    const detail = await t.request('GET', `/api/consultations/${id}`, { token: worker });
    expect(detail.body.conversions).toEqual([]);
    const bad = await t.request('POST', `/api/consultations/${id}/convert`, { token: await t.login('zhanzhang'), body: { to: 'file' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/请选择转为求助还是个案/);
  });
});

describe('turning a consultation into a help request', () => {
  it('creates a 求助 carrying the whole thread, linked from the consultation', async () => {
    const { id, token } = await askAndAnswer('convert-help', '家里着火了，孩子的衣服被子都烧了');
    const head = await t.login('zhanzhang');
    const res = await t.request('POST', `/api/consultations/${id}/convert`, { token: head, body: { to: 'help_request' } });
    expect(res.status).toBe(200);
    expect(res.body.conversion).toMatchObject({ to: 'help_request', label: expect.stringMatching(/^求助 #\d+$/) });
    const reportId = Number(res.body.conversion.refId);

    const report = await t.request('GET', `/api/reports/${reportId}`, { token: head });
    expect(report.status).toBe(200);
    expect(report.body.kind).toBe('help');
    expect(report.body.content.account).toMatch(new RegExp(`由政策咨询 #${id} 转入`));
    expect(report.body.content.account).toMatch(/家里着火了/);
    expect(report.body.content.account).toMatch(/和奶奶住/);
    expect(report.body.content.child).toMatchObject({ name: '李小花', age: 9 });

    const mine = await t.request('GET', `/api/my/consultations/${id}`, { token });
    expect(mine.body.conversion.to).toBe('help_request');
    expect(mine.body.messages.at(-1).body).toMatch(/已转为求助/);
  });
});

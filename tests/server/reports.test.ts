import { formatReceiptCode, normalizeReceiptCode, RECEIPT_ALPHABET } from '@wbt/shared';
import type { ManualClock } from '../../server/src/lib/clock';
import { startTestServer, type TestServer } from './harness';
import {
  allTableNames,
  countRows,
  dumpTables,
  jpegWithGps,
  minimalReport,
  newKey,
  sendReport,
  upload,
  villageIds,
} from './reportsFixtures';

let t: TestServer;
let orgs: Awaited<ReturnType<typeof villageIds>>;
const REPORT_TABLES = ['reports', 'report_messages', 'report_idempotency', 'files', 'audit_log'];

beforeAll(async () => {
  t = await startTestServer();
  orgs = await villageIds(t);
});
afterAll(() => t.close());

async function publicUser(code: string): Promise<{ token: string; openid: string; userId: number }> {
  const res = await t.request('POST', '/api/auth/wechat', { body: { code } });
  expect(res.status).toBe(200);
  return { token: res.body.accessToken, openid: t.standin.openidFor(code), userId: res.body.user.id };
}

describe('public org directory', () => {
  it('lists the township with its villages and the station phone, without sign-in', async () => {
    const res = await t.request('GET', '/api/public/orgs');
    expect(res.status).toBe(200);
    const tw = res.body.townships[0];
    expect(tw.name).toBe('铜罐驿镇');
    expect(tw.phone).toBeTruthy();
    expect(tw.villages.map((v: { name: string }) => v.name)).toEqual(expect.arrayContaining(['双骑龙村', '冬笋坝社区']));
  });
});

describe('anonymous reports', () => {
  it('needs only what happened and where, and answers a receipt code of 80 bits in groups of 4', async () => {
    const res = await sendReport(t, minimalReport(orgs.villages['建设村']));
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('received');
    expect(res.body.township).toMatchObject({ id: orgs.township, name: '铜罐驿镇' });
    const code: string = res.body.receiptCode;
    expect(code).toHaveLength(16);
    for (const ch of code) expect(RECEIPT_ALPHABET).toContain(ch);
    expect(RECEIPT_ALPHABET).toHaveLength(32); // 16 × log2(32) = 80 bits
    expect(formatReceiptCode(code)).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(normalizeReceiptCode(formatReceiptCode(code).toLowerCase())).toBe(code);
  });

  it('gives different codes to different reports', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 5; i++) codes.add((await sendReport(t, minimalReport(orgs.villages['新合村']), { ip: `198.51.100.${i + 1}` })).body.receiptCode);
    expect(codes.size).toBe(5);
  });

  it('stores no IP, user agent, openid or user id of the reporter anywhere — rows, audit, log', async () => {
    const ip = '203.0.113.77';
    const ua = 'Mozilla/5.0 UA-MARKER-7f3c (iPhone; WeChat)';
    // A signed-in public user choosing "anonymous": even the token sent along must not link them.
    const user = await publicUser('anon-sender-code');
    const up = await upload(t, await jpegWithGps(), 'IMG_0001.jpg', { ip, ua, token: user.token });
    expect(up.status).toBe(201);
    const logStart = t.logs.length;
    const res = await sendReport(
      t,
      minimalReport(orgs.villages['观音桥村'], {
        reporter: { name: '不该保存的名字', phone: '13800000000', identity: 'community' },
        attachments: [{ fileId: up.body.fileId, ticket: up.body.ticket }],
      }),
      { ip, ua, token: user.token },
    );
    expect(res.status).toBe(201);
    const sess = await t.request('POST', '/api/receipts/session', { body: { receiptCode: res.body.receiptCode }, headers: { 'x-forwarded-for': ip, 'user-agent': ua } });
    expect(sess.status).toBe(200);
    const msg = await t.request('POST', '/api/receipts/messages', {
      body: { text: '补充：孩子今天没去上学' },
      headers: { 'x-receipt-token': sess.body.token, 'x-forwarded-for': ip, 'user-agent': ua },
    });
    expect(msg.status).toBe(201);

    const dump = await dumpTables(t, await allTableNames(t));
    const report = (await t.runtime.database.pool.query('SELECT * FROM reports WHERE id = ?', [res.body.id]))[0] as Record<string, unknown>[];
    expect(report[0].reporter_user_id).toBeNull();
    expect(report[0].reporter_enc).toBeNull(); // name and phone dropped for an anonymous report
    const reportAudit = (await t.runtime.database.pool.query("SELECT * FROM audit_log WHERE target_type = 'report' AND target_id = ?", [String(res.body.id)]))[0] as Record<string, unknown>[];
    expect(reportAudit.length).toBeGreaterThan(0);
    for (const row of reportAudit) expect(row.actor_user_id).toBeNull();

    const dumpOfMine = await dumpTables(t, REPORT_TABLES);
    const logs = t.logs.slice(logStart).join('\n');
    for (const needle of [ip, 'UA-MARKER-7f3c', user.openid, '不该保存的名字', '13800000000']) {
      expect(dumpOfMine).not.toContain(needle);
      expect(logs).not.toContain(needle);
    }
    for (const needle of [ip, 'UA-MARKER-7f3c']) expect(dump).not.toContain(needle);
    expect(logs).not.toContain(res.body.receiptCode);
    expect(logs).not.toContain(sess.body.token);
  });

  it('refuses a report without what happened, naming the field in Chinese', async () => {
    const res = await sendReport(t, { kind: 'harm', anonymous: true, orgId: orgs.villages['建设村'], account: '' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('body.account');
    expect(res.body.error.message).toMatch(/发生了什么/);
  });

  it('refuses an unknown village with 400, not 500', async () => {
    const res = await sendReport(t, minimalReport(999999));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/村（社区）/);
  });

  it('requires a name for a report by name (the reporter may choose anonymous instead)', async () => {
    const res = await sendReport(t, minimalReport(orgs.villages['建设村'], { anonymous: false }));
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('body.reporter.name');
  });
});

describe('Idempotency-Key', () => {
  it('answers a retry with the same receipt and creates nothing new', async () => {
    const key = newKey();
    const body = minimalReport(orgs.villages['大碑村'], { account: '重试测试：孩子一个人在家好几天了' });
    const first = await sendReport(t, body, { key });
    expect(first.status).toBe(201);
    const counts = { reports: await countRows(t, 'reports'), audit: await countRows(t, 'audit_log'), idem: await countRows(t, 'report_idempotency') };
    const again = await sendReport(t, body, { key });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await countRows(t, 'reports')).toBe(counts.reports);
    expect(await countRows(t, 'audit_log')).toBe(counts.audit);
    expect(await countRows(t, 'report_idempotency')).toBe(counts.idem);
    // The receipt is replayed from an encrypted copy, not stored in clear.
    expect(await dumpTables(t, ['report_idempotency'])).not.toContain(first.body.receiptCode);
  });

  it('creates exactly one report for concurrent retries with the same key', async () => {
    const key = newKey();
    const body = minimalReport(orgs.villages['黄金堡村'], { account: '并发重试：孩子被关在屋里' });
    const before = await countRows(t, 'reports');
    const answers = await Promise.all([1, 2, 3].map(() => sendReport(t, body, { key })));
    for (const a of answers) expect(a.status).toBe(201);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(new Set(answers.map((a) => a.body.receiptCode)).size).toBe(1);
    expect(await countRows(t, 'reports')).toBe(before + 1);
  });

  it('refuses the same key with a different body (409) and a missing key (400)', async () => {
    const key = newKey();
    expect((await sendReport(t, minimalReport(orgs.villages['建设村']), { key })).status).toBe(201);
    const other = await sendReport(t, minimalReport(orgs.villages['建设村'], { account: '另一件完全不同的事情' }), { key });
    expect(other.status).toBe(409);
    const none = await t.request('POST', '/api/reports', { body: minimalReport(orgs.villages['建设村']) });
    expect(none.status).toBe(400);
    expect(none.body.error.message).toMatch(/Idempotency-Key/);
  });

  it('keeps replaying after the encrypted receipt is forgotten, without creating anything', async () => {
    const clock = t.clock as ManualClock;
    const key = newKey();
    const body = minimalReport(orgs.villages['建设村'], { account: '很久以后才重试的报告' });
    const first = await sendReport(t, body, { key });
    clock.advance(73 * 3600 * 1000);
    await t.runtime.services.reports.expireIdempotency();
    const late = await sendReport(t, body, { key });
    expect(late.status).toBe(201);
    expect(late.body.id).toBe(first.body.id);
    expect(late.body.receiptCode).toBeNull();
  });

  it('does no upkeep on the write path: a background job expires receipts, then rows, in small batches', async () => {
    const clock = t.clock as ManualClock;
    const idem = async (reportId: number) => {
      const [rows] = await t.runtime.database.pool.query('SELECT receipt_enc, receipt_expires_at FROM report_idempotency WHERE report_id = ?', [reportId]);
      return (rows as { receipt_enc: string | null; receipt_expires_at: Date | null }[])[0];
    };
    // Clear whatever earlier tests left due, so the counts below are this test's own.
    await t.runtime.services.reports.expireIdempotency(new Date(clock.now().getTime() + 73 * 3600 * 1000));
    const keys = [newKey(), newKey(), newKey()];
    const bodies = keys.map((_, i) => minimalReport(orgs.villages['建设村'], { account: `批量过期测试第${i + 1}份报告` }));
    const old = [];
    for (let i = 0; i < 3; i++) old.push((await sendReport(t, bodies[i], { key: keys[i] })).body);
    clock.advance(73 * 3600 * 1000);
    const fresh = (await sendReport(t, minimalReport(orgs.villages['建设村'], { account: '刚刚提交的新报告' }))).body;
    // Submitting after the window touched none of the old rows.
    for (const r of old) expect((await idem(r.id)).receipt_enc).not.toBeNull();
    // Past its time a retry no longer gets the code back, even before the job ran.
    expect((await sendReport(t, bodies[0], { key: keys[0] })).body.receiptCode).toBeNull();

    const run = await t.runtime.services.reports.expireIdempotency(clock.now(), 2);
    expect(run).toEqual({ receiptsForgotten: 3, rowsDeleted: 0 });
    for (const r of old) expect(await idem(r.id)).toEqual({ receipt_enc: null, receipt_expires_at: null });
    expect((await idem(fresh.id)).receipt_enc).not.toBeNull();
    expect((await sendReport(t, bodies[1], { key: keys[1] })).body).toMatchObject({ id: old[1].id, receiptCode: null });

    // After the idempotency window the rows go entirely.
    clock.advance(31 * 24 * 3600 * 1000);
    const later = await t.runtime.services.reports.expireIdempotency(clock.now(), 2);
    expect(later.rowsDeleted).toBeGreaterThanOrEqual(4);
    for (const r of [...old, fresh]) expect(await idem(r.id)).toBeUndefined();
  });
});

describe('encryption at rest', () => {
  it('shows no plaintext of the account, child, reporter or messages in a SELECT of the tables', async () => {
    const marker = 'MARKER齐天大圣9431';
    const user = await publicUser('marker-reporter');
    const res = await sendReport(
      t,
      {
        kind: 'harm',
        anonymous: false,
        orgId: orgs.villages['英雄湾村'],
        account: `经过：${marker}`,
        place: `地点${marker}`,
        situations: ['abuse_injuries'],
        child: { name: `孩子${marker}`, sex: 'female', age: 9, phone: '13912345678', address: `住址${marker}` },
        guardian: { name: `监护人${marker}`, relation: '父亲', phone: '13787654321' },
        perpetrator: { name: `施害者${marker}`, relation: '继父' },
        childState: { physical: `身体${marker}`, view: `看法${marker}` },
        reporter: { name: `报告人${marker}`, phone: '13611112222', identity: 'teacher' },
      },
      { token: user.token },
    );
    expect(res.status).toBe(201);
    const dudao = await t.login('dudao');
    expect((await t.request('POST', `/api/reports/${res.body.id}/messages`, { token: dudao, body: { text: `回复${marker}` } })).status).toBe(201);
    expect((await t.request('POST', `/api/my/reports/${res.body.id}/messages`, { token: user.token, body: { text: `补充${marker}` } })).status).toBe(201);

    const dump = await dumpTables(t, await allTableNames(t));
    expect(dump).not.toContain('MARKER');
    expect(dump).not.toContain('齐天大圣');
    for (const phone of ['13912345678', '13787654321', '13611112222']) expect(dump).not.toContain(phone);
    // …while the station reads it all back.
    const detail = await t.request('GET', `/api/reports/${res.body.id}`, { token: dudao });
    expect(detail.body.content.account).toContain(marker);
    expect(detail.body.content.child.name).toContain(marker);
  });
});

describe('named reports and the reporter identity', () => {
  let reportId: number;
  let user: { token: string; openid: string; userId: number };

  beforeAll(async () => {
    user = await publicUser('named-reporter');
    const res = await sendReport(
      t,
      minimalReport(orgs.villages['双骑龙村'], { anonymous: false, reporter: { name: '李大姐', phone: '13500001111', identity: 'community' } }),
      { token: user.token },
    );
    expect(res.status).toBe(201);
    expect(res.body.receiptCode).toBeNull();
    reportId = res.body.id;
  });

  it('shows the report in 我的报告, and nobody else’s', async () => {
    const mine = await t.request('GET', '/api/my/reports', { token: user.token });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((i: { id: number }) => i.id)).toEqual([reportId]);
    expect(mine.body.items[0].statusLabel).toBe('已收到');
    const other = await publicUser('someone-else');
    expect((await t.request('GET', `/api/my/reports/${reportId}`, { token: other.token })).status).toBe(404);
    expect((await t.request('GET', '/api/my/reports', { token: other.token })).body.items).toEqual([]);
  });

  it('reveals name and phone to the township supervisor and station head only, each view audited', async () => {
    for (const who of ['dudao', 'zhanzhang']) {
      const token = await t.login(who);
      const detail = await t.request('GET', `/api/reports/${reportId}`, { token });
      expect(detail.status).toBe(200);
      expect(JSON.stringify(detail.body)).not.toContain('李大姐');
      expect(detail.body.reporter).toMatchObject({ anonymous: false, hasIdentity: true, canReveal: true, identityLabel: '社区人员（邻居等）' });
      const reveal = await t.request('GET', `/api/reports/${reportId}/reporter`, { token });
      expect(reveal.status).toBe(200);
      expect(reveal.body).toEqual({ name: '李大姐', phone: '13500001111', signedIn: true });
    }
    const views = await t.runtime.services.audit.forTarget('report', reportId);
    const revealRows = views.filter((v) => v.action === 'report.reporter_view' && v.result === 'ok');
    expect(revealRows).toHaveLength(2);
    expect(new Set(revealRows.map((r) => r.actorRole))).toEqual(new Set(['supervisor', 'station_head']));
  });

  it('never shows the report or its reporter to a village director, a social worker or the county', async () => {
    const director = await t.login('zhuren01'); // 双骑龙村, the very village of the report
    expect((await t.request('GET', `/api/reports/${reportId}`, { token: director })).status).toBe(403);
    expect((await t.request('GET', `/api/reports/${reportId}/reporter`, { token: director })).status).toBe(403);
    expect((await t.request('GET', '/api/reports', { token: director })).status).toBe(403);
    const social = await t.login('shegong');
    expect((await t.request('GET', `/api/reports/${reportId}/reporter`, { token: social })).status).toBe(403);
    const admin = await t.login('admin');
    expect((await t.request('GET', `/api/reports/${reportId}`, { token: admin })).status).toBe(200);
    expect((await t.request('GET', `/api/reports/${reportId}/reporter`, { token: admin })).status).toBe(403);
  });

  it('answers 404 to a supervisor of another township, like a missing report', async () => {
    const s = t.runtime.services;
    const county = (await s.org.all()).find((o) => o.level === 'county')!;
    const other = await s.org.create({ parentId: county.id, level: 'township', name: '西彭镇' });
    await s.auth.createStaff({ username: 'dudao-xipeng', password: 'Demo@2026', name: '周督导', role: 'supervisor', orgId: other.id });
    const token = await t.login('dudao-xipeng');
    const res = await t.request('GET', `/api/reports/${reportId}`, { token });
    const missing = await t.request('GET', '/api/reports/99999999', { token });
    expect(res.status).toBe(404);
    expect(res.body).toEqual(missing.body);
    expect((await t.request('GET', `/api/reports/${reportId}/reporter`, { token })).status).toBe(404);
    expect((await t.request('GET', '/api/reports', { token })).body.items).toEqual([]);
  });

  it('drives the status through setStatus: thread line, in-app notice with generic text, no going back', async () => {
    const s = t.runtime.services;
    const db = t.runtime.deps.db;
    await db.transaction((tx) => s.reports.setStatus(reportId, 'accepted', tx));
    await db.transaction((tx) => s.reports.setStatus(reportId, 'accepted', tx)); // no-op
    const view = await t.request('GET', `/api/my/reports/${reportId}`, { token: user.token });
    expect(view.body.status).toBe('accepted');
    expect(view.body.statusLabel).toBe('已受理');
    expect(view.body.messages.filter((m: { from: string }) => m.from === 'system').map((m: { text: string }) => m.text)).toEqual(['办理状态：已受理']);
    const notes = await t.request('GET', '/api/notifications', { token: user.token });
    expect(notes.status).toBe(200);
    const items = notes.body.items as { title: string; body: string | null }[];
    expect(items.filter((n) => n.title === '您提交的事项有新进展')).toHaveLength(1);
    for (const n of items) expect(`${n.title}${n.body ?? ''}`).not.toMatch(/打|伤|孩子/);
    await expect(db.transaction((tx) => s.reports.setStatus(reportId, 'received', tx))).rejects.toMatchObject({ status: 409 });
    await db.transaction((tx) => s.reports.setStatus(reportId, 'closed', tx));
    expect((await t.request('GET', `/api/my/reports/${reportId}`, { token: user.token })).body.statusLabel).toBe('已办结');
  });
});

describe('the station side: incoming list and replies', () => {
  it('lists the township’s reports newest first with keyset pages that neither skip nor repeat', async () => {
    const clock = t.clock as ManualClock;
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      clock.advance(1000);
      ids.push((await sendReport(t, minimalReport(orgs.villages['铜罐社区'], { account: `分页测试第${i}份报告内容` }), { ip: `192.0.2.${i + 10}` })).body.id);
    }
    const token = await t.login('dudao');
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `/api/reports?orgId=${orgs.villages['铜罐社区']}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await t.request('GET', q, { token });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((i: { id: number }) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const first = (await t.request('GET', `/api/reports?orgId=${orgs.villages['铜罐社区']}&limit=1`, { token })).body.items[0];
    expect(first).toMatchObject({ kind: 'harm', status: 'received', anonymous: true, method: 'wechat', org: { name: '铜罐社区' } });
    expect(first.summary).toContain('分页测试第4份');
    expect((await t.request('GET', '/api/reports?cursor=garbage', { token })).status).toBe(400);
  });

  it('lets a supervisor reply and the reporter read it with the receipt code', async () => {
    const res = await sendReport(t, minimalReport(orgs.villages['冬笋坝社区']), { ip: '192.0.2.99' });
    const token = await t.login('dudao');
    const reply = await t.request('POST', `/api/reports/${res.body.id}/messages`, { token, body: { text: '已收到，我们今天下午去看看孩子' } });
    expect(reply.status).toBe(201);
    const sess = await t.request('POST', '/api/receipts/session', { body: { receiptCode: formatReceiptCode(res.body.receiptCode) } });
    const view = await t.request('GET', '/api/receipts/report', { headers: { 'x-receipt-token': sess.body.token } });
    expect(view.status).toBe(200);
    expect(view.body.statusLabel).toBe('已收到');
    expect(view.body.messages).toEqual([expect.objectContaining({ from: 'station', text: '已收到，我们今天下午去看看孩子' })]);
    expect(JSON.stringify(view.body)).not.toContain('陈思远'); // the staff member's name is not shown
    const director = await t.login('zhuren08');
    expect((await t.request('POST', `/api/reports/${res.body.id}/messages`, { token: director, body: { text: 'x' } })).status).toBe(403);
  });

  it('lets staff enter a phone call with its 报告方式 and time, in their own area only', async () => {
    const token = await t.login('dudao');
    const at = '2026-03-02T01:30:00.000Z';
    const res = await sendReport(
      t,
      minimalReport(orgs.villages['大碑村'], { anonymous: false, method: 'phone', reportedAt: at, reporter: { name: '来电王先生', phone: '13300003333', identity: 'relative', identityNote: '舅舅' } }),
      { token },
    );
    expect(res.status).toBe(201);
    expect(res.body.receiptCode).toMatch(/^[0-9A-Z]{16}$/); // read out to the caller
    const detail = await t.request('GET', `/api/reports/${res.body.id}`, { token });
    expect(detail.body).toMatchObject({ method: 'phone', methodLabel: '电话', reportedAt: at, enteredByStaff: true });
    expect(detail.body.reporter).toMatchObject({ identityLabel: '其他亲属', identityNote: '舅舅', canReveal: true });
    const publicTry = await sendReport(t, minimalReport(orgs.villages['大碑村'], { method: 'phone' }));
    const publicDetail = await t.request('GET', `/api/reports/${publicTry.body.id}`, { token });
    expect(publicDetail.body.method).toBe('wechat'); // the mini-program's own reports are always 微信
  });
});

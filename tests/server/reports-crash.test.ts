/**
 * An acknowledged report survives a crash of the server process: a real server process (tsx
 * server/src/main.ts) takes a report with a photo, is killed with SIGKILL right after the 201, and a
 * new process on the same database and data folder still opens the receipt and serves the photo.
 */
import sharp from 'sharp';
import { jpegWithGps, newKey } from './reportsFixtures';
import { serverFixture } from './serverProcess';

const fixture = serverFixture('crash');

afterAll(() => fixture.cleanup());

it('keeps an acknowledged report, its photo and its receipt across a SIGKILL of the server', async () => {
  const first = await fixture.start();
  const orgs = await (await fetch(`${first.base}/api/public/orgs`)).json();
  const villageId = orgs.townships[0].villages[0].id;
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(await jpegWithGps())], { type: 'image/jpeg' }), 'p.jpg');
  const up = await (await fetch(`${first.base}/api/uploads/images`, { method: 'POST', body: form })).json();
  const res = await fetch(`${first.base}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': newKey() },
    body: JSON.stringify({ kind: 'harm', anonymous: true, orgId: villageId, account: '崩溃测试：孩子晚上一个人在外面', attachments: [{ fileId: up.fileId, ticket: up.ticket }] }),
  });
  expect(res.status).toBe(201);
  const { receiptCode, id } = await res.json();
  await first.kill(); // SIGKILL: no graceful shutdown

  const second = await fixture.start();
  try {
    const sess = await fetch(`${second.base}/api/receipts/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ receiptCode }) });
    expect(sess.status).toBe(200);
    const { token } = await sess.json();
    const view = await (await fetch(`${second.base}/api/receipts/report`, { headers: { 'x-receipt-token': token } })).json();
    expect(view).toMatchObject({ id, status: 'received' });
    const login = await (await fetch(`${second.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'dudao', password: 'Demo@2026' }) })).json();
    const detail = await (await fetch(`${second.base}/api/reports/${id}`, { headers: { authorization: `Bearer ${login.accessToken}` } })).json();
    expect(detail.photos).toHaveLength(1);
    const photo = await fetch(`${second.base}/api/reports/${id}/files/${detail.photos[0].id}`, { headers: { authorization: `Bearer ${login.accessToken}` } });
    expect(photo.status).toBe(200);
    expect((await sharp(Buffer.from(await photo.arrayBuffer())).metadata()).format).toBe('jpeg');
  } finally {
    await second.kill();
  }
}, 120_000);

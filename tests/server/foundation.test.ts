import mysql from 'mysql2/promise';
import { startTestServer, type TestServer } from './harness';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('health, errors and OpenAPI', () => {
  it('reports health with the database', async () => {
    const res = await t.request('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: 'ok' });
  });

  it('answers unknown API routes with the one error shape', async () => {
    const res = await t.request('GET', '/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect(res.body.error.message).toMatch(/接口不存在/);
  });

  it('names the failing fields of a bad body in Chinese', async () => {
    const res = await t.request('POST', '/api/auth/login', { body: { username: '' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.username', 'body.password']));
    expect(res.body.error.details.find((d: { path: string }) => d.path === 'body.username').message).toBe('请输入用户名');
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await t.request('POST', '/api/auth/login', { body: '{"username":', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.text).not.toMatch(/at .*\.ts:\d+/);
  });

  it('publishes an OpenAPI document of every route', async () => {
    const res = await t.request('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('username');
    expect(res.body.paths['/api/orgs/{id}'].get.parameters[0]).toMatchObject({ name: 'id', in: 'path' });
  });

  it('seeds the demo township with real place names', async () => {
    const token = await t.login('dudao');
    const res = await t.request('GET', '/api/orgs', { token });
    const names = res.body.items.map((o: { name: string }) => o.name);
    expect(names).toEqual(expect.arrayContaining(['铜罐驿镇', '双骑龙村', '建设村', '观音桥村', '英雄湾村', '新合村', '大碑村', '黄金堡村', '冬笋坝社区', '铜罐社区']));
  });

  it('keeps the audit log append-only at the database level, even for root', async () => {
    const root = await mysql.createConnection({ uri: t.adminUrl });
    try {
      await expect(root.query('UPDATE audit_log SET result = "x"')).rejects.toThrow(/append-only/);
      await expect(root.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    } finally {
      await root.end();
    }
  });
});

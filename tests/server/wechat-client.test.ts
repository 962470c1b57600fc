import http from 'node:http';
import { isDatabaseUnavailable } from '../../server/src/db/unavailable';
import { WechatClient, WechatError } from '../../server/src/integrations/wechat/client';
import { freePort } from './serverProcess';

/** A WeChat outage is a WechatError (handled by every caller), never taken for a database outage. */
describe('the WeChat client when WeChat is unreachable or answers nonsense', () => {
  it('turns a refused connection into a WechatError that is not "database unavailable"', async () => {
    const client = new WechatClient({ baseUrl: `http://127.0.0.1:${await freePort()}`, appId: 'a', secret: 's', timeoutMs: 2000 });
    const err = await client.code2Session('code').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WechatError);
    expect(isDatabaseUnavailable(err)).toBe(false);
  });

  it('turns an answer that is not JSON into a WechatError', async () => {
    const server = http.createServer((_req, res) => res.end('<html>gateway</html>'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as import('node:net').AddressInfo).port;
      const client = new WechatClient({ baseUrl: `http://127.0.0.1:${port}`, appId: 'a', secret: 's' });
      await expect(client.code2Session('code')).rejects.toBeInstanceOf(WechatError);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

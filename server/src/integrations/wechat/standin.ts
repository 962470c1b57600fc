import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { listenOn } from '../../lib/listen';

/**
 * Loopback stand-in for WeChat's server API: same paths, same JSON shapes.
 * Used by the demo start script and by tests; the app only sees a base URL.
 * Extra /__standin/* paths let a test read sent messages and inject failures.
 */
export interface SentMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
}

export interface WechatStandin {
  baseUrl: string;
  sent: SentMessage[];
  /** The next `times` calls to `path` answer with `errcode`. */
  failNext(path: string, errcode: number, times?: number): void;
  openidFor(code: string): string;
  close(): Promise<void>;
}

export const standinOpenid = (code: string): string =>
  'o' + createHash('sha256').update(`standin:${code}`).digest('base64url').slice(0, 27);

export async function startWechatStandin(port = 0, host = '127.0.0.1'): Promise<WechatStandin> {
  const sent: SentMessage[] = [];
  const failures = new Map<string, { errcode: number; times: number }>();
  const tokens = new Set<string>();

  const handle = async (url: URL, body: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const fail = failures.get(url.pathname);
    if (fail && fail.times > 0) {
      fail.times -= 1;
      return { errcode: fail.errcode, errmsg: 'injected failure' };
    }
    const needToken = () => tokens.has(url.searchParams.get('access_token') ?? '');
    switch (url.pathname) {
      case '/sns/jscode2session': {
        const code = url.searchParams.get('js_code') ?? '';
        if (!code || code.startsWith('invalid')) return { errcode: 40029, errmsg: 'invalid code' };
        return { openid: standinOpenid(code), session_key: randomBytes(16).toString('base64') };
      }
      case '/cgi-bin/token': {
        const token = randomBytes(24).toString('hex');
        tokens.add(token);
        return { access_token: token, expires_in: 7200 };
      }
      case '/cgi-bin/message/subscribe/send':
        if (!needToken()) return { errcode: 40001, errmsg: 'invalid credential' };
        sent.push(body as unknown as SentMessage);
        return { errcode: 0, errmsg: 'ok' };
      case '/wxa/msg_sec_check': {
        if (!needToken()) return { errcode: 40001, errmsg: 'invalid credential' };
        const risky = String(body.content ?? '').includes('违规测试词');
        return { errcode: 0, errmsg: 'ok', result: { suggest: risky ? 'risky' : 'pass', label: risky ? 20001 : 100 } };
      }
      case '/__standin/messages':
        return { messages: sent };
      default:
        return { errcode: 404, errmsg: 'no such api in stand-in' };
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://standin');
      let body: Record<string, unknown> = {};
      try {
        body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
      } catch {
        body = {};
      }
      handle(url, body).then((out) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(out));
      });
    });
  });
  await listenOn(server, port, host, 'WECHAT_STANDIN_PORT');
  const { port: bound } = server.address() as AddressInfo;
  return {
    baseUrl: `http://${host}:${bound}`,
    sent,
    failNext: (path, errcode, times = 1) => failures.set(path, { errcode, times }),
    openidFor: standinOpenid,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

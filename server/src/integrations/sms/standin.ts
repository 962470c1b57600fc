import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SmsSendRequest } from './client';

/**
 * Loopback stand-in for the SMS gateway: same path, same JSON shapes, nothing leaves the machine.
 * Used by the demo start script and by tests; the app only sees a base URL. GET /__standin/messages
 * lists what was "sent" (the demo prints each code to the console, since no phone receives it).
 */
export interface SentSms extends SmsSendRequest {
  at: string;
}

export interface SmsStandin {
  baseUrl: string;
  sent: SentSms[];
  /** The code of the newest message to this phone number. */
  lastCodeFor(phone: string): string | undefined;
  /** The next `times` sends answer with this error code. */
  failNext(code: string, times?: number): void;
  close(): Promise<void>;
}

export interface SmsStandinOptions {
  port?: number;
  host?: string;
  /** Called for every message (the demo prints the code, masked phone first). */
  onSend?: (msg: SentSms) => void;
}

export async function startSmsStandin(opts: SmsStandinOptions = {}): Promise<SmsStandin> {
  const sent: SentSms[] = [];
  let failure: { code: string; times: number } | null = null;

  const handle = (method: string, url: URL, auth: string, body: Record<string, unknown>): { status: number; json: unknown } => {
    if (method === 'GET' && url.pathname === '/__standin/messages') return { status: 200, json: { messages: sent } };
    if (method !== 'POST' || url.pathname !== '/v1/sms/send') return { status: 404, json: { ok: false, code: 'NOT_FOUND', message: 'no such api in stand-in' } };
    if (!/^Bearer\s+\S+/.test(auth)) return { status: 401, json: { ok: false, code: 'UNAUTHORIZED', message: 'missing api key' } };
    if (failure && failure.times > 0) {
      failure.times -= 1;
      return { status: 502, json: { ok: false, code: failure.code, message: 'injected failure' } };
    }
    if (typeof body.to !== 'string' || typeof body.template !== 'string' || typeof body.params !== 'object' || body.params === null) {
      return { status: 400, json: { ok: false, code: 'BAD_REQUEST', message: 'to, template and params are required' } };
    }
    const msg: SentSms = { to: body.to, template: body.template as SentSms['template'], params: body.params as Record<string, string>, at: new Date().toISOString() };
    sent.push(msg);
    opts.onSend?.(msg);
    return { status: 200, json: { ok: true, id: `standin-${sent.length}` } };
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Record<string, unknown> = {};
      try {
        body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
      } catch {
        body = {};
      }
      const out = handle(req.method ?? 'GET', new URL(req.url ?? '/', 'http://standin'), req.headers.authorization ?? '', body);
      res.writeHead(out.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(out.json));
    });
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://${host}:${port}`,
    sent,
    lastCodeFor: (phone) => [...sent].reverse().find((m) => m.to === phone)?.params.code,
    failNext: (code, times = 1) => {
      failure = { code, times };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

import http from 'node:http';
import type { Socket } from 'node:net';
import { listenOn } from '../lib/listen';
import type { Logger } from '../logger';
import { API_CSP } from './securityHeaders';

/** Headers of an error answered outside Koa (same security headers as every other answer). */
const ERROR_HEADER_MAP: Record<string, string> = {
  'Content-Type': 'application/json; charset=utf-8',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': API_CSP,
  'Cache-Control': 'no-store',
  Connection: 'close',
};
const ERROR_HEADERS = Object.entries(ERROR_HEADER_MAP)
  .map(([k, v]) => `${k}: ${v}\r\n`)
  .join('');

/** What Node's parser refused, as the API's one error shape (Node's default is a bare text 400). */
function parserRefusal(err: NodeJS.ErrnoException): { status: number; reason: string; code: string; message: string } {
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, reason: 'Request Header Fields Too Large', code: 'VALIDATION_FAILED', message: '请求头过大' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, reason: 'Request Timeout', code: 'VALIDATION_FAILED', message: '请求超时，请重试' };
    default:
      return { status: 400, reason: 'Bad Request', code: 'VALIDATION_FAILED', message: '请求格式不正确' };
  }
}

/** The HTTP server around the Koa app: malformed requests get a JSON 400 with the security headers. */
export function createHttpServer(handler: http.RequestListener): http.Server {
  const server = http.createServer(handler);
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const r = parserRefusal(err);
    const body = JSON.stringify({ error: { code: r.code, message: r.message } });
    socket.end(`HTTP/1.1 ${r.status} ${r.reason}\r\n${ERROR_HEADERS}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
  // An Expect header other than 100-continue: Node's default answer is a bare 417.
  server.on('checkExpectation', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    const body = JSON.stringify({ error: { code: 'VALIDATION_FAILED', message: '不支持请求头 Expect 的取值，请去掉该请求头后重试' } });
    res.writeHead(417, { ...ERROR_HEADER_MAP, 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  });
  return server;
}

/**
 * Listens (a busy port rejects with one line naming PORT), then keeps a permanent 'error' listener
 * so a failed accept never kills the process.
 */
export async function listenSafely(server: http.Server, port: number, host: string, logger: Logger): Promise<void> {
  await listenOn(server, port, host, 'PORT');
  let lastLogged = 0;
  server.on('error', (err: NodeJS.ErrnoException) => {
    // An accept failure (libuv absorbs EMFILE itself; others reach here) repeats per waiting
    // connection: one line a second at most.
    if (Date.now() - lastLogged < 1000) return;
    lastLogged = Date.now();
    logger.warn({ code: err.code, syscall: err.syscall }, 'http server could not accept a connection');
  });
}

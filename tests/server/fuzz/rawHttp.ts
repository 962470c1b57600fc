import net from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function dechunk(buf: Buffer): Buffer {
  const out: Buffer[] = [];
  let o = 0;
  while (o < buf.length) {
    const eol = buf.indexOf('\r\n', o);
    if (eol < 0) break;
    const size = parseInt(buf.toString('latin1', o, eol), 16);
    if (!Number.isFinite(size) || size === 0) break;
    out.push(buf.subarray(eol + 2, eol + 2 + size));
    o = eol + 2 + size + 2;
  }
  return Buffer.concat(out);
}

/**
 * Sends one request byte for byte over a fresh connection (any method, any headers, a
 * Content-Length that may lie by `lengthSkew` bytes) and parses the first response.
 * null when the server closed without answering or did not answer in time.
 */
export function sendRaw(
  base: string,
  req: { method: string; target: string; headers: Record<string, string>; body: Buffer; lengthSkew?: number },
  timeoutMs = 5000,
): Promise<RawResponse | null> {
  const url = new URL(base);
  const declared = req.body.length + (req.lengthSkew ?? 0);
  const head =
    `${req.method} ${req.target} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n` +
    Object.entries(req.headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('') +
    (req.method === 'GET' || req.method === 'HEAD' ? '' : `Content-Length: ${Math.max(0, declared)}\r\n`) +
    '\r\n';
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const sock = net.connect(Number(url.port), url.hostname, () => {
      sock.write(Buffer.concat([Buffer.from(head, 'latin1'), req.body]));
      // A body shorter than declared: say we are done, so the server sees the request cut off.
      if ((req.lengthSkew ?? 0) > 0) sock.end();
    });
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sock.destroy();
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      if (split < 0) return resolve(null);
      const lines = all.toString('latin1', 0, split).split('\r\n');
      const status = Number(lines[0].split(' ')[1]);
      const headers: Record<string, string> = {};
      for (const l of lines.slice(1)) headers[l.slice(0, l.indexOf(':')).toLowerCase()] = l.slice(l.indexOf(':') + 1).trim();
      let body: Buffer = all.subarray(split + 4);
      if (headers['transfer-encoding'] === 'chunked') body = dechunk(body);
      else if (headers['content-length']) body = body.subarray(0, Number(headers['content-length']));
      resolve({ status, headers, body: body.toString('utf8') });
    };
    const timer = setTimeout(finish, timeoutMs);
    sock.on('data', (c) => chunks.push(c));
    sock.on('end', finish);
    sock.on('close', finish);
    sock.on('error', finish);
  });
}

import { bodyParser } from '@koa/bodyparser';
import type Koa from 'koa';
import { AppError } from './errors';

export const JSON_LIMIT = '1mb';

interface ParseFailure {
  status?: number;
  type?: string;
  code?: string;
  message?: string;
}

/** The one error a request body that cannot be read becomes (never a 500). */
export function bodyError(err: unknown, ctx: Koa.Context): AppError | undefined {
  const e = (typeof err === 'object' && err !== null ? err : {}) as ParseFailure;
  const encoding = (ctx.get('content-encoding') || 'identity').trim().toLowerCase();
  const detail = (message: string) => [{ path: 'body', message }];
  if (e.status === 413 || e.type === 'entity.too.large') {
    return new AppError('PAYLOAD_TOO_LARGE', '提交的内容过大（上限 1MB），请精简后再提交', detail('内容过大'));
  }
  if (e.status === 415 && /content-encoding/i.test(e.message ?? '')) {
    return new AppError('UNSUPPORTED_MEDIA_TYPE', `不支持的内容编码（Content-Encoding: ${encoding.slice(0, 40)}），请不压缩或使用 gzip、deflate、br`, detail('不支持的内容编码'));
  }
  if (e.status === 415 || e.type === 'encoding.unsupported') {
    return new AppError('UNSUPPORTED_MEDIA_TYPE', '不支持的字符集，请以 UTF-8 编码提交', detail('不支持的字符集'));
  }
  if (e.type === 'request.size.invalid') {
    return new AppError('VALIDATION_FAILED', '请求体长度与 Content-Length 不一致，请重新提交', detail('长度不一致'));
  }
  if (e.type === 'request.aborted') {
    return new AppError('VALIDATION_FAILED', '请求体不完整，请重新提交', detail('内容不完整'));
  }
  // zlib / brotli failures: the body is not what its Content-Encoding says.
  if (encoding !== 'identity' && typeof e.code === 'string' && /^(Z_|ERR_BROTLI|ERR__)/.test(e.code)) {
    return new AppError('VALIDATION_FAILED', `请求体无法按 Content-Encoding: ${encoding.slice(0, 40)} 解压，请检查压缩方式或不压缩后重试`, detail('无法解压'));
  }
  if (e.status === 400 || e.type === 'entity.parse.failed') {
    return new AppError('VALIDATION_FAILED', '请求体不是有效的 JSON', detail('无法解析'));
  }
  return undefined;
}

/** JSON bodies up to 1 MB (gzip/deflate/br accepted); any body that cannot be read → 4xx in the one shape. */
export function jsonBody(): Koa.Middleware {
  return bodyParser({
    enableTypes: ['json'],
    jsonLimit: JSON_LIMIT,
    onError(err, ctx) {
      const mapped = bodyError(err, ctx);
      if (!mapped) throw err;
      // The rest of an unread body must not be taken for the next request on this connection.
      ctx.set('Connection', 'close');
      throw mapped;
    },
  });
}

import { randomUUID } from 'node:crypto';
import type Koa from 'koa';
import { databaseUnavailableError, failureCode, isDatabaseUnavailable } from '../db/unavailable';
import type { Logger } from '../logger';
import { bodyError } from './body';
import { AppError } from './errors';

/** Errors thrown by Koa's own helpers and middleware (http-errors): status only, English text. */
function httpErrorStatus(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null || !('status' in err)) return undefined;
  const status = (err as { status: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/** A 4xx from a library, in the one shape with a Chinese message. */
function clientError(err: unknown, status: number, ctx: Koa.Context): AppError {
  const fromBody = bodyError(err, ctx);
  if (fromBody) return fromBody;
  if (status === 404) return new AppError('NOT_FOUND', `接口不存在：${ctx.method} ${ctx.path}`);
  if (status === 413) return new AppError('PAYLOAD_TOO_LARGE', '提交的内容过大');
  if (status === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型');
  return new AppError('VALIDATION_FAILED', '请求格式不正确');
}

/** A response the router left without a body (404, 405, 501) becomes an error in the one shape. */
function unansweredError(ctx: Koa.Context): AppError | undefined {
  if (ctx.body !== undefined && ctx.body !== null) return undefined;
  const method = ctx.method.slice(0, 20);
  if (ctx.status === 404) return new AppError('NOT_FOUND', `接口不存在：${method} ${ctx.path}`);
  if (ctx.status === 405) {
    const allow = ctx.response.get('Allow');
    return new AppError('METHOD_NOT_ALLOWED', `此接口不支持 ${method} 请求${allow ? `，可用：${allow}` : ''}`);
  }
  if (ctx.status === 501) return new AppError('NOT_IMPLEMENTED', `服务器不支持 ${method} 请求方法`);
  return undefined;
}

/** First middleware: every failure leaves as {"error":{code,message,details}}; never a stack trace. */
export function errorMiddleware(logger: Logger): Koa.Middleware {
  return async (ctx, next) => {
    try {
      await next();
      const unanswered = unansweredError(ctx);
      if (unanswered) throw unanswered;
    } catch (err) {
      let error: AppError;
      let id: string | undefined;
      if (err instanceof AppError) {
        error = err;
      } else if (isDatabaseUnavailable(err)) {
        // Expected while the database restarts or the network drops: one line, no stack.
        logger.warn({ code: failureCode(err), method: ctx.method, route: ctx._matchedRoute ?? '(none)' }, 'database unavailable');
        error = databaseUnavailableError();
      } else if (httpErrorStatus(err) !== undefined) {
        error = clientError(err, httpErrorStatus(err)!, ctx);
      } else {
        id = randomUUID();
        logger.error({ errorId: id, err, method: ctx.method, route: ctx._matchedRoute ?? '(none)' }, 'unhandled error');
        error = new AppError('INTERNAL', `服务器内部错误，请稍后再试（错误编号 ${id}）`);
      }
      ctx.status = error.status;
      ctx.body = { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}), ...(id ? { id } : {}) } };
      if (error.headers) ctx.set(error.headers);
      // Whatever a handler set for its own answer (a photo's name) does not belong on an error.
      ctx.remove('Content-Disposition');
    }
  };
}

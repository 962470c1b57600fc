import { randomUUID } from 'node:crypto';
import type Koa from 'koa';
import type { Logger } from '../logger';
import { AppError } from './errors';

function isBodyParseError(err: unknown): err is { status: number; type?: string; message: string } {
  return typeof err === 'object' && err !== null && 'status' in err && typeof (err as { status: unknown }).status === 'number';
}

/** First middleware: every failure leaves as {"error":{code,message,details}}; never a stack trace. */
export function errorMiddleware(logger: Logger): Koa.Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        throw new AppError('NOT_FOUND', `接口不存在：${ctx.method} ${ctx.path}`);
      }
    } catch (err) {
      if (err instanceof AppError) {
        ctx.status = err.status;
        ctx.body = { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } };
        if (err.headers) ctx.set(err.headers);
        return;
      }
      if (isBodyParseError(err) && err.status >= 400 && err.status < 500) {
        const tooLarge = err.status === 413;
        ctx.status = err.status;
        ctx.body = {
          error: {
            code: tooLarge ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED',
            message: tooLarge ? '提交的内容过大' : '请求体不是有效的 JSON',
            details: [{ path: 'body', message: tooLarge ? '内容过大' : '无法解析' }],
          },
        };
        return;
      }
      const id = randomUUID();
      logger.error({ errorId: id, err, method: ctx.method, route: ctx._matchedRoute ?? ctx.path }, 'unhandled error');
      ctx.status = 500;
      ctx.body = { error: { code: 'INTERNAL', message: `服务器内部错误，请稍后再试（错误编号 ${id}）`, id } };
    }
  };
}

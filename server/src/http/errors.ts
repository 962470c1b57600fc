import { ERROR_STATUS, type ErrorCode, type ErrorDetail } from '@wbt/shared';

/** The one error class: a code (mapped to an HTTP status), a Chinese message, optional field details. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }

  static notFound(what = '记录'): AppError {
    return new AppError('NOT_FOUND', `${what}不存在或无权访问`);
  }
  static validation(path: string, message: string): AppError {
    return new AppError('VALIDATION_FAILED', message, [{ path, message }]);
  }
  static conflict(message: string): AppError {
    return new AppError('CONFLICT', message);
  }
  static forbidden(message = '没有权限执行此操作'): AppError {
    return new AppError('FORBIDDEN', message);
  }
  static unauthenticated(message = '请先登录'): AppError {
    return new AppError('UNAUTHENTICATED', message);
  }
  static tooMany(code: 'RATE_LIMITED' | 'ACCOUNT_LOCKED', message: string, retryAfterSec: number): AppError {
    return new AppError(code, message, undefined, { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSec))) });
  }
}

import type { ErrorDetail } from '@wbt/shared';

export const NETWORK_ERROR_MESSAGE = '网络连接失败，请检查网络后重试';

/** Code used for failures that never reached the server. */
export const NETWORK_ERROR_CODE = 'NETWORK_ERROR';

const FALLBACK_MESSAGES: Record<number, string> = {
  400: '提交的内容有误，请检查后重试',
  401: '登录已失效，请重新登录',
  403: '没有权限进行此操作',
  404: '未找到相关内容',
  409: '操作冲突，请刷新后重试',
  413: '提交的内容过大',
  415: '不支持的文件类型',
  429: '操作过于频繁，请稍后再试',
};

/** Every failed API call throws this; `message` is always Chinese and fit to show a person. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];

  constructor(status: number, code: string, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Field path → first message, for forms. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const d of this.details) if (!(d.path in out)) out[d.path] = d.message;
    return out;
  }
}

export function networkError(): ApiError {
  return new ApiError(0, NETWORK_ERROR_CODE, NETWORK_ERROR_MESSAGE);
}

function fallbackMessage(status: number): string {
  return FALLBACK_MESSAGES[status] ?? (status >= 500 ? '服务暂时不可用，请稍后再试' : `请求失败（${status}）`);
}

/** Map a non-2xx response to an ApiError, using the server's {"error":{…}} body when it has one. */
export function errorFromResponse(status: number, body: unknown): ApiError {
  const err = body && typeof body === 'object' ? (body as { error?: unknown }).error : undefined;
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; message?: unknown; details?: unknown };
    const details = Array.isArray(e.details)
      ? e.details.filter(
          (d): d is ErrorDetail => !!d && typeof d === 'object' && typeof (d as ErrorDetail).message === 'string',
        )
      : [];
    return new ApiError(
      status,
      typeof e.code === 'string' ? e.code : `HTTP_${status}`,
      typeof e.message === 'string' && e.message ? e.message : fallbackMessage(status),
      details,
    );
  }
  return new ApiError(status, `HTTP_${status}`, fallbackMessage(status));
}

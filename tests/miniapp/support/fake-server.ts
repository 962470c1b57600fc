import Taro from '@tarojs/taro';

export interface FakeRequest {
  url: string;
  method: string;
  header: Record<string, string>;
  data: unknown;
}

export interface FakeResponse {
  statusCode: number;
  data?: unknown;
}

/** A reply, a thrown network failure ('network'), or a reply after a delay. */
export type Handler = (req: FakeRequest) => FakeResponse | 'network' | Promise<FakeResponse | 'network'>;

/** Replace Taro.request (the module boundary of services/api.ts) with an in-memory server. */
export function fakeServer(handler: Handler) {
  const calls: FakeRequest[] = [];
  const spy = jest.spyOn(Taro, 'request').mockImplementation(((opts: Taro.request.Option) => {
    const req: FakeRequest = {
      url: opts.url,
      method: opts.method ?? 'GET',
      header: (opts.header ?? {}) as Record<string, string>,
      data: opts.data,
    };
    calls.push(req);
    return Promise.resolve(handler(req)).then((res) => {
      if (res === 'network') throw Object.assign(new Error('Failed to fetch'), { errMsg: 'request:fail' });
      return { statusCode: res.statusCode, data: res.data, header: {}, cookies: [], errMsg: 'request:ok' };
    });
  }) as unknown as typeof Taro.request);
  return { calls, spy, paths: () => calls.map((c) => `${c.method} ${c.url}`) };
}

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The one client for WeChat's server API. Its base URL is configuration: the real
 * https://api.weixin.qq.com in production, the loopback stand-in (standin.ts) elsewhere.
 */
export class WechatError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`wechat errcode ${errcode}: ${errmsg}`);
  }
}

/** 43101: the user has not granted (or has used up) the subscribe-message quota. */
export const WX_NO_SUBSCRIBE_QUOTA = 43101;

interface WxBase {
  errcode?: number;
  errmsg?: string;
}

export interface WechatClientOptions {
  baseUrl: string;
  appId: string;
  secret: string;
  timeoutMs?: number;
}

export class WechatClient {
  private token?: { value: string; expiresAt: number };

  constructor(private readonly opts: WechatClientOptions) {}

  async code2Session(code: string): Promise<{ openid: string; unionid?: string }> {
    const res = await this.call<{ openid: string; unionid?: string; session_key: string }>('GET', '/sns/jscode2session', {
      appid: this.opts.appId,
      secret: this.opts.secret,
      js_code: code,
      grant_type: 'authorization_code',
    });
    return { openid: res.openid, unionid: res.unionid };
  }

  async sendSubscribeMessage(msg: {
    openid: string;
    templateId: string;
    page?: string;
    data: Record<string, { value: string }>;
  }): Promise<void> {
    await this.withToken((token) =>
      this.call('POST', '/cgi-bin/message/subscribe/send', { access_token: token }, {
        touser: msg.openid,
        template_id: msg.templateId,
        page: msg.page,
        data: msg.data,
      }),
    );
  }

  /** Content safety check (msgSecCheck v2). Returns false when WeChat says the text is risky. */
  async checkText(openid: string, content: string): Promise<boolean> {
    const res = await this.withToken((token) =>
      this.call<{ result?: { suggest: string } }>('POST', '/wxa/msg_sec_check', { access_token: token }, {
        openid,
        content,
        version: 2,
        scene: 2,
      }),
    );
    return res.result?.suggest !== 'risky';
  }

  private async withToken<T>(fn: (token: string) => Promise<T>): Promise<T> {
    try {
      return await fn(await this.accessToken());
    } catch (err) {
      // 40001/42001: token invalid or expired — fetch a new one once.
      if (err instanceof WechatError && (err.errcode === 40001 || err.errcode === 42001)) {
        this.token = undefined;
        return fn(await this.accessToken());
      }
      throw err;
    }
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now()) return this.token.value;
    const res = await this.call<{ access_token: string; expires_in: number }>('GET', '/cgi-bin/token', {
      grant_type: 'client_credential',
      appid: this.opts.appId,
      secret: this.opts.secret,
    });
    this.token = { value: res.access_token, expiresAt: Date.now() + (res.expires_in - 300) * 1000 };
    return res.access_token;
  }

  private async call<T>(method: 'GET' | 'POST', path: string, query: Record<string, string>, body?: unknown): Promise<T & WxBase> {
    const url = new URL(path, this.opts.baseUrl);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    // Network failures and non-JSON answers become WechatError too: callers handle one error type,
    // and a failure of WeChat is never mistaken for one of the database (both can say ECONNREFUSED).
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: body === undefined ? undefined : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5000),
      });
    } catch (err) {
      const code = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
      throw new WechatError(-1, `unreachable: ${code}`);
    }
    if (!res.ok) throw new WechatError(-1, `http ${res.status}`);
    let json: T & WxBase;
    try {
      json = (await res.json()) as T & WxBase;
    } catch {
      throw new WechatError(-1, 'answer is not JSON');
    }
    if (json.errcode) throw new WechatError(json.errcode, json.errmsg ?? '');
    return json;
  }
}

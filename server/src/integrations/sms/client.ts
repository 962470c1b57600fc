/**
 * The one client for sending text messages (one-time sign-in codes). Its base URL is configuration:
 * the SMS gateway in production, the loopback stand-in (standin.ts) elsewhere. The gateway speaks a
 * small JSON API — POST /v1/sms/send with a bearer key — that an adapter in front of a provider
 * (Aliyun, Tencent Cloud, …) implements; the app only knows this shape.
 */
export class SmsError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`sms ${code}: ${message}`);
  }
}

export interface SmsClientOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
}

/** POST /v1/sms/send request body. */
export interface SmsSendRequest {
  to: string;
  template: 'verification_code';
  params: Record<string, string>;
}

export class SmsClient {
  constructor(private readonly opts: SmsClientOptions) {}

  /** Sends a sign-in code; throws SmsError when the gateway refuses or cannot be reached. */
  async sendVerificationCode(phone: string, code: string, minutes: number): Promise<void> {
    await this.send({ to: phone, template: 'verification_code', params: { code, minutes: String(minutes) } });
  }

  private async send(body: SmsSendRequest): Promise<void> {
    let res: Response;
    try {
      res = await fetch(new URL('/v1/sms/send', this.opts.baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.opts.apiKey}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5000),
      });
    } catch (err) {
      throw new SmsError('UNREACHABLE', err instanceof Error ? err.message : String(err));
    }
    let json: { ok?: boolean; code?: string; message?: string } = {};
    try {
      json = (await res.json()) as typeof json;
    } catch {
      // a gateway answering without JSON is a failure below
    }
    if (!res.ok || json.ok !== true) throw new SmsError(json.code ?? `HTTP_${res.status}`, json.message ?? `http ${res.status}`);
  }
}

import type { AttachmentRef, ReceiptSession, ReporterView, ReportThreadMessage } from '@wbt/shared';
import { AppError } from '../../http/errors';
import type { AuditService } from '../audit/audit.service';
import { RATE_POLICIES, type RateLimitService } from '../ratelimit/ratelimit.service';
import type { ReportsService } from '../reports/reports.service';
import type { ReceiptCodes } from './receiptCodes';

/** One answer for every code that does not open a report, wrong or non-existent alike. */
const NO_SUCH_RECEIPT = () => new AppError('NOT_FOUND', '回执码不正确，请核对后重新输入');
const SESSION_ENDED = () => AppError.unauthenticated('查询已超时，请重新输入回执码');

/**
 * The anonymous reporter's way back in: a receipt code posted in a body opens a short-lived
 * receipt session (token in the X-Receipt-Token header), which reads status and thread and adds
 * information. Failures are limited per client address (rate-limit store: memory, or Redis when
 * configured); nothing about the client is stored.
 */
export class ReceiptsService {
  constructor(
    private readonly codes: ReceiptCodes,
    private readonly reports: ReportsService,
    private readonly rateLimit: RateLimitService,
    private readonly audit: AuditService,
  ) {}

  /** Per-client queue: check, look up and count one attempt at a time, so a burst cannot slip past the limit. */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  openSession(receiptCode: string, client: string): Promise<ReceiptSession> {
    const previous = this.inFlight.get(client) ?? Promise.resolve();
    const attempt = previous.catch(() => undefined).then(() => this.tryCode(receiptCode, client));
    this.inFlight.set(client, attempt);
    const release = () => {
      if (this.inFlight.get(client) === attempt) this.inFlight.delete(client);
    };
    attempt.then(release, release);
    return attempt;
  }

  private async tryCode(receiptCode: string, client: string): Promise<ReceiptSession> {
    await this.rateLimit.assertAllowed(RATE_POLICIES.receiptFailures, client);
    const reportId = await this.reports.idByReceiptHash(await this.codes.hash(receiptCode));
    if (reportId === undefined) {
      await this.rateLimit.hit(RATE_POLICIES.receiptFailures, client);
      throw NO_SUCH_RECEIPT();
    }
    await this.audit.record({ actor: null, action: 'receipt.open', targetType: 'report', targetId: reportId, result: 'ok' });
    return this.codes.issueToken(reportId);
  }

  private reportOf(token: string | undefined): number {
    const id = this.codes.verifyToken(token);
    if (id === null) throw SESSION_ENDED();
    return id;
  }

  view(token: string | undefined): Promise<ReporterView> {
    return this.reports.reporterView(this.reportOf(token));
  }

  addMessage(token: string | undefined, input: { text: string; attachments: AttachmentRef[] }): Promise<ReportThreadMessage> {
    return this.reports.postReporterMessage(this.reportOf(token), input, null);
  }
}

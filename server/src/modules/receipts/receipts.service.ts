import type {
  AnonymousConsultationCreated,
  AttachmentRef,
  ConsultationCreate,
  ConsultationDetail,
  ReceiptKind,
  ReceiptSession,
  ReporterView,
  ReportThreadMessage,
} from '@wbt/shared';
import { AppError } from '../../http/errors';
import type { AuditService } from '../audit/audit.service';
import type { ConsultationsService } from '../consultations/consultations.service';
import { RATE_POLICIES, type RateLimitService } from '../ratelimit/ratelimit.service';
import type { ReportsService } from '../reports/reports.service';
import type { ReceiptCodes } from './receiptCodes';

/** One answer for every code that does not open a record, wrong or non-existent alike. */
const NO_SUCH_RECEIPT = () => new AppError('NOT_FOUND', '回执码不正确，请核对后重新输入');
const SESSION_ENDED = () => AppError.unauthenticated('查询已超时，请重新输入回执码');

/**
 * The anonymous person's way back in: a receipt code posted in a body opens a short-lived receipt
 * session (token in the X-Receipt-Token header) on what the code belongs to — an anonymous report
 * (status, thread, more information) or an anonymous policy question (the answers, a follow-up).
 * Failures are limited per client address (rate-limit store: memory, or Redis when configured);
 * nothing about the client is stored.
 */
export class ReceiptsService {
  constructor(
    private readonly codes: ReceiptCodes,
    private readonly reports: ReportsService,
    private readonly consultations: ConsultationsService,
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
    // While first-version hashes remain, every code is hashed both ways (so a wrong code answers in
    // the same time as any other); once none remain (new ones are never written) only the cheap way.
    const legacy = (await Promise.all([this.reports.hasLegacyReceiptHash(), this.consultations.hasLegacyReceiptHash()])).some(Boolean);
    const hashes = await this.codes.candidates(receiptCode, legacy);
    const probes = await Promise.all(hashes.map((h) => Promise.all([this.reports.idByReceiptHash(h), this.consultations.idByReceiptHash(h)])));
    let found: [ReceiptKind, number] | null = null;
    for (const [reportId, consultationId] of probes) {
      found ??= reportId !== undefined ? ['report', reportId] : consultationId !== undefined ? ['consultation', consultationId] : null;
    }
    if (!found) {
      await this.rateLimit.hit(RATE_POLICIES.receiptFailures, client);
      throw NO_SUCH_RECEIPT();
    }
    await this.audit.record({ actor: null, action: 'receipt.open', targetType: found[0], targetId: found[1], result: 'ok' });
    return this.codes.issueToken(found[0], found[1]);
  }

  private idOf(kind: ReceiptKind, token: string | undefined): number {
    const id = this.codes.verifyToken(kind, token);
    if (id === null) throw SESSION_ENDED();
    return id;
  }

  /** The reporter's view; each read is audited by record (the reader stays anonymous). */
  async view(token: string | undefined): Promise<ReporterView> {
    const id = this.idOf('report', token);
    const view = await this.reports.reporterView(id);
    await this.audit.record({ actor: null, action: 'receipt.view', targetType: 'report', targetId: id, result: 'ok' });
    return view;
  }

  addMessage(token: string | undefined, input: { text: string; attachments: AttachmentRef[] }): Promise<ReportThreadMessage> {
    return this.reports.postReporterMessage(this.idOf('report', token), input, null);
  }

  // ---- anonymous policy questions ----

  /** Asks without signing in; the receipt code is returned once and kept only as its slow hash. */
  async askConsultation(input: ConsultationCreate, client: string): Promise<AnonymousConsultationCreated> {
    await this.rateLimit.consume(RATE_POLICIES.anonymousQuestions, client);
    const receiptCode = this.codes.generate();
    const consultation = await this.consultations.askAnonymously(input, await this.codes.hash(receiptCode));
    return { consultation, receiptCode };
  }

  async consultation(token: string | undefined): Promise<ConsultationDetail> {
    const id = this.idOf('consultation', token);
    const view = await this.consultations.receiptView(id);
    await this.audit.record({ actor: null, action: 'receipt.view', targetType: 'consultation', targetId: id, result: 'ok' });
    return view;
  }

  consultationMessage(token: string | undefined, body: string): Promise<ConsultationDetail> {
    return this.consultations.receiptMessage(this.idOf('consultation', token), body);
  }

  closeConsultation(token: string | undefined): Promise<ConsultationDetail> {
    return this.consultations.receiptClose(this.idOf('consultation', token));
  }
}

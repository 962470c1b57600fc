import {
  DocumentType,
  MandatorySituation,
  ReportNature,
  ReportTrigger,
  reportNature,
  REPORT_READ_ROLES,
  REPORT_REPLY_ROLES,
  REPORT_STATUS_ORDER,
  ReportStatus,
  REPORTER_IDENTITY_ROLES,
  ReporterIdentity,
  ReportMethod,
  type AttachmentRef,
  type IncomingReportItem,
  type IncomingReportsFilter,
  type MyReportItem,
  type PublicOrgs,
  type ReportCreated,
  type ReportCreateParsed,
  type ReporterView,
  type ReportThreadMessage,
} from '@wbt/shared';
import type { Config } from '../../config';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import type { Clock } from '../../lib/clock';
import type { FieldCrypto } from '../../lib/fieldCrypto';
import type { AuditService } from '../audit/audit.service';
import type { FilesService, StoredImage } from '../files/files.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { OrgService } from '../org/org.service';
import type { ReceiptCodes } from '../receipts/receiptCodes';
import { ReportSubmissions, type CreateContext, type ReportCreatedListener } from './reports.create';
import { reportsRepo, type ReportMessageRow, type ReportRow } from './reports.repo';
import type { ReportContent, ReporterSecret, ReportPhoto, StaffReportDetail } from './reports.types';

export { IDEMPOTENCY_WINDOW_MS, IDEMPOTENT_RECEIPT_TTL_MS, type CreateContext, type ReportCreatedListener } from './reports.create';
/** Told inside the transaction that stores a reporter's message (e.g. to alert the case owner). */
export type ReporterMessageListener = (tx: DbOrTx, report: { id: number; townshipId: number }) => Promise<void>;
export type { ReportContent, ReportPhoto, StaffReportDetail } from './reports.types';
export type ReportStatusCode = ReportStatus;
const GENERIC_PROGRESS = '您提交的事项有新进展';

type NotificationSink = Pick<NotificationsService, 'enqueue'>;

const iso = (d: Date) => d.toISOString();
const summaryOf = (account: string) => (account.length > 60 ? `${account.slice(0, 60)}…` : account);

/**
 * Incoming reports (强制报告 / 求助), their receipts and the thread with the reporter.
 * The case flow (issue 5) drives status through setStatus() and reads through get()/listIncoming().
 * Taking a report in (idempotent submission, sealed content, receipt) is in reports.create.
 */
export class ReportsService {
  private readonly submissions: ReportSubmissions;
  private readonly createdListeners: ReportCreatedListener[] = [];
  private readonly messageListeners: ReporterMessageListener[] = [];

  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly clock: Clock,
    private readonly crypto: FieldCrypto,
    private readonly audit: AuditService,
    private readonly org: OrgService,
    private readonly files: FilesService,
    receipts: ReceiptCodes,
    private readonly notifications: NotificationSink,
  ) {
    this.submissions = new ReportSubmissions(db, config, clock, crypto, audit, org, files, receipts, this.createdListeners);
  }

  /** Called inside the transaction that stores a new report. */
  onCreated(listener: ReportCreatedListener): void {
    this.createdListeners.push(listener);
  }

  /** Called inside the transaction that stores a reporter's follow-up message. */
  onReporterMessage(listener: ReporterMessageListener): void {
    this.messageListeners.push(listener);
  }

  // ---------------------------------------------------------------- public directory

  /** Townships with their villages, and the station phone, for the report form's picker. */
  async publicOrgs(): Promise<PublicOrgs> {
    const all = await this.org.all();
    const townships = all.filter((o) => o.level === 'township');
    return {
      townships: townships.map((t) => ({
        id: t.id,
        name: t.name,
        phone: t.phone ?? this.config.stationPhone,
        villages: all.filter((o) => o.level === 'village' && o.parentId === t.id).map((v) => ({ id: v.id, name: v.name })),
      })),
    };
  }

  // ---------------------------------------------------------------- create

  /**
   * Creates a report with its claimed photos and its audit row in one transaction. A retry with the
   * same Idempotency-Key (and the same body) answers the first result again and creates nothing.
   */
  create(input: ReportCreateParsed, ctx: CreateContext): Promise<{ created: ReportCreated; replayed: boolean }> {
    return this.submissions.create(input, ctx);
  }

  /** Reports that arrived and whose clocks the deadline sweep has not started yet (a bounded batch). */
  pendingClocks(limit: number) {
    return reportsRepo.clocksPending(this.db, limit);
  }

  /** The sweep has dealt with these reports' clocks. */
  clearPendingClocks(ids: number[]): Promise<void> {
    return reportsRepo.clearClocksPending(this.db, ids);
  }

  /** The times of the station's replies on these reports' threads, oldest first (one statement for all). */
  async stationReplyTimes(reportIds: number[]): Promise<Map<number, Date[]>> {
    const out = new Map<number, Date[]>();
    for (const m of await reportsRepo.stationMessageTimes(this.db, [...new Set(reportIds)])) out.set(m.reportId, [...(out.get(m.reportId) ?? []), m.at]);
    for (const times of out.values()) times.sort((x, y) => x.getTime() - y.getTime());
    return out;
  }

  /** Background job: forgets expired receipt codes and deletes idempotency rows past their window, in batches. */
  expireIdempotency(now?: Date, batch?: number): Promise<{ receiptsForgotten: number; rowsDeleted: number }> {
    return this.submissions.expireIdempotency(now, batch);
  }

  // ---------------------------------------------------------------- staff side

  private assertReader(actor: Actor): void {
    if (!(REPORT_READ_ROLES as readonly string[]).includes(actor.role)) throw AppError.notFound('报告');
  }

  /** The report if the actor may read it; 404 exactly like a missing one otherwise. */
  private async readable(actor: Actor, id: number): Promise<ReportRow> {
    this.assertReader(actor);
    const row = await reportsRepo.byId(this.db, id);
    if (!row) throw AppError.notFound('报告');
    await this.org.assertInScope(actor, row.townshipId, { type: 'report', id, what: '报告' });
    return row;
  }

  private canRevealReporter(actor: Actor, row: ReportRow): boolean {
    return (REPORTER_IDENTITY_ROLES as readonly string[]).includes(actor.role) && actor.orgId === row.townshipId;
  }

  /** Full detail for staff of the receiving township (and county); each read is audited. */
  async get(actor: Actor, id: number): Promise<StaffReportDetail> {
    const row = await this.readable(actor, id);
    const content = this.content(row);
    const [org, township, messages, reportFiles, documents] = await Promise.all([
      this.org.get(row.orgId),
      this.org.get(row.townshipId),
      reportsRepo.messages(this.db, id),
      this.files.listByOwner('report', id),
      this.files.listByOwner('report_document', id),
    ]);
    const messageFiles = await this.files.listByOwners('report_message', messages.map((m) => m.id));
    const photo = (f: { id: string; width: number; height: number; ownerId: string | null }, messageId: number | null): ReportPhoto => ({
      id: f.id,
      width: f.width,
      height: f.height,
      messageId,
    });
    await this.audit.record({ actor, action: 'report.read', targetType: 'report', targetId: id, result: 'ok', orgId: row.townshipId });
    const hasIdentity = row.reporterUserId !== null || row.reporterEnc !== null;
    const nature = reportNature(row.kind, content.reporterIdentity);
    return {
      id: row.id,
      kind: row.kind,
      nature,
      natureLabel: ReportNature.label(nature),
      status: row.status,
      statusLabel: ReportStatus.label(row.status),
      anonymous: row.anonymous,
      method: row.method,
      methodLabel: ReportMethod.label(row.method),
      methodNote: content.methodNote ?? null,
      org: { id: org!.id, name: org!.name },
      township: { id: township!.id, name: township!.name },
      reportedAt: iso(row.reportedAt),
      receivedAt: iso(row.receivedAt),
      statusChangedAt: iso(row.statusChangedAt),
      enteredByStaff: row.enteredByUserId !== null,
      filledBy: content.filledBy ? `${content.filledBy}（工作人员代填）` : row.anonymous ? '报告人本人（匿名）' : '报告人本人',
      reporter: {
        anonymous: row.anonymous,
        identity: content.reporterIdentity ?? null,
        identityLabel: content.reporterIdentity ? ReporterIdentity.label(content.reporterIdentity) : null,
        identityNote: content.reporterIdentityNote ?? null,
        hasIdentity,
        canReveal: hasIdentity && this.canRevealReporter(actor, row),
      },
      content: {
        ...content,
        triggers: content.triggers ?? [],
        situationLabels: content.situations.map((s) => MandatorySituation.label(s)),
        triggerLabels: (content.triggers ?? []).map((t) => ReportTrigger.label(t)),
      },
      photos: reportFiles.map((f) => photo(f, null)),
      documents: documents.map((f) => {
        const type = f.mime === 'application/pdf' ? 'pdf' : 'audio';
        return { id: f.id, type, typeLabel: DocumentType.label(type), mime: f.mime, bytes: f.bytes };
      }),
      messages: messages.map((m) => ({
        ...this.threadMessage(m),
        photos: messageFiles.filter((f) => f.ownerId === String(m.id)).map((f) => photo(f, m.id)),
      })),
    };
  }

  /**
   * The reporter's name and phone: only supervisors and the station head of the receiving township,
   * never directors or other townships (404 for them), and every view is audited.
   */
  async revealReporter(actor: Actor, id: number): Promise<{ name: string | null; phone: string | null; signedIn: boolean }> {
    const row = await this.readable(actor, id);
    if (!this.canRevealReporter(actor, row)) {
      await this.audit.record({ actor, action: 'report.reporter_view', targetType: 'report', targetId: id, result: 'denied', orgId: row.townshipId });
      throw AppError.forbidden('只有接收报告的乡镇未保站站长和儿童督导员可以查看报告人信息');
    }
    const secret: ReporterSecret = row.reporterEnc ? JSON.parse(this.crypto.decrypt(row.reporterEnc)) : {};
    await this.audit.record({ actor, action: 'report.reporter_view', targetType: 'report', targetId: id, result: 'ok', orgId: row.townshipId });
    return { name: secret.name ?? null, phone: secret.phone ?? null, signedIn: row.reporterUserId !== null };
  }

  /** The township's incoming reports, newest first, keyset-paginated on (received_at, id). */
  async listIncoming(actor: Actor, filters: IncomingReportsFilter): Promise<{ items: IncomingReportItem[]; nextCursor: string | null }> {
    this.assertReader(actor);
    const limit = filters.limit ?? 20;
    // Reports are kept per receiving township: the townships in scope are the keys of the list.
    const scope = (await this.org.tree(actor)).filter((o) => o.level === 'township').map((o) => o.id);
    if (scope.length === 0) return { items: [], nextCursor: null };
    const rows = await reportsRepo.incoming(this.db, {
      orgIds: scope,
      status: filters.status,
      kind: filters.kind,
      orgId: filters.orgId,
      after: filters.cursor ? decodeCursor(filters.cursor) : undefined,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const orgNames = await this.org.names(page.map((r) => r.orgId));
    const items = page.map((r): IncomingReportItem => {
      const c = this.content(r);
      return {
        id: r.id,
        kind: r.kind,
        nature: reportNature(r.kind, c.reporterIdentity),
        status: r.status,
        anonymous: r.anonymous,
        method: r.method,
        receivedAt: iso(r.receivedAt),
        org: { id: r.orgId, name: orgNames.get(r.orgId) ?? '' },
        situations: c.situations,
        triggers: c.triggers ?? [],
        summary: summaryOf(c.account),
        photoCount: r.photoCount,
        lastReporterMessageAt: r.lastReporterMessageAt ? iso(r.lastReporterMessageAt) : null,
      };
    });
    const last = page[page.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.receivedAt, last.id) : null };
  }

  /**
   * Moves the status forward (已收到 → 已受理 → 处理中 → 已办结) inside the caller's transaction,
   * adds a line to the reporter's thread and notifies a named reporter (generic text only).
   * Setting the current status again is a no-op; going back is refused (409).
   */
  async setStatus(reportId: number, status: ReportStatusCode, tx: DbOrTx, actor?: Actor | null): Promise<void> {
    const row = await reportsRepo.byIdForUpdate(tx, reportId);
    if (!row) throw AppError.notFound('报告');
    if (row.status === status) return;
    if (REPORT_STATUS_ORDER.indexOf(status) < REPORT_STATUS_ORDER.indexOf(row.status)) {
      throw new AppError('INVALID_TRANSITION', `报告已是“${ReportStatus.label(row.status)}”，不能改回“${ReportStatus.label(status)}”`);
    }
    const now = this.clock.now();
    await reportsRepo.update(tx, reportId, { status, statusChangedAt: now });
    await reportsRepo.insertMessage(tx, {
      reportId,
      at: now,
      author: 'system',
      staffUserId: null,
      bodyEnc: this.crypto.encrypt(`办理状态：${ReportStatus.label(status)}`),
      photoCount: 0,
    });
    await this.audit.record(
      { actor: actor ?? null, action: 'report.status', targetType: 'report', targetId: reportId, result: 'ok', orgId: row.townshipId, detail: { from: row.status, to: status } },
      tx,
    );
    if (row.reporterUserId !== null) {
      await this.notifications.enqueue(tx, {
        userId: row.reporterUserId,
        kind: 'report_status',
        title: GENERIC_PROGRESS,
        body: `当前状态：${ReportStatus.label(status)}`,
        link: `/pages/my-reports/detail?id=${reportId}`,
        wechat: true,
      });
    }
  }

  /** A reply from the station on the reporter's thread (supervisors and the station head of the township); optional caller's tx. */
  async postStationMessage(actor: Actor, reportId: number, text: string, outerTx?: DbOrTx): Promise<ReportThreadMessage> {
    const row = await this.readable(actor, reportId);
    if (!(REPORT_REPLY_ROLES as readonly string[]).includes(actor.role) || actor.orgId !== row.townshipId) {
      throw AppError.forbidden('只有接收报告的乡镇未保站工作人员可以回复');
    }
    const now = this.clock.now();
    // Inside the caller's transaction when one is given (e.g. closing a case and telling the reporter).
    const inTx = <T>(work: (tx: DbOrTx) => Promise<T>): Promise<T> => (outerTx ? work(outerTx) : this.db.transaction(work));
    const id = await inTx(async (tx) => {
      const messageId = await reportsRepo.insertMessage(tx, {
        reportId,
        at: now,
        author: 'station',
        staffUserId: actor.userId,
        bodyEnc: this.crypto.encrypt(text),
        photoCount: 0,
      });
      await this.audit.record({ actor, action: 'report.reply', targetType: 'report', targetId: reportId, result: 'ok', orgId: row.townshipId }, tx);
      if (row.reporterUserId !== null) {
        await this.notifications.enqueue(tx, {
          userId: row.reporterUserId,
          kind: 'report_reply',
          title: GENERIC_PROGRESS,
          body: '未保站回复了您，请查看',
          link: `/pages/my-reports/detail?id=${reportId}`,
          wechat: true,
        });
      }
      return messageId;
    });
    return { id, at: iso(now), from: 'station', text, photoCount: 0 };
  }

  /** A photo of a report (or of a message on its thread) for staff who may read the report. */
  async readPhoto(actor: Actor, reportId: number, fileId: string): Promise<StoredImage> {
    await this.readable(actor, reportId);
    const meta = await this.files.meta(fileId);
    let belongs = meta?.ownerType === 'report' && meta.ownerId === String(reportId);
    if (!belongs && meta?.ownerType === 'report_message') {
      const messages = await reportsRepo.messages(this.db, reportId);
      belongs = messages.some((m) => String(m.id) === meta.ownerId);
    }
    const image = belongs ? await this.files.readImage(fileId) : undefined;
    if (!image) throw AppError.notFound('照片');
    await this.audit.record({ actor, action: 'report.photo_read', targetType: 'report', targetId: reportId, result: 'ok', detail: { fileId } });
    return image;
  }

  /** A recording or PDF of the report, for the staff who may read the report; audited. */
  async readDocument(actor: Actor, reportId: number, fileId: string): Promise<StoredImage> {
    await this.readable(actor, reportId);
    const meta = await this.files.meta(fileId);
    const doc = meta?.ownerType === 'report_document' && meta.ownerId === String(reportId) ? await this.files.readDocument(fileId) : undefined;
    if (!doc) throw AppError.notFound('附件');
    await this.audit.record({ actor, action: 'report.document_read', targetType: 'report', targetId: reportId, result: 'ok', detail: { fileId } });
    return doc;
  }

  // ---------------------------------------------------------------- reporter side

  /** The report a receipt hash belongs to (one index probe). */
  hasLegacyReceiptHash(): Promise<boolean> {
    return reportsRepo.hasLegacyReceiptHash(this.db);
  }

  idByReceiptHash(hash: string): Promise<number | undefined> {
    return reportsRepo.idByReceiptHash(this.db, hash);
  }

  /** Status and thread as the reporter sees them: no staff names, no case details. */
  async reporterView(reportId: number): Promise<ReporterView> {
    const row = await reportsRepo.byId(this.db, reportId);
    if (!row) throw AppError.notFound('报告');
    const township = (await this.org.get(row.townshipId))!;
    const messages = await reportsRepo.messages(this.db, reportId);
    return {
      id: row.id,
      kind: row.kind,
      status: row.status,
      statusLabel: ReportStatus.label(row.status),
      receivedAt: iso(row.receivedAt),
      statusChangedAt: iso(row.statusChangedAt),
      township: { name: township.name, phone: township.phone ?? this.config.stationPhone },
      messages: messages.map((m) => this.threadMessage(m)),
    };
  }

  /**
   * More information from the reporter (text and photos), through a receipt session or 我的报告.
   * An anonymous reporter's message carries no identity: author is just "reporter".
   */
  async postReporterMessage(reportId: number, input: { text: string; attachments: AttachmentRef[] }, actor: Actor | null): Promise<ReportThreadMessage> {
    const now = this.clock.now();
    const row = await reportsRepo.byId(this.db, reportId);
    if (!row) throw AppError.notFound('报告');
    const { id, photos } = await this.db.transaction(async (tx) => {
      const messageId = await reportsRepo.insertMessage(tx, {
        reportId,
        at: now,
        author: 'reporter',
        staffUserId: null,
        bodyEnc: this.crypto.encrypt(input.text),
        photoCount: 0,
      });
      const count = await this.files.claim(input.attachments, { ownerType: 'report_message', ownerId: messageId }, tx);
      if (count) await reportsRepo.setMessagePhotos(tx, messageId, count);
      await reportsRepo.update(tx, reportId, { lastReporterMessageAt: now });
      for (const listener of this.messageListeners) await listener(tx, { id: reportId, townshipId: row.townshipId });
      await this.audit.record(
        { actor: row.reporterUserId !== null ? actor : null, action: 'report.reporter_message', targetType: 'report', targetId: reportId, result: 'ok', orgId: row.townshipId, detail: { photos: count } },
        tx,
      );
      return { id: messageId, photos: count };
    });
    return { id, at: iso(now), from: 'reporter', text: input.text, photoCount: photos };
  }

  /**
   * The sealed content of reports, for a module that has already checked the caller may see them
   * (a case task's brief). Never the reporter's identity.
   */
  async contentsOf(ids: number[]): Promise<{ id: number; receivedAt: Date; content: ReportContent }[]> {
    const out: { id: number; receivedAt: Date; content: ReportContent }[] = [];
    for (const id of ids) {
      const row = await reportsRepo.byId(this.db, id);
      if (row) out.push({ id, receivedAt: row.receivedAt, content: this.content(row) });
    }
    return out;
  }

  /** 我的报告: a signed-in reporter's named reports. */
  async listMine(actor: Actor): Promise<MyReportItem[]> {
    const rows = await reportsRepo.byReporter(this.db, actor.userId, 100);
    const last = await reportsRepo.lastMessageAt(this.db, rows.map((r) => r.id));
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      statusLabel: ReportStatus.label(r.status),
      receivedAt: iso(r.receivedAt),
      summary: summaryOf(this.content(r).account),
      lastMessageAt: last.get(r.id) ? iso(last.get(r.id)!) : null,
    }));
  }

  /** The signed-in reporter's own report id, or 404 (also for other people's reports). */
  async assertMine(actor: Actor, id: number): Promise<number> {
    const row = await reportsRepo.byId(this.db, id);
    if (!row || row.reporterUserId === null || row.reporterUserId !== actor.userId) throw AppError.notFound('报告');
    return row.id;
  }

  // ---------------------------------------------------------------- helpers

  private content(row: ReportRow): ReportContent {
    return JSON.parse(this.crypto.decrypt(row.contentEnc)) as ReportContent;
  }

  private threadMessage(m: ReportMessageRow): ReportThreadMessage {
    return { id: m.id, at: iso(m.at), from: m.author, text: this.crypto.decrypt(m.bodyEnc), photoCount: m.photoCount };
  }
}

function encodeCursor(at: Date, id: number): string {
  return Buffer.from(JSON.stringify([at.getTime(), id])).toString('base64url');
}

function decodeCursor(cursor: string): { receivedAt: Date; id: number } {
  try {
    const [t, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [number, number];
    if (Number.isFinite(t) && Number.isInteger(id)) return { receivedAt: new Date(t), id };
  } catch {
    // fall through
  }
  throw AppError.validation('cursor', '分页游标格式不正确，请从第一页重新加载');
}

import { reportNature, type ReportCreated, type ReportCreateParsed } from '@wbt/shared';
import type { Config } from '../../config';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import type { Clock } from '../../lib/clock';
import type { FieldCrypto } from '../../lib/fieldCrypto';
import type { AuditService } from '../audit/audit.service';
import type { FilesService } from '../files/files.service';
import type { OrgService } from '../org/org.service';
import type { ReceiptCodes } from '../receipts/receiptCodes';
import { reportsRepo } from './reports.repo';
import type { ReportContent, ReporterSecret } from './reports.types';

/** An encrypted receipt code is kept this long for idempotent replays, then forgotten. */
export const IDEMPOTENT_RECEIPT_TTL_MS = 72 * 3600 * 1000;
/**
 * An Idempotency-Key is remembered this long (a retry within it creates nothing), then its row is
 * deleted, so the table holds a month of submissions, not the whole history.
 */
export const IDEMPOTENCY_WINDOW_MS = 30 * 24 * 3600 * 1000;

/** Told inside the creating transaction (e.g. to alert the township's supervisors). */
export type ReportCreatedListener = (tx: DbOrTx, report: { id: number; kind: 'harm' | 'help'; townshipId: number; orgId: number }) => Promise<void>;

export interface CreateContext {
  /** The signed-in actor, if any (ignored for the public user of an anonymous report). */
  actor: Actor | null;
  idempotencyKey: string;
  /** The caller's transaction (e.g. a consultation turned into a help request): all or nothing together. */
  tx?: DbOrTx;
}

const iso = (d: Date) => d.toISOString();

/** Taking a report in: who reported it, where it goes, its sealed content and photos, its receipt; a retried submission answers the first result. */
export class ReportSubmissions {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly clock: Clock,
    private readonly crypto: FieldCrypto,
    private readonly audit: AuditService,
    private readonly org: OrgService,
    private readonly files: FilesService,
    private readonly receipts: ReceiptCodes,
    private readonly createdListeners: readonly ReportCreatedListener[] = [],
  ) {}

  /**
   * Creates a report with its claimed photos and its audit row in one transaction. A retry with the
   * same Idempotency-Key (and the same body) answers the first result again and creates nothing.
   */
  async create(input: ReportCreateParsed, ctx: CreateContext): Promise<{ created: ReportCreated; replayed: boolean }> {
    const actor = ctx.actor;
    const isStaff = !!actor && actor.role !== 'public';
    const reporterUserId = !input.anonymous && actor?.role === 'public' ? actor.userId : null;
    const enteredByUserId = isStaff ? actor.userId : null;
    const keyOwner = reporterUserId !== null ? `u${reporterUserId}` : enteredByUserId !== null ? `s${enteredByUserId}` : 'anon';
    const keyHash = this.crypto.blindIndex('report-idempotency', `${keyOwner}|${ctx.idempotencyKey}`);
    const bodyHash = this.crypto.blindIndex('report-idempotency-body', stableJson(input));

    const replay = await this.replay(keyHash, bodyHash);
    if (replay) return { created: replay, replayed: true };

    const { org, township } = await this.receivingOrg(input.orgId);
    if (isStaff) await this.org.assertInScope(actor, org.id, { type: 'org', id: org.id, what: '村（社区）' });
    const now = this.clock.now();
    if (input.occurredAt && Date.parse(input.occurredAt) > now.getTime() + 10 * 60_000) throw AppError.validation('occurredAt', '发生时间不能晚于现在');
    const receiptCode = reporterUserId === null ? this.receipts.generate() : null;
    const receiptHash = receiptCode ? await this.receipts.hash(receiptCode) : null;
    const method = isStaff ? (input.method ?? 'phone') : 'wechat';
    const content: ReportContent = {
      situations: input.kind === 'harm' ? [...new Set(input.situations)] : [],
      situationOther: input.kind === 'harm' ? input.situationOther : undefined,
      triggers: [...new Set(input.triggers)],
      account: input.account,
      place: input.place,
      occurredAt: input.occurredAt,
      child: input.child,
      guardian: input.guardian,
      perpetrator: input.perpetrator,
      childState: input.kind === 'harm' ? input.childState : {},
      reporterIdentity: input.reporter.identity,
      reporterIdentityNote: input.reporter.identityNote,
      methodNote: isStaff ? input.methodNote : undefined,
      // 填表人 of 附件5/6: the staff member who typed in a call or visit (the reporter otherwise).
      filledBy: isStaff ? actor.name : undefined,
    };
    // Anonymous: the name and phone are dropped even if the client sent them.
    const secret: ReporterSecret | null = input.anonymous ? null : { name: input.reporter.name, phone: input.reporter.phone };

    const inTx = <T>(work: (tx: DbOrTx) => Promise<T>): Promise<T> => (ctx.tx ? work(ctx.tx) : this.db.transaction(work));
    try {
      const id = await inTx(async (tx) => {
        const reportId = await reportsRepo.insert(tx, {
          kind: input.kind,
          status: 'received',
          orgId: org.id,
          townshipId: township.id,
          anonymous: input.anonymous,
          method,
          reporterUserId,
          enteredByUserId,
          reporterEnc: secret ? this.crypto.encrypt(JSON.stringify(secret)) : null,
          contentEnc: this.crypto.encrypt(JSON.stringify(content)),
          childPhoneIndex: input.child.phone ? this.crypto.blindIndex('child-phone', input.child.phone) : null,
          receiptHash,
          photoCount: 0,
          reportedAt: isStaff && input.reportedAt ? input.reportedAt : now,
          receivedAt: now,
          statusChangedAt: now,
          clocksPending: true,
        });
        const photos = await this.files.claim(input.attachments, { ownerType: 'report', ownerId: reportId }, tx);
        await this.files.claim(input.documents, { ownerType: 'report_document', ownerId: reportId }, tx, 'document');
        if (photos) await reportsRepo.update(tx, reportId, { photoCount: photos });
        await reportsRepo.insertIdempotency(tx, {
          keyHash,
          bodyHash,
          reportId,
          receiptEnc: receiptCode ? this.crypto.encrypt(receiptCode) : null,
          receiptExpiresAt: receiptCode ? new Date(now.getTime() + IDEMPOTENT_RECEIPT_TTL_MS) : null,
          createdAt: now,
        });
        await this.audit.record(
          {
            // Anonymous: no actor at all. Staff entry: the staff member. Named: the reporter's account.
            actor: isStaff || reporterUserId !== null ? actor : null,
            action: 'report.create',
            targetType: 'report',
            targetId: reportId,
            result: 'ok',
            orgId: township.id,
            detail: { kind: input.kind, anonymous: input.anonymous, method, photos },
          },
          tx,
        );
        for (const listener of this.createdListeners) await listener(tx, { id: reportId, kind: input.kind, townshipId: township.id, orgId: org.id });
        return reportId;
      });
      return {
        created: {
          id,
          kind: input.kind,
          status: 'received',
          receivedAt: iso(now),
          ...natureOf(input.kind, input.reporter.identity),
          receiptCode,
          township: { id: township.id, name: township.name, phone: township.phone ?? this.config.stationPhone },
        },
        replayed: false,
      };
    } catch (err) {
      // A concurrent request with the same key won the race: answer its result.
      const again = await this.replay(keyHash, bodyHash);
      if (again) return { created: again, replayed: true };
      throw err;
    }
  }

  /**
   * Background upkeep of the idempotency table, in small batches so no statement holds many row
   * locks or runs long: forgets receipt codes whose time is up, deletes rows past the window.
   */
  async expireIdempotency(now: Date = this.clock.now(), batch = 500, maxBatches = 200): Promise<{ receiptsForgotten: number; rowsDeleted: number }> {
    let receiptsForgotten = 0;
    let rowsDeleted = 0;
    for (let i = 0; i < maxBatches; i++) {
      const n = await reportsRepo.forgetExpiredReceipts(this.db, now, batch);
      receiptsForgotten += n;
      if (n < batch) break;
    }
    const before = new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS);
    for (let i = 0; i < maxBatches; i++) {
      const n = await reportsRepo.deleteIdempotencyBefore(this.db, before, batch);
      rowsDeleted += n;
      if (n < batch) break;
    }
    return { receiptsForgotten, rowsDeleted };
  }

  private async replay(keyHash: string, bodyHash: string): Promise<ReportCreated | null> {
    const row = await reportsRepo.idempotency(this.db, keyHash);
    if (!row) return null;
    if (row.bodyHash !== bodyHash) {
      throw AppError.conflict('这个提交编号已用于另一份内容不同的报告；如要再报告一件事，请重新填写');
    }
    const report = (await reportsRepo.byId(this.db, row.reportId))!;
    const township = (await this.org.get(report.townshipId))!;
    const content = JSON.parse(this.crypto.decrypt(report.contentEnc)) as ReportContent;
    return {
      id: report.id,
      kind: report.kind,
      ...natureOf(report.kind, content.reporterIdentity),
      status: report.status,
      receivedAt: iso(report.receivedAt),
      // Past its time the code is not answered, whether or not the expiry job has cleared it yet.
      receiptCode: row.receiptEnc && row.receiptExpiresAt && row.receiptExpiresAt > this.clock.now() ? this.crypto.decrypt(row.receiptEnc) : null,
      township: { id: township.id, name: township.name, phone: township.phone ?? this.config.stationPhone },
    };
  }

  private async receivingOrg(orgId: number) {
    const org = await this.org.get(orgId);
    const township = org ? await this.org.townshipOf(org.id) : undefined;
    if (!org || !township) throw AppError.validation('orgId', '请选择孩子所在的村（社区）');
    return { org, township };
  }
}

/** 强制报告 or 报告/检举 from the reporter's identity; a mandatory reporter must also call the police. */
function natureOf(kind: ReportCreated['kind'], identity: ReportContent['reporterIdentity']): Pick<ReportCreated, 'nature' | 'mustAlsoReportToPolice'> {
  const nature = reportNature(kind, identity);
  return { nature, mustAlsoReportToPolice: nature === 'mandatory' };
}

/** JSON with sorted keys, so the same body always hashes the same. */
function stableJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

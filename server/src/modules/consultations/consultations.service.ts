import {
  addWorkingDays,
    CONSULTATION_STAFF_ROLES,
  ConsultationConversion,
  ConsultationTopic,
  formatDateTime,
  type ConsultationConvertRequest,
  type ConsultationCreate,
  type ConsultationDetail,
  type ConsultationMessage,
  type ConsultationQueueQuery,
  type ConsultationSummary,
  type ConsultChild,
} from '@wbt/shared';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../http/actor';
import { decodeCursor, encodeCursor } from '../../http/paging';
import { AppError } from '../../http/errors';
import type { Clock } from '../../lib/clock';
import type { FieldCrypto } from '../../lib/fieldCrypto';
import type { AuditService } from '../audit/audit.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { OrgService } from '../org/org.service';
import type { PoliciesService } from '../policies/policies.service';
import type { SettingsService } from '../settings/settings.service';
import { consultationsRepo, type ConsultationRow, type MessageRow } from './consultations.repo';

/** Roles that may turn a consultation into a help request or a case (the township's triage). */
export const CONVERT_ROLES = ['supervisor', 'station_head'] as const;

/** What a converter receives: the consultation with its whole thread, decrypted. */
export interface ConversionInput {
  consultationId: number;
  /** The village (or township) the guardian picked. */
  orgId: number;
  townshipId: number;
  topicLabel: string;
  /** The thread as text, oldest first, so the new record keeps the conversation. */
  transcript: string;
  child: ConsultChild | null;
  contactPhone: string | null;
  /** Null for an anonymous question. */
  guardianUserId: number | null;
  /** When the guardian first asked. */
  askedAt: Date;
  note?: string;
}

/**
 * Creates the record in the other module; idempotent for the same consultation. It is called inside
 * the conversion's transaction (with the consultation row locked) and may write through `tx`, so the
 * new record, the conversion mark, the thread note, the audit row and the notification commit together.
 */
export type Converter = (actor: Actor, input: ConversionInput, tx: DbOrTx) => Promise<{ refId: string; label: string }>;
export type Converters = Partial<Record<ConsultationConversion, Converter>>;

type Notifier = Pick<NotificationsService, 'enqueue'>;

const iso = (d: Date) => d.toISOString();
const preview = (text: string) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
};

/**
 * 政策咨询: a guardian's question goes to the station of the township they picked; the station's
 * staff answer on a thread within the county's working-day clock; the guardian is notified.
 */
export class ConsultationsService {
  private converters: Converters = {};

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly crypto: FieldCrypto,
    private readonly audit: AuditService,
    private readonly org: OrgService,
    private readonly settings: SettingsService,
    private readonly notifications: Notifier,
    private readonly policies: PoliciesService,
  ) {}

  /** The composition root plugs in the help-request (reports) and case (cases) converters. */
  useConverters(converters: Converters): void {
    this.converters = { ...this.converters, ...converters };
  }

  availableConversions(): ConsultationConversion[] {
    return ConsultationConversion.codes.filter((c) => !!this.converters[c]);
  }

  // ---- guardian side -----------------------------------------------------------------------------

  private assertGuardian(actor: Actor): void {
    if (actor.role !== 'public') throw AppError.forbidden('工作人员请在工作台处理咨询；提问请使用微信登录');
  }

  async ask(actor: Actor, input: ConsultationCreate): Promise<ConsultationDetail> {
    this.assertGuardian(actor);
    return this.detail(await this.create(input, actor, null), 'guardian');
  }

  /**
   * A question without signing in: nothing links it to a person (no user, no address); the asker
   * keeps a receipt code whose slow hash the receipts module computed, and reads the answer with it.
   */
  async askAnonymously(input: ConsultationCreate, receiptHash: string): Promise<ConsultationDetail> {
    return this.detail(await this.create(input, null, receiptHash), 'guardian');
  }

  /** The anonymous question a receipt hash belongs to (one index probe). */
  hasLegacyReceiptHash(): Promise<boolean> {
    return consultationsRepo.hasLegacyReceiptHash(this.db);
  }

  async idByReceiptHash(hash: string): Promise<number | undefined> {
    return (await consultationsRepo.byReceiptHash(this.db, hash))?.id;
  }

  /** The asker's view through a receipt session: the thread, the answer marked read. */
  async receiptView(id: number): Promise<ConsultationDetail> {
    const row = await this.receiptRow(id);
    if (row.guardianUnread) await consultationsRepo.update(this.db, id, { guardianUnread: false });
    return this.detail(id, 'guardian');
  }

  async receiptMessage(id: number, body: string): Promise<ConsultationDetail> {
    await this.db.transaction(async (tx) => this.appendGuardianMessage(tx, await this.receiptRow(id, tx, true), null, body));
    return this.detail(id, 'guardian');
  }

  async receiptClose(id: number): Promise<ConsultationDetail> {
    await this.db.transaction(async (tx) => this.close(null, await this.receiptRow(id, tx, true), tx, 'guardian'));
    return this.detail(id, 'guardian');
  }

  private async receiptRow(id: number, db: DbOrTx = this.db, lock = false): Promise<ConsultationRow> {
    const row = lock ? await consultationsRepo.lock(db, id) : await consultationsRepo.byId(db, id);
    if (!row || row.receiptHash === null) throw AppError.notFound('咨询');
    return row;
  }

  private async create(input: ConsultationCreate, actor: Actor | null, receiptHash: string | null): Promise<number> {
    const picked = await this.org.get(input.orgId);
    const township = picked ? await this.org.townshipOf(picked.id) : undefined;
    if (!picked || !township) throw AppError.validation('orgId', '请选择所在乡镇或村（社区）');
    if (input.policyId !== undefined && !(await this.policies.forApplication(input.policyId))) {
      throw AppError.validation('policyId', '所咨询的政策不存在或已下线');
    }
    const now = this.clock.now();
    const sla = await this.settings.sla(township.id);
    const child = input.child && Object.values(input.child).some((v) => v !== undefined && v !== '') ? input.child : null;
    return this.db.transaction(async (tx) => {
      const id = await consultationsRepo.insert(tx, {
        userId: actor?.userId ?? null,
        receiptHash,
        orgId: township.id,
        villageOrgId: picked.level === 'village' ? picked.id : null,
        topic: input.topic,
        policyId: input.policyId ?? null,
        status: 'waiting',
        childEnc: child ? this.crypto.encrypt(JSON.stringify(child)) : null,
        contactPhoneEnc: this.crypto.encrypt(input.contactPhone ?? null),
        createdAt: now,
        lastMessageAt: now,
        dueAt: addWorkingDays(now, sla.consultationAnswerWorkingDays),
      });
      await consultationsRepo.insertMessage(tx, {
        consultationId: id,
        author: 'guardian',
        authorUserId: actor?.userId ?? null,
        bodyEnc: this.crypto.encrypt(input.question),
        createdAt: now,
      });
      await this.audit.record(
        { actor, action: 'consultation.create', targetType: 'consultation', targetId: id, result: 'ok', orgId: township.id, detail: { topic: input.topic, anonymous: !actor } },
        tx,
      );
      return id;
    });
  }

  async listMine(actor: Actor, beforeId: number | undefined, limit: number): Promise<{ items: ConsultationSummary[]; nextBefore: number | null }> {
    this.assertGuardian(actor);
    const rows = await consultationsRepo.byUser(this.db, actor.userId, beforeId, limit);
    return { items: await this.summaries(rows, 'guardian'), nextBefore: rows.length === limit ? rows[rows.length - 1].id : null };
  }

  /** The guardian's own consultation; anyone else's is 404 exactly like a missing one. */
  private async ownRow(actor: Actor, id: number, db: DbOrTx = this.db, lock = false): Promise<ConsultationRow> {
    this.assertGuardian(actor);
    const row = lock ? await consultationsRepo.lock(db, id) : await consultationsRepo.byId(db, id);
    if (!row || row.userId !== actor.userId) throw AppError.notFound('咨询');
    return row;
  }

  async getMine(actor: Actor, id: number): Promise<ConsultationDetail> {
    const row = await this.ownRow(actor, id);
    if (row.guardianUnread) await consultationsRepo.update(this.db, id, { guardianUnread: false });
    return this.detail(id, 'guardian');
  }

  async guardianMessage(actor: Actor, id: number, body: string): Promise<ConsultationDetail> {
    await this.db.transaction(async (tx) => this.appendGuardianMessage(tx, await this.ownRow(actor, id, tx, true), actor, body));
    return this.detail(id, 'guardian');
  }

  /** The asker's follow-up (signed in, or anonymous through a receipt session). */
  private async appendGuardianMessage(tx: DbOrTx, row: ConsultationRow, actor: Actor | null, body: string): Promise<void> {
    const now = this.clock.now();
    this.assertOpen(row);
    const sla = await this.settings.sla(row.orgId);
    await consultationsRepo.insertMessage(tx, { consultationId: row.id, author: 'guardian', authorUserId: actor?.userId ?? null, bodyEnc: this.crypto.encrypt(body), createdAt: now });
    // A follow-up after an answer waits for the station again, on a fresh working-day clock.
    await consultationsRepo.update(tx, row.id, {
      status: 'waiting',
      lastMessageAt: now,
      ...(row.status === 'waiting' ? {} : { dueAt: addWorkingDays(now, sla.consultationAnswerWorkingDays) }),
    });
    await this.audit.record({ actor, action: 'consultation.message', targetType: 'consultation', targetId: row.id, result: 'ok', orgId: row.orgId, detail: { by: 'guardian' } }, tx);
  }

  async guardianClose(actor: Actor, id: number): Promise<ConsultationDetail> {
    await this.db.transaction(async (tx) => {
      const row = await this.ownRow(actor, id, tx, true);
      await this.close(actor, row, tx, 'guardian');
    });
    return this.detail(id, 'guardian');
  }

  // ---- staff side -------------------------------------------------------------------------------

  private assertStaff(actor: Actor): void {
    if (!(CONSULTATION_STAFF_ROLES as readonly string[]).includes(actor.role)) throw AppError.notFound('咨询');
  }

  /** The consultation if the staff member's township (or county) covers it; 404 otherwise. */
  private async staffRow(actor: Actor, id: number, db: DbOrTx = this.db, lock = false): Promise<ConsultationRow> {
    this.assertStaff(actor);
    const row = lock ? await consultationsRepo.lock(db, id) : await consultationsRepo.byId(db, id);
    if (!row) throw AppError.notFound('咨询');
    await this.org.assertInScope(actor, row.orgId, { type: 'consultation', id, what: '咨询' });
    return row;
  }

  async queue(actor: Actor, q: ConsultationQueueQuery): Promise<{ items: ConsultationSummary[]; nextCursor: string | null; counts: { waiting: number; overdue: number } }> {
    this.assertStaff(actor);
    const now = this.clock.now();
    const orgIds = await this.org.scopeIds(actor);
    const waitingOrder = q.status === 'waiting' || q.overdue === true;
    const rows = await consultationsRepo.queue(this.db, {
      orgIds,
      status: q.overdue ? 'waiting' : q.status,
      overdueAt: q.overdue ? now : undefined,
      after: q.cursor ? decodeCursor(q.cursor) : undefined,
      limit: q.limit,
    });
    const last = rows[rows.length - 1];
    const nextCursor = rows.length === q.limit && last ? encodeCursor(waitingOrder ? last.dueAt! : last.lastMessageAt, last.id) : null;
    return { items: await this.summaries(rows, 'staff'), nextCursor, counts: await consultationsRepo.counts(this.db, orgIds, now) };
  }

  /** Staff detail: child details and phone included; every read is audited. */
  async getForStaff(actor: Actor, id: number): Promise<ConsultationDetail & { conversions: ConsultationConversion[] }> {
    const row = await this.staffRow(actor, id);
    await this.audit.record({ actor, action: 'consultation.view', targetType: 'consultation', targetId: id, result: 'ok', orgId: row.orgId });
    const canConvert = (CONVERT_ROLES as readonly string[]).includes(actor.role) && (row.status === 'waiting' || row.status === 'answered');
    return { ...(await this.detail(id, 'staff')), conversions: canConvert ? this.availableConversions() : [] };
  }

  async staffReply(actor: Actor, id: number, body: string): Promise<ConsultationDetail> {
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const row = await this.staffRow(actor, id, tx, true);
      this.assertOpen(row);
      await consultationsRepo.insertMessage(tx, { consultationId: id, author: 'staff', authorUserId: actor.userId, bodyEnc: this.crypto.encrypt(body), createdAt: now });
      await consultationsRepo.update(tx, id, {
        status: 'answered',
        lastMessageAt: now,
        dueAt: null,
        guardianUnread: true,
        ...(row.firstAnsweredAt ? {} : { firstAnsweredAt: now }),
      });
      const late = row.status === 'waiting' && row.dueAt !== null && row.dueAt < now;
      await this.audit.record(
        { actor, action: 'consultation.reply', targetType: 'consultation', targetId: id, result: 'ok', orgId: row.orgId, detail: { first: !row.firstAnsweredAt, late } },
        tx,
      );
      // An anonymous asker has no account to notify: they read the answer with their receipt code.
      if (row.userId !== null) {
        await this.notifications.enqueue(tx, {
          userId: row.userId,
          kind: 'consultation.reply',
          title: '您的咨询有了答复',
          body: '请打开“我的咨询”查看',
          link: `/pages/consult/detail?id=${id}`,
          wechat: true,
        });
      }
    });
    return this.detail(id, 'staff');
  }

  async staffClose(actor: Actor, id: number): Promise<ConsultationDetail> {
    await this.db.transaction(async (tx) => {
      const row = await this.staffRow(actor, id, tx, true);
      await this.close(actor, row, tx, 'staff');
    });
    return this.detail(id, 'staff');
  }

  /**
   * Turns the consultation into a help request or a case in one action. The other module creates
   * its record (idempotently, with the whole thread as its account); then, in one transaction, the
   * consultation is marked converted with a reference to it, a note is added to the thread for the
   * guardian, the change is audited and the guardian notified. The thread itself stays readable.
   */
  async convert(actor: Actor, id: number, req: ConsultationConvertRequest): Promise<ConsultationDetail> {
    if (!(CONVERT_ROLES as readonly string[]).includes(actor.role)) {
      this.assertStaff(actor);
      throw AppError.forbidden('只有未保站站长和儿童督导员可以转为求助或个案');
    }
    const converter = this.converters[req.to];
    if (!converter) throw new AppError('UNAVAILABLE', `暂时无法转为${ConsultationConversion.label(req.to)}，请稍后再试`);
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const row = await this.staffRow(actor, id, tx, true);
      if (row.status === 'converted') throw new AppError('INVALID_TRANSITION', '这条咨询已经转为求助或个案');
      if (row.status === 'closed') throw new AppError('INVALID_TRANSITION', '这条咨询已结束，不能再转为求助或个案');
      const messages = await consultationsRepo.messages(tx, id);
      const township = (await this.org.get(row.orgId))!;
      const topic = ConsultationTopic.label(row.topic as ConsultationTopic);
      const transcript = messages
        .map((m) => `【${m.author === 'guardian' ? '监护人' : `${township.name}未保站`} ${formatDateTime(m.createdAt)}】${this.crypto.decrypt(m.bodyEnc)}`)
        .join('\n');
      const ref = await converter(
        actor,
        {
          consultationId: id,
          orgId: row.villageOrgId ?? row.orgId,
          townshipId: row.orgId,
          topicLabel: topic,
          transcript: `（由政策咨询 #${id} 转入，咨询类别：${topic}）\n${transcript}`,
          child: row.childEnc ? (JSON.parse(this.crypto.decrypt(row.childEnc)) as ConsultChild) : null,
          contactPhone: this.crypto.decrypt(row.contactPhoneEnc),
          guardianUserId: row.userId,
          askedAt: row.createdAt,
          note: req.note,
        },
        tx,
      );
      await consultationsRepo.update(tx, id, {
        status: 'converted',
        convertedTo: req.to,
        convertedRef: ref.refId,
        convertedLabel: ref.label,
        convertedAt: now,
        dueAt: null,
        lastMessageAt: now,
        guardianUnread: true,
        ...(row.firstAnsweredAt ? {} : { firstAnsweredAt: now }),
      });
      await consultationsRepo.insertMessage(tx, {
        consultationId: id,
        author: 'staff',
        authorUserId: actor.userId,
        bodyEnc: this.crypto.encrypt(`您的咨询已转为${ConsultationConversion.label(req.to)}，由未保站跟进办理，工作人员会尽快与您联系。`),
        createdAt: now,
      });
      await this.audit.record(
        { actor, action: 'consultation.convert', targetType: 'consultation', targetId: id, result: 'ok', orgId: row.orgId, detail: { to: req.to, ref: ref.refId } },
        tx,
      );
      if (row.userId !== null) {
        await this.notifications.enqueue(tx, {
          userId: row.userId,
          kind: 'consultation.converted',
          title: '您的咨询已转交未保站办理',
          body: '请打开“我的咨询”查看',
          link: `/pages/consult/detail?id=${id}`,
          wechat: true,
        });
      }
    });
    return this.detail(id, 'staff');
  }

  // ---- shared -----------------------------------------------------------------------------------

  private assertOpen(row: ConsultationRow): void {
    if (row.status === 'closed') throw new AppError('INVALID_TRANSITION', '这条咨询已结束；如有新问题，请重新提问');
    if (row.status === 'converted') throw new AppError('INVALID_TRANSITION', '这条咨询已转为求助或个案，由未保站跟进办理；如有新问题，请重新提问或致电未保站');
  }

  private async close(actor: Actor | null, row: ConsultationRow, tx: DbOrTx, by: 'guardian' | 'staff'): Promise<void> {
    this.assertOpen(row);
    const now = this.clock.now();
    await consultationsRepo.update(tx, row.id, { status: 'closed', closedAt: now, dueAt: null });
    await this.audit.record({ actor, action: 'consultation.close', targetType: 'consultation', targetId: row.id, result: 'ok', orgId: row.orgId, detail: { by } }, tx);
  }

  private summary(row: ConsultationRow, first: MessageRow | undefined, names: Map<number, string>, side: 'guardian' | 'staff'): ConsultationSummary {
    const now = this.clock.now();
    return {
      id: row.id,
      topic: row.topic as ConsultationSummary['topic'],
      status: row.status,
      orgId: row.orgId,
      orgName: names.get(row.orgId) ?? '',
      villageName: row.villageOrgId ? (names.get(row.villageOrgId) ?? null) : null,
      preview: first ? preview(this.crypto.decrypt(first.bodyEnc)) : '',
      createdAt: iso(row.createdAt),
      lastMessageAt: iso(row.lastMessageAt),
      dueAt: row.status === 'waiting' && row.dueAt ? iso(row.dueAt) : null,
      overdue: row.status === 'waiting' && row.dueAt !== null && row.dueAt < now,
      firstAnsweredAt: row.firstAnsweredAt ? iso(row.firstAnsweredAt) : null,
      unread: side === 'guardian' && row.guardianUnread,
      anonymous: row.userId === null,
      conversion:
        row.convertedTo && row.convertedRef
          ? { to: row.convertedTo as ConsultationConversion, refId: row.convertedRef, label: row.convertedLabel }
          : null,
    };
  }

  private async summaries(rows: ConsultationRow[], side: 'guardian' | 'staff'): Promise<ConsultationSummary[]> {
    const firsts = new Map((await consultationsRepo.firstMessages(this.db, rows.map((r) => r.id))).map((m) => [m.consultationId, m]));
    const names = await this.org.names(rows.flatMap((r) => (r.villageOrgId ? [r.orgId, r.villageOrgId] : [r.orgId])));
    return rows.map((r) => this.summary(r, firsts.get(r.id), names, side));
  }

  private async detail(id: number, side: 'guardian' | 'staff'): Promise<ConsultationDetail> {
    const row = (await consultationsRepo.byId(this.db, id))!;
    const messages = await consultationsRepo.messages(this.db, id);
    const names = await this.org.names(row.villageOrgId ? [row.orgId, row.villageOrgId] : [row.orgId]);
    const station = `${names.get(row.orgId) ?? ''}未保站`;
    const thread: ConsultationMessage[] = messages.map((m) => ({
      id: m.id,
      author: m.author,
      authorLabel: m.author === 'guardian' ? (side === 'guardian' ? '我' : row.userId === null ? '匿名提问人' : '监护人') : station,
      body: this.crypto.decrypt(m.bodyEnc),
      at: iso(m.createdAt),
    }));
    return {
      ...this.summary(row, messages[0], names, side),
      policyId: row.policyId,
      policyTitle: row.policyId ? await this.policies.titleOf(row.policyId) : null,
      child: row.childEnc ? (JSON.parse(this.crypto.decrypt(row.childEnc)) as ConsultChild) : null,
      contactPhone: this.crypto.decrypt(row.contactPhoneEnc),
      messages: thread,
    };
  }
}

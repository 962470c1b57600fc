import {
  APPLICATION_STAFF_ROLES,
  ApplicationStatus,
  canMoveApplication,
  MAX_APPLICATION_PHOTOS,
  type ApplicationApplicant,
  type ApplicationChild,
  type ApplicationCreate,
  type ApplicationDetail,
  type ApplicationPhotoRef,
  type ApplicationQueueQuery,
  type ApplicationStatusChange,
  type ApplicationSummary,
} from '@wbt/shared';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../http/actor';
import { decodeCursor, encodeCursor } from '../../http/paging';
import { AppError } from '../../http/errors';
import type { Clock } from '../../lib/clock';
import type { FieldCrypto } from '../../lib/fieldCrypto';
import type { AuditService } from '../audit/audit.service';
import type { FilesService, StoredImage } from '../files/files.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { OrgService } from '../org/org.service';
import type { PoliciesService } from '../policies/policies.service';
import { applicationsRepo, type ApplicationRow } from './applications.repo';

const iso = (d: Date) => d.toISOString();
/** Photos belong to the application in the files module under this owner type. */
const OWNER = 'application';

type Files = Pick<FilesService, 'claim' | 'readImage'>;
type Notifier = Pick<NotificationsService, 'enqueue'>;

/** What the guardian is told for each status (generic: no details of the family in a push). */
const NOTICE: Record<ApplicationStatus, string> = {
  submitted: '您的申办材料已提交',
  need_more: '您的申办事项需要补充材料',
  referred: '您的申办事项已转交相关部门办理',
  done: '您的申办事项已办结',
};

/**
 * 协助申办: a guardian asks the station to help apply for a named policy, with the policy's
 * materials checklist and photos of documents; staff move it 已提交 → 需补充材料 → 已转办 → 已办结,
 * each change with its event, audit row and the guardian's notification in one transaction.
 */
export class ApplicationsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly crypto: FieldCrypto,
    private readonly audit: AuditService,
    private readonly org: OrgService,
    private readonly notifications: Notifier,
    private readonly policies: PoliciesService,
    private readonly files: Files,
  ) {}

  // ---- guardian ----------------------------------------------------------------------------------

  private assertGuardian(actor: Actor): void {
    if (actor.role !== 'public') throw AppError.forbidden('工作人员请在工作台处理申办；申请请使用微信登录');
  }

  private async ownRow(actor: Actor, id: number, db: DbOrTx = this.db, lock = false): Promise<ApplicationRow> {
    this.assertGuardian(actor);
    const row = lock ? await applicationsRepo.lock(db, id) : await applicationsRepo.byId(db, id);
    if (!row || row.userId !== actor.userId) throw AppError.notFound('申办事项');
    return row;
  }

  async create(actor: Actor, input: ApplicationCreate, consultationId?: number): Promise<ApplicationDetail> {
    this.assertGuardian(actor);
    const policy = await this.policies.forApplication(input.policyId);
    if (!policy) throw AppError.validation('policyId', '要申办的政策不存在或已下线');
    if (!policy.canApply) throw AppError.validation('policyId', `“${policy.title}”暂不支持在线协助申办，请先咨询未保站`);
    const picked = await this.org.get(input.orgId);
    const township = picked ? await this.org.townshipOf(picked.id) : undefined;
    if (!picked || !township) throw AppError.validation('orgId', '请选择所在乡镇或村（社区）');
    this.checkPhotoItems(input.photos, policy.materials.length);
    const now = this.clock.now();
    const id = await this.db.transaction(async (tx) => {
      const id = await applicationsRepo.insert(tx, {
        userId: actor.userId,
        orgId: township.id,
        villageOrgId: picked.level === 'village' ? picked.id : null,
        policyId: policy.id,
        policyTitle: policy.title,
        materials: policy.materials.join('\n'),
        status: 'submitted',
        childEnc: this.crypto.encrypt(JSON.stringify(input.child)),
        applicantEnc: this.crypto.encrypt(JSON.stringify(input.applicant)),
        noteEnc: this.crypto.encrypt(input.note || null),
        consultationId: consultationId ?? null,
        createdAt: now,
        updatedAt: now,
      });
      await applicationsRepo.insertEvent(tx, { applicationId: id, status: 'submitted', by: 'guardian', actorUserId: actor.userId, at: now });
      const photos = await this.attach(tx, id, input.photos, now);
      await this.audit.record(
        { actor, action: 'application.create', targetType: 'application', targetId: id, result: 'ok', orgId: township.id, detail: { policyId: policy.id, photos } },
        tx,
      );
      return id;
    });
    return this.detail(id, 'guardian');
  }

  async listMine(actor: Actor, beforeId: number | undefined, limit: number): Promise<{ items: ApplicationSummary[]; nextBefore: number | null }> {
    this.assertGuardian(actor);
    const rows = await applicationsRepo.byUser(this.db, actor.userId, beforeId, limit);
    return { items: await this.summaries(rows), nextBefore: rows.length === limit ? rows[rows.length - 1].id : null };
  }

  async getMine(actor: Actor, id: number): Promise<ApplicationDetail> {
    await this.ownRow(actor, id);
    return this.detail(id, 'guardian');
  }

  /** Photos for checklist items, while the station still works on it (not after 已办结). */
  async addPhotos(actor: Actor, id: number, photos: ApplicationPhotoRef[]): Promise<ApplicationDetail> {
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const row = await this.ownRow(actor, id, tx, true);
      if (row.status === 'done') throw new AppError('INVALID_TRANSITION', '申办事项已办结，不能再添加照片');
      this.checkPhotoItems(photos, row.materials.split('\n').length);
      const existing = (await applicationsRepo.photos(tx, id)).length;
      if (existing + photos.length > MAX_APPLICATION_PHOTOS) throw AppError.validation('photos', `每个申办事项最多${MAX_APPLICATION_PHOTOS}张照片`);
      const added = await this.attach(tx, id, photos, now);
      await applicationsRepo.update(tx, id, { updatedAt: now });
      await this.audit.record({ actor, action: 'application.photos', targetType: 'application', targetId: id, result: 'ok', orgId: row.orgId, detail: { added } }, tx);
    });
    return this.detail(id, 'guardian');
  }

  /** 需补充材料 → 已提交: the guardian has added what was asked for. */
  async resubmit(actor: Actor, id: number, note: string | undefined): Promise<ApplicationDetail> {
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const row = await this.ownRow(actor, id, tx, true);
      if (!canMoveApplication(row.status, 'submitted', 'guardian')) {
        throw new AppError('INVALID_TRANSITION', `当前状态为“${ApplicationStatus.label(row.status)}”，不需要重新提交`);
      }
      await applicationsRepo.update(tx, id, { status: 'submitted', updatedAt: now, latestNoteEnc: this.crypto.encrypt(note || null) });
      await applicationsRepo.insertEvent(tx, { applicationId: id, status: 'submitted', noteEnc: this.crypto.encrypt(note || null), by: 'guardian', actorUserId: actor.userId, at: now });
      await this.audit.record({ actor, action: 'application.resubmit', targetType: 'application', targetId: id, result: 'ok', orgId: row.orgId }, tx);
    });
    return this.detail(id, 'guardian');
  }

  async readPhotoMine(actor: Actor, id: number, fileId: string): Promise<StoredImage> {
    await this.ownRow(actor, id);
    return this.readPhoto(id, fileId);
  }

  // ---- staff ----------------------------------------------------------------------------------

  private async staffRow(actor: Actor, id: number, db: DbOrTx = this.db, lock = false): Promise<ApplicationRow> {
    if (!(APPLICATION_STAFF_ROLES as readonly string[]).includes(actor.role)) throw AppError.notFound('申办事项');
    const row = lock ? await applicationsRepo.lock(db, id) : await applicationsRepo.byId(db, id);
    if (!row) throw AppError.notFound('申办事项');
    await this.org.assertInScope(actor, row.orgId, { type: 'application', id, what: '申办事项' });
    return row;
  }

  async queue(actor: Actor, q: ApplicationQueueQuery): Promise<{ items: ApplicationSummary[]; nextCursor: string | null }> {
    if (!(APPLICATION_STAFF_ROLES as readonly string[]).includes(actor.role)) throw AppError.forbidden();
    const rows = await applicationsRepo.queue(this.db, {
      orgIds: await this.org.scopeIds(actor),
      status: q.status,
      after: q.cursor ? decodeCursor(q.cursor) : undefined,
      limit: q.limit,
    });
    const last = rows[rows.length - 1];
    return { items: await this.summaries(rows), nextCursor: rows.length === q.limit && last ? encodeCursor(last.updatedAt, last.id) : null };
  }

  async getForStaff(actor: Actor, id: number): Promise<ApplicationDetail> {
    const row = await this.staffRow(actor, id);
    await this.audit.record({ actor, action: 'application.view', targetType: 'application', targetId: id, result: 'ok', orgId: row.orgId });
    return this.detail(id, 'staff');
  }

  async readPhotoForStaff(actor: Actor, id: number, fileId: string): Promise<StoredImage> {
    const row = await this.staffRow(actor, id);
    const image = await this.readPhoto(id, fileId);
    await this.audit.record({ actor, action: 'application.photo_view', targetType: 'application', targetId: id, result: 'ok', orgId: row.orgId, detail: { fileId } });
    return image;
  }

  /** One status change: the row, its event, the audit row and the guardian's notification commit together. */
  async changeStatus(actor: Actor, id: number, change: ApplicationStatusChange): Promise<ApplicationDetail> {
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const row = await this.staffRow(actor, id, tx, true);
      if (!canMoveApplication(row.status, change.status, 'staff')) {
        throw new AppError(
          'INVALID_TRANSITION',
          row.status === 'done'
            ? '申办事项已办结，不能再更改状态'
            : `不能从“${ApplicationStatus.label(row.status)}”改为“${ApplicationStatus.label(change.status)}”`,
        );
      }
      const note = change.status === 'need_more' ? change.missing : change.status === 'done' ? change.result : (change.note ?? null);
      const department = change.status === 'referred' ? change.department : null;
      await applicationsRepo.update(tx, id, {
        status: change.status,
        updatedAt: now,
        latestNoteEnc: this.crypto.encrypt(note),
        ...(department ? { department } : {}),
      });
      await applicationsRepo.insertEvent(tx, { applicationId: id, status: change.status, noteEnc: this.crypto.encrypt(note), department, by: 'staff', actorUserId: actor.userId, at: now });
      await this.audit.record(
        { actor, action: 'application.status', targetType: 'application', targetId: id, result: 'ok', orgId: row.orgId, detail: { from: row.status, to: change.status, department } },
        tx,
      );
      await this.notifications.enqueue(tx, {
        userId: row.userId,
        kind: 'application.status',
        title: NOTICE[change.status],
        body: '请打开“我的申办”查看办理进度',
        link: `/pages/apply/detail?id=${id}`,
        wechat: true,
      });
    });
    return this.detail(id, 'staff');
  }

  // ---- shared ---------------------------------------------------------------------------------

  private checkPhotoItems(photos: ApplicationPhotoRef[], items: number): void {
    photos.forEach((p, i) => {
      if (p.itemIndex >= items) throw AppError.validation(`photos.${i}.itemIndex`, '照片对应的材料不在清单中，请重新选择');
    });
  }

  private async attach(tx: DbOrTx, id: number, photos: ApplicationPhotoRef[], at: Date): Promise<number> {
    if (photos.length === 0) return 0;
    const unique = [...new Map(photos.map((p) => [p.fileId, p])).values()];
    await this.files.claim(unique, { ownerType: OWNER, ownerId: id }, tx);
    await applicationsRepo.insertPhotos(
      tx,
      unique.map((p) => ({ applicationId: id, itemIndex: p.itemIndex, fileId: p.fileId, createdAt: at })),
    );
    return unique.length;
  }

  private async readPhoto(id: number, fileId: string): Promise<StoredImage> {
    const photo = await applicationsRepo.photoByFile(this.db, id, fileId);
    const image = photo ? await this.files.readImage(fileId) : undefined;
    if (!image) throw AppError.notFound('照片');
    return image;
  }

  private summary(row: ApplicationRow, names: Map<number, string>): ApplicationSummary {
    const child = JSON.parse(this.crypto.decrypt(row.childEnc)) as ApplicationChild;
    return {
      id: row.id,
      policyId: row.policyId,
      policyTitle: row.policyTitle,
      status: row.status,
      orgId: row.orgId,
      orgName: names.get(row.orgId) ?? '',
      villageName: row.villageOrgId ? (names.get(row.villageOrgId) ?? null) : null,
      childName: child.name,
      createdAt: iso(row.createdAt),
      updatedAt: iso(row.updatedAt),
      latestNote: this.crypto.decrypt(row.latestNoteEnc),
    };
  }

  private async summaries(rows: ApplicationRow[]): Promise<ApplicationSummary[]> {
    const names = await this.org.names(rows.flatMap((r) => (r.villageOrgId ? [r.orgId, r.villageOrgId] : [r.orgId])));
    return rows.map((r) => this.summary(r, names));
  }

  private async detail(id: number, _side: 'guardian' | 'staff'): Promise<ApplicationDetail> {
    const row = (await applicationsRepo.byId(this.db, id))!;
    const [events, photos, names] = await Promise.all([
      applicationsRepo.events(this.db, id),
      applicationsRepo.photos(this.db, id),
      this.org.names(row.villageOrgId ? [row.orgId, row.villageOrgId] : [row.orgId]),
    ]);
    const items = row.materials.split('\n').filter(Boolean);
    return {
      ...this.summary(row, names),
      child: JSON.parse(this.crypto.decrypt(row.childEnc)) as ApplicationChild,
      applicant: JSON.parse(this.crypto.decrypt(row.applicantEnc)) as ApplicationApplicant,
      note: this.crypto.decrypt(row.noteEnc),
      department: row.department,
      materials: items.map((item, index) => ({
        index,
        item,
        photos: photos.filter((p) => p.itemIndex === index).map((p) => ({ fileId: p.fileId, at: iso(p.createdAt) })),
      })),
      events: events.map((e) => ({
        status: e.status,
        note: this.crypto.decrypt(e.noteEnc),
        department: e.department,
        by: e.by,
        at: iso(e.at),
      })),
      consultationId: row.consultationId,
    };
  }
}

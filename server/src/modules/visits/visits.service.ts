import {
  ReportCreate,
  VISIT_TASK_KINDS,
  VisitAlert,
  visitAlerts,
  type StaffRole,
  type TaskKind,
  type VisitCreateParsed,
  type VisitView,
  formatDateTime,
} from '@wbt/shared';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import type { Clock } from '../../lib/clock';
import type { FieldCrypto } from '../../lib/fieldCrypto';
import type { AuditService } from '../audit/audit.service';
import type { UsersService } from '../auth/users.service';
import type { ChildrenService } from '../children/children.service';
import type { FilesService, StoredImage } from '../files/files.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { OrgService } from '../org/org.service';
import type { ReportsService } from '../reports/reports.service';
import type { TasksService } from '../tasks/tasks.service';
import { visitsRepo, type VisitRow } from './visits.repo';

export const VISIT_ROLES: readonly StaffRole[] = ['director', 'supervisor', 'station_head', 'social_worker'];
/** An offline record may arrive days late, but not from the future (a little clock skew allowed). */
const MAX_FUTURE_MS = 10 * 60 * 1000;
const MAX_AGE_DAYS = 180;

type VisitBody = Pick<VisitView, 'metWith' | 'metNote' | 'living' | 'guardianship' | 'schooling' | 'health' | 'findings' | 'nextSteps'>;

const isDuplicateKey = (err: unknown): boolean => {
  const cause = (err as { cause?: { errno?: number } })?.cause ?? (err as { errno?: number });
  return cause?.errno === 1062;
};

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Home-visit records: completing tasks, moving the plan, and turning signs of harm into a report. */
export class VisitsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly crypto: FieldCrypto,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly children: ChildrenService,
    private readonly tasks: TasksService,
    private readonly files: FilesService,
    private readonly reports: ReportsService,
    private readonly org: OrgService,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * Records a visit, completes its task and moves the child's plan, in one transaction. With an
   * idempotency key (records kept on the phone while offline), a retry answers the first result and
   * stores nothing new; the same key with different content is refused.
   */
  async create(actor: Actor, input: VisitCreateParsed, idempotencyKey: string | null): Promise<{ visit: VisitView; replayed: boolean }> {
    this.requireRole(actor);
    const requestHash = this.crypto.blindIndex('visit-body', stableJson(input));
    if (idempotencyKey) {
      const replay = await this.replay(actor, idempotencyKey, requestHash);
      if (replay) return { visit: replay, replayed: true };
    }
    const child = await this.children.readable(actor, input.childId);
    const now = this.clock.now();
    const visitedAt = new Date(input.visitedAt);
    if (visitedAt.getTime() > now.getTime() + MAX_FUTURE_MS) throw AppError.validation('visitedAt', '走访时间不能晚于现在');
    if (now.getTime() - visitedAt.getTime() > MAX_AGE_DAYS * 86_400_000) {
      throw AppError.validation('visitedAt', `走访时间不能早于${MAX_AGE_DAYS}天前`);
    }
    let taskToComplete: number | null = null;
    if (input.taskId) {
      const task = await this.tasks.getRow(input.taskId);
      if (!task) throw AppError.notFound('任务');
      if (task.childId !== child.id) throw AppError.validation('taskId', '这个任务不是这名儿童的走访任务');
      if (!VISIT_TASK_KINDS.includes(task.kind as TaskKind)) throw AppError.validation('taskId', '这个任务不能用走访记录完成');
      // A task someone else already finished does not lose this record: it is saved all the same.
      if (task.status === 'open') taskToComplete = task.id;
    }
    const body: VisitBody = {
      metWith: input.metWith,
      metNote: input.metNote,
      living: input.living,
      guardianship: input.guardianship,
      schooling: input.schooling,
      health: input.health,
      findings: input.findings,
      nextSteps: input.nextSteps,
    };

    let visitId = 0;
    try {
      await this.db.transaction(async (tx) => {
        // Child row first: every writer of a child's plan locks child → tasks, in that order.
        await this.children.lockForVisit(tx, child.id);
        visitId = await visitsRepo.insert(tx, {
          childId: child.id,
          orgId: child.orgId,
          taskId: input.taskId ?? null,
          visitorUserId: actor.userId,
          visitedAt,
          createdAt: now,
          harmSigns: input.harmSigns,
          bodyEnc: this.crypto.encrypt(JSON.stringify(body)),
          reportId: null,
          idempotencyKey,
          requestHash: idempotencyKey ? requestHash : null,
        });
        if (input.photos.length) {
          await this.files.claim(input.photos, { ownerType: 'visit', ownerId: visitId }, tx);
          await visitsRepo.insertPhotos(tx, visitId, [...new Set(input.photos.map((p) => p.fileId))]);
        }
        if (taskToComplete) await this.tasks.complete(tx, { taskId: taskToComplete, actor, visitId });
        await this.children.afterVisit(tx, { childId: child.id, visitId, visitedAt, actor });
        await this.alertSupervisors(tx, child.orgId, visitId, visitAlerts(body));
        await this.audit.record(
          {
            actor,
            action: 'visit.create',
            targetType: 'visit',
            targetId: visitId,
            result: 'ok',
            orgId: child.orgId,
            detail: { childId: child.id, taskId: input.taskId ?? null, photos: input.photos.length, harmSigns: input.harmSigns, offline: !!idempotencyKey },
          },
          tx,
        );
      });
    } catch (err) {
      if (idempotencyKey && isDuplicateKey(err)) {
        // The same record raced itself (two retries at once): answer the one that won.
        const replay = await this.replay(actor, idempotencyKey, requestHash);
        if (replay) return { visit: replay, replayed: true };
      }
      throw err;
    }
    return { visit: await this.viewOf((await visitsRepo.byId(this.db, visitId))!), replayed: false };
  }

  async get(actor: Actor, id: number): Promise<VisitView> {
    const visit = await this.readable(actor, id);
    await this.audit.record({ actor, action: 'visit.read', targetType: 'visit', targetId: id, result: 'ok', orgId: visit.orgId });
    return this.viewOf(visit);
  }

  async listForChild(actor: Actor, childId: number, limit = 50): Promise<VisitView[]> {
    this.requireRole(actor);
    const child = await this.children.readable(actor, childId);
    await this.audit.record({ actor, action: 'visit.list', targetType: 'child', targetId: childId, result: 'ok', orgId: child.orgId });
    const rows = await visitsRepo.forChild(this.db, childId, limit);
    return Promise.all(rows.map((r) => this.viewOf(r)));
  }

  async photo(actor: Actor, visitId: number, fileId: string): Promise<StoredImage> {
    const visit = await this.readable(actor, visitId);
    const ids = (await visitsRepo.photosOf(this.db, [visit.id])).get(visit.id) ?? [];
    const image = ids.includes(fileId) ? await this.files.readImage(fileId) : undefined;
    if (!image) throw AppError.notFound('照片');
    await this.audit.record({ actor, action: 'visit.photo.read', targetType: 'visit', targetId: visitId, result: 'ok', orgId: visit.orgId, detail: { fileId } });
    return image;
  }

  /**
   * "发现侵害迹象": one tap turns the visit into a mandatory report (强制报告) to the township, with the
   * child from the file and the director as the named reporter. A second tap answers the same report.
   */
  async report(actor: Actor, visitId: number): Promise<{ reportId: number; created: boolean }> {
    const visit = await this.readable(actor, visitId);
    if (visit.reportId) return { reportId: visit.reportId, created: false };
    if (!visit.harmSigns) throw new AppError('INVALID_TRANSITION', '这次走访没有标记“发现侵害迹象”，如有发现请先在记录中勾选');
    const child = await this.children.readable(actor, visit.childId);
    const who = this.children.identityForReport(child);
    const detail = await this.children.get(actor, child.id);
    const body = JSON.parse(this.crypto.decrypt(visit.bodyEnc)) as VisitBody;
    const guardian = detail.guardians[0];
    const account = [
      `入户走访时发现侵害迹象（走访时间：${formatDateTime(visit.visitedAt)}）。`,
      body.findings ? `发现的问题：${body.findings}` : null,
      body.health.note ? `健康状况：${body.health.note}` : null,
      body.guardianship.note ? `监护情况：${body.guardianship.note}` : null,
      body.living.note ? `生活状况：${body.living.note}` : null,
    ]
      .filter(Boolean)
      .join('\n');
    const parsed = ReportCreate.parse({
      kind: 'harm',
      anonymous: false,
      orgId: child.orgId,
      account,
      place: who.address.slice(0, 120),
      child: { name: who.name, sex: who.sex, age: detail.age, address: who.address.slice(0, 120), phone: who.phone ?? '' },
      guardian: guardian ? { name: guardian.name, relation: guardian.relation, phone: guardian.phone ?? '' } : {},
      childState: { physical: body.health.note ?? undefined },
      reporter: { name: actor.name, identity: actor.role === 'director' ? 'child_director' : 'station_staff' },
      method: 'in_person',
      methodNote: '入户走访发现',
    });
    const { created } = await this.reports.create(parsed, { actor, idempotencyKey: `visit-${visit.id}` });
    await this.db.transaction(async (tx) => {
      await visitsRepo.update(tx, visit.id, { reportId: created.id });
      await this.audit.record({ actor, action: 'visit.report', targetType: 'visit', targetId: visit.id, result: 'ok', orgId: visit.orgId, detail: { reportId: created.id } }, tx);
    });
    return { reportId: created.id, created: true };
  }

  // ------------------------------------------------------------------ helpers

  /**
   * An unexplained injury, no one caring for the child or a dropout: every supervisor of the
   * township hears of it in the visit's transaction. The text names the finding, never the child.
   */
  private async alertSupervisors(tx: DbOrTx, villageId: number, visitId: number, alerts: VisitAlert[]): Promise<void> {
    if (!alerts.length) return;
    const township = await this.org.townshipOf(villageId);
    if (!township) return;
    const title = `走访发现：${alerts.map((a) => VisitAlert.label(a)).join('、')}`;
    for (const u of await this.users.staffOf(township.id, 'supervisor', tx))
      await this.notifications.enqueue(tx, { userId: u.id, kind: 'visit.alert', title, body: '请尽快查看走访记录并跟进', link: `/staff/pages/visit/detail?id=${visitId}` });
  }

  private requireRole(actor: Actor): void {
    if (!(VISIT_ROLES as readonly string[]).includes(actor.role)) throw AppError.forbidden('没有走访记录的权限');
  }

  private async readable(actor: Actor, id: number): Promise<VisitRow> {
    this.requireRole(actor);
    const visit = await visitsRepo.byId(this.db, id);
    if (!visit) throw AppError.notFound('走访记录');
    try {
      await this.children.readable(actor, visit.childId);
    } catch (err) {
      // A visit of a child outside the caller's scope answers exactly as a missing visit.
      if (err instanceof AppError && err.code === 'NOT_FOUND') throw AppError.notFound('走访记录');
      throw err;
    }
    return visit;
  }

  private async replay(actor: Actor, key: string, requestHash: string): Promise<VisitView | null> {
    const existing = await visitsRepo.byIdempotencyKey(this.db, actor.userId, key);
    if (!existing) return null;
    if (existing.requestHash !== requestHash) throw AppError.conflict('这条离线记录的编号已用于另一份不同的走访记录，请刷新后重新填写');
    return this.viewOf(existing);
  }

  private async viewOf(v: VisitRow): Promise<VisitView> {
    const body = JSON.parse(this.crypto.decrypt(v.bodyEnc)) as VisitBody;
    const photos = (await visitsRepo.photosOf(this.db, [v.id])).get(v.id) ?? [];
    const visitor = await this.users.byId(v.visitorUserId);
    const child = (await this.children.summaries([v.childId])).get(v.childId);
    const nextDue = await this.children.nextVisitDue(v.childId);
    return {
      id: v.id,
      childId: v.childId,
      taskId: v.taskId,
      orgId: v.orgId,
      visitedAt: v.visitedAt.toISOString(),
      visitorUserId: v.visitorUserId,
      visitorName: visitor?.name ?? '',
      ...body,
      harmSigns: v.harmSigns,
      alerts: visitAlerts(body),
      photoIds: photos,
      reportId: v.reportId,
      createdAt: v.createdAt.toISOString(),
      nextVisitDue: nextDue?.toISOString() ?? null,
      childName: child?.name ?? '',
    };
  }
}

import {
  addDaysYmd,
  chinaDate,
  formatDateTime,
  endOfChinaDay,
  TaskKind,
  VISIT_TASK_KINDS,
  type StaffRole,
  type TaskBrief,
  type TaskBucket,
  type TaskSource,
  type TaskStatus,
  type TaskView,
} from '@wbt/shared';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import type { Clock } from '../../lib/clock';
import type { FieldCrypto } from '../../lib/fieldCrypto';
import type { AuditService } from '../audit/audit.service';
import type { UsersService } from '../auth/users.service';
import type { NotificationsService } from '../notifications/notifications.service';
import { pathCovers, type OrgService } from '../org/org.service';
import { TaskBoard, type TaskBoardPart } from './tasks.board';
import { tasksRepo, type DueWindow, type TaskCursor, type TaskOwner, type TaskRow } from './tasks.repo';

export type { TaskRow } from './tasks.repo';

export interface TaskCreateInput {
  kind: TaskKind;
  /** The org the work is about: the child's village. */
  orgId: number;
  /** Named assignee; when absent the village's director (or, for file confirmations, the township's supervisors). */
  assigneeUserId?: number | null;
  childId?: number | null;
  caseId?: number | null;
  /** Generic title without personal data (it is kept in clear and shown in notifications). */
  title: string;
  /** Why; encrypted at rest. */
  reason: string;
  dueAt: Date;
  source?: TaskSource;
  /** Who dispatched it (null/absent: the system, e.g. the visit plan). */
  actor?: Actor | null;
  /** At most one open task per key (e.g. "plan:12"). */
  openKey?: string | null;
  /** Tell the assignee now (default: yes, except for plan tasks). */
  notify?: boolean;
}

/** What the tasks list needs to know about a child; provided by the children module. */
export interface ChildDirectory {
  summaries(ids: number[]): Promise<Map<number, NonNullable<TaskView['child']>>>;
  /** The village of a file (undefined when there is no such file). */
  orgOf(childId: number): Promise<number | undefined>;
}

/** Case numbers ("2026-000123") for tasks of a case; provided by the cases module. */
export type CaseCodes = (caseIds: number[]) => Promise<Map<number, string>>;
/** The brief of a case's task (account, child, place, urgency); provided by the cases module. */
export type CaseBriefSource = (caseId: number, task: { kind: string; dueAt: Date }) => Promise<TaskBrief | null>;
/** Which of these cases are 严重侵害 (serious harm: 24-hour first visit); provided by the cases module. */
export type SeriousCases = (caseIds: number[]) => Promise<Set<number>>;

export type TaskCompleteListener = (tx: DbOrTx, task: TaskRow, by: Actor) => Promise<void>;
/** A file was linked to a task dispatched before the child had one (e.g. the case can link it too). */
export type TaskChildLinkedListener = (tx: DbOrTx, task: TaskRow, childId: number, by: Actor) => Promise<void>;

const TOWNSHIP_STAFF: readonly string[] = ['supervisor', 'station_head', 'social_worker'];
const TASK_LINK = (id: number) => `/staff/pages/tasks/detail?id=${id}`;

/**
 * Real urgency on a page: an open 严重侵害 first visit (24 hours from the report) before anything
 * else, then late work, then by due time.
 */
export function byUrgency(views: TaskView[]): TaskView[] {
  const rank = (v: TaskView) => (v.status === 'open' && v.serious ? 0 : v.overdue ? 1 : 2);
  return [...views].sort((a, b) => rank(a) - rank(b) || a.dueAt.localeCompare(b.dueAt) || a.id - b.id);
}

function encodeCursor(t: Pick<TaskRow, 'dueAt' | 'id'>): string {
  return `${t.dueAt.getTime()}_${t.id}`;
}
function decodeCursor(raw: string | undefined): TaskCursor | undefined {
  if (!raw) return undefined;
  const [ms, id] = raw.split('_').map(Number);
  return { dueAt: new Date(ms), id };
}

/**
 * Tasks for village directors, social workers and supervisors. Used by the case flow (dispatching
 * first visits, verification, follow-ups), the children module (visit plan, file confirmation) and
 * the visits module (completion).
 */
export class TasksService {
  private childDirectory?: ChildDirectory;
  private caseCodes?: CaseCodes;
  private seriousCases?: SeriousCases;
  private caseBriefs?: CaseBriefSource;
  private readonly board: TaskBoard;
  private readonly completeListeners: TaskCompleteListener[] = [];
  private readonly childLinkedListeners: TaskChildLinkedListener[] = [];

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly crypto: FieldCrypto,
    private readonly org: OrgService,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
  ) {
    this.board = new TaskBoard(db, org, users, (a) => this.ownersOf(a), (rows) => this.seriousTaskIds(rows));
  }

  /** The cases module writes the briefs of its tasks (it depends on tasks). */
  useCaseBriefs(fn: CaseBriefSource): void {
    this.caseBriefs = fn;
  }

  /** The cases module tells which cases are serious (it depends on tasks). */
  useSeriousCases(fn: SeriousCases): void {
    this.seriousCases = fn;
  }

  /** Open tasks due within a day or late, for the overdue board (the actor's own, or their subtree's). */
  boardFor(actor: Actor, limit = 200): Promise<TaskBoardPart> {
    return this.board.forActor(actor, this.clock.now(), limit);
  }

  /** First visits of serious cases: the 24-hour visit of seed 002 §5.2. */
  private async seriousTaskIds(rows: TaskRow[]): Promise<Set<number>> {
    const caseIds = [...new Set(rows.filter((r) => r.kind === 'first_visit' && r.caseId).map((r) => r.caseId!))];
    const serious = this.seriousCases && caseIds.length ? await this.seriousCases(caseIds) : new Set<number>();
    return new Set(rows.filter((r) => r.kind === 'first_visit' && r.caseId && serious.has(r.caseId)).map((r) => r.id));
  }

  /** The children module registers itself here (it depends on tasks, so it cannot be injected). */
  useChildDirectory(dir: ChildDirectory): void {
    this.childDirectory = dir;
  }

  /** The cases module registers how to read its case numbers (it depends on tasks). */
  useCaseCodes(codes: CaseCodes): void {
    this.caseCodes = codes;
  }

  /** Called inside the completing transaction, e.g. by the case flow to write its chronology. */
  onComplete(listener: TaskCompleteListener): void {
    this.completeListeners.push(listener);
  }

  /** Called inside the linking transaction (see linkChild). */
  onChildLinked(listener: TaskChildLinkedListener): void {
    this.childLinkedListeners.push(listener);
  }

  // ------------------------------------------------------------------ writes

  /** Creates a task inside the caller's transaction; the assignee is notified in the same transaction. */
  async create(tx: DbOrTx, input: TaskCreateInput): Promise<TaskRow> {
    const org = await this.org.get(input.orgId, tx);
    if (!org) throw AppError.validation('orgId', '任务所属的村/社区不存在');
    if (!input.title.trim()) throw AppError.validation('title', '请填写任务标题');
    const now = this.clock.now();
    const owner = await this.resolveOwner(tx, input, org);
    const row = {
      kind: input.kind,
      source: input.source ?? (input.caseId ? 'case' : input.kind === 'file_confirm' ? 'file' : 'plan'),
      status: 'open' as const,
      orgId: input.orgId,
      assigneeUserId: owner.userId,
      poolOrgId: owner.poolOrgId,
      poolRole: owner.poolRole,
      childId: input.childId ?? null,
      caseId: input.caseId ?? null,
      title: input.title.trim().slice(0, 100),
      reasonEnc: this.crypto.encrypt(input.reason),
      dueAt: input.dueAt,
      openKey: input.openKey ?? null,
      createdAt: now,
      createdBy: input.actor?.userId ?? null,
    };
    const id = await tasksRepo.insert(tx, row);
    await this.audit.record(
      {
        actor: input.actor ?? null,
        action: 'task.create',
        targetType: 'task',
        targetId: id,
        result: 'ok',
        orgId: input.orgId,
        detail: { kind: input.kind, caseId: input.caseId ?? null, childId: input.childId ?? null, assigneeUserId: owner.userId, dueAt: input.dueAt.toISOString() },
      },
      tx,
    );
    const notify = input.notify ?? row.source !== 'plan';
    if (notify) {
      for (const userId of await this.ownerUserIds(tx, owner)) {
        await this.notifications.enqueue(tx, {
          userId,
          kind: 'task.assigned',
          title: `新任务：${TaskKind.label(input.kind)}`,
          body: `截止时间 ${formatDateTime(input.dueAt)}`,
          link: TASK_LINK(id),
        });
      }
    }
    return (await tasksRepo.byId(tx, id))!;
  }

  /**
   * Marks an open task done. The actor must be its assignee, a member of its pool, or township
   * staff over its village. Returns the updated row.
   */
  async complete(tx: DbOrTx, input: { taskId: number; actor: Actor; visitId?: number | null }): Promise<TaskRow> {
    const task = await tasksRepo.byIdForUpdate(tx, input.taskId);
    if (!task || !(await this.mayWork(input.actor, task, tx))) {
      await this.audit.record({ actor: input.actor, action: 'scope.denied', targetType: 'task', targetId: input.taskId, result: 'denied' }, tx);
      throw AppError.notFound('任务');
    }
    if (task.status !== 'open') {
      throw new AppError('INVALID_TRANSITION', task.status === 'done' ? '该任务已经完成，无需重复提交' : '该任务已取消');
    }
    const now = this.clock.now();
    await tasksRepo.update(tx, task.id, { status: 'done', completedAt: now, completedBy: input.actor.userId, visitId: input.visitId ?? null, openKey: null });
    await this.audit.record(
      { actor: input.actor, action: 'task.complete', targetType: 'task', targetId: task.id, result: 'ok', orgId: task.orgId, detail: { visitId: input.visitId ?? null } },
      tx,
    );
    const done = (await tasksRepo.byId(tx, task.id))!;
    for (const listener of this.completeListeners) await listener(tx, done, input.actor);
    // A case's task is reported to the case owner by the case flow; any other is told to who dispatched it.
    if (!done.caseId && done.createdBy && done.createdBy !== input.actor.userId) {
      await this.notifications.enqueue(tx, {
        userId: done.createdBy,
        kind: 'task.done',
        title: `任务已完成：${TaskKind.label(done.kind as TaskKind)}`,
        body: `${input.actor.name}于 ${formatDateTime(now)} 完成`,
        link: TASK_LINK(done.id),
      });
    }
    return done;
  }

  /**
   * A visit task dispatched from a case before the child had a file: the director links the file
   * (of the same village) so the visit can be recorded against it.
   */
  async linkChild(actor: Actor, taskId: number, childId: number): Promise<TaskView> {
    await this.db.transaction(async (tx) => {
      const task = await tasksRepo.byIdForUpdate(tx, taskId);
      if (!task || !(await this.mayWork(actor, task, tx))) {
        await this.audit.record({ actor, action: 'scope.denied', targetType: 'task', targetId: taskId, result: 'denied' }, tx);
        throw AppError.notFound('任务');
      }
      if (task.status !== 'open') throw new AppError('INVALID_TRANSITION', '任务已关闭，不能再关联儿童档案');
      if (task.childId === childId) return;
      if (task.childId !== null) throw new AppError('INVALID_TRANSITION', '这个任务已经关联了儿童档案');
      if ((await this.childDirectory?.orgOf(childId)) !== task.orgId) throw AppError.validation('childId', '只能关联任务所在村（社区）的儿童档案');
      await tasksRepo.update(tx, task.id, { childId });
      await this.audit.record({ actor, action: 'task.link_child', targetType: 'task', targetId: task.id, result: 'ok', orgId: task.orgId, detail: { childId } }, tx);
      const linked = (await tasksRepo.byId(tx, task.id))!;
      for (const listener of this.childLinkedListeners) await listener(tx, linked, childId, actor);
    });
    return this.get(actor, taskId);
  }

  /** Cancels an open task (a case closed, a plan replaced). No-op for a task already closed. */
  async cancel(tx: DbOrTx, input: { taskId: number; actor: Actor | null; reason: string }): Promise<void> {
    const task = await tasksRepo.byIdForUpdate(tx, input.taskId);
    if (!task || task.status !== 'open') return;
    await tasksRepo.update(tx, task.id, { status: 'cancelled', cancelledAt: this.clock.now(), cancelReason: input.reason.slice(0, 200), openKey: null });
    await this.audit.record(
      { actor: input.actor, action: 'task.cancel', targetType: 'task', targetId: task.id, result: 'ok', orgId: task.orgId, detail: { reason: input.reason } },
      tx,
    );
  }

  /** Moves the due time of an open task (the visit plan after a tier change or a visit). */
  async reschedule(tx: DbOrTx, taskId: number, dueAt: Date): Promise<void> {
    await tasksRepo.update(tx, taskId, { dueAt, overdueNotifiedAt: null });
  }

  /** The open task holding a key (e.g. the child's plan task), locked for update. */
  /** Which of these cases have an open task past its due time (the case list's late mark). */
  async lateCaseIds(caseIds: number[]): Promise<Set<number>> {
    return new Set(await tasksRepo.lateCaseIds(this.db, caseIds, this.clock.now()));
  }

  openByKey(tx: DbOrTx, key: string): Promise<TaskRow | undefined> {
    return tasksRepo.byOpenKey(tx, key);
  }

  // ------------------------------------------------------------------ reads

  /** An open or closed task the actor may see (its village is in their scope), else 404. */
  async get(actor: Actor, id: number): Promise<TaskView> {
    const task = await tasksRepo.byId(this.db, id);
    if (!task) throw AppError.notFound('任务');
    await this.org.assertInScope(actor, task.orgId, { type: 'task', id, what: '任务' });
    await this.audit.record({ actor, action: 'task.read', targetType: 'task', targetId: id, result: 'ok', orgId: task.orgId });
    const view = this.forViewer(actor, await this.toViews([task]))[0];
    // County admins see numbers, not accounts of harm.
    const brief = task.caseId && this.caseBriefs && actor.role !== 'county_admin' ? await this.caseBriefs(task.caseId, task) : null;
    return { ...view, brief };
  }

  getRow(id: number, db: DbOrTx = this.db): Promise<TaskRow | undefined> {
    return tasksRepo.byId(db, id);
  }

  /** My open tasks — mine by name and those of my pool — most urgent first. */
  async listMine(
    actor: Actor,
    opts: { bucket?: TaskBucket; after?: string; limit?: number } = {},
  ): Promise<{ items: TaskView[]; nextCursor: string | null; counts: Record<TaskBucket, number> }> {
    const limit = opts.limit ?? 50;
    const windows = this.windows();
    const window = opts.bucket ? windows[opts.bucket] : { until: windows.week.until };
    const owners = this.ownersOf(actor);
    const cursor = decodeCursor(opts.after);
    const rows = await tasksRepo.openForOwners(this.db, owners, window, cursor, limit + 1);
    const page = rows.slice(0, limit);
    const counts = await tasksRepo.bucketCountsFor(this.db, owners, this.bucketWindows(windows));
    return { items: byUrgency(await this.toViews(page)), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null, counts };
  }

  /** Tasks of the villages in the actor's scope (or one of them), with overdue counts. */
  async listForScope(
    actor: Actor,
    f: { orgId?: number; kind?: TaskKind; status?: TaskStatus; overdue?: boolean; assigneeUserId?: number; after?: string; limit?: number },
  ): Promise<{ items: TaskView[]; nextCursor: string | null; counts: Record<TaskBucket, number> }> {
    const orgIds = await this.scopeOrgIds(actor, f.orgId);
    const limit = f.limit ?? 50;
    const windows = this.windows();
    const window: DueWindow = f.overdue === true ? windows.overdue : f.overdue === false ? { from: this.clock.now() } : {};
    const rows = await tasksRepo.inOrgs(
      this.db,
      orgIds,
      { status: f.status ?? 'open', kind: f.kind, assigneeUserId: f.assigneeUserId, window },
      decodeCursor(f.after),
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const counts = await tasksRepo.bucketCountsInOrgs(this.db, orgIds, this.bucketWindows(windows));
    return { items: this.forViewer(actor, await this.toViews(page)), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null, counts };
  }

  /**
   * Per village and assignee: open overdue tasks, and visit tasks due in the last `days` days
   * (planned) and how many of them were done.
   */
  async visitStats(actor: Actor, days = 30) {
    const orgIds = await this.scopeOrgIds(actor);
    const now = this.clock.now();
    return tasksRepo.statsByOrg(this.db, orgIds, VISIT_TASK_KINDS, now, new Date(now.getTime() - days * 86_400_000));
  }

  /** Every task dispatched from a case (the case module checks access to the case first). */
  async forCase(caseId: number): Promise<TaskView[]> {
    return this.toViews(await tasksRepo.forCase(this.db, caseId));
  }

  /** Every task about a child (the children module checks access first). */
  forChildRows(childId: number, db: DbOrTx = this.db): Promise<TaskRow[]> {
    return tasksRepo.forChild(db, childId);
  }

  openForChildRows(childId: number, db: DbOrTx = this.db): Promise<TaskRow[]> {
    return tasksRepo.openForChild(db, childId);
  }

  async views(rows: TaskRow[]): Promise<TaskView[]> {
    return this.toViews(rows);
  }

  // ------------------------------------------------------------------ escalation

  /**
   * Tells the assignee and the township's supervisors once when a task runs late (the station head
   * as well for a late file confirmation). Run periodically; safe with several workers.
   */
  async sweepOverdue(limit = 100): Promise<number> {
    const now = this.clock.now();
    let told = 0;
    for (const task of await tasksRepo.overdueUnnotified(this.db, now, limit)) {
      await this.db.transaction(async (tx) => {
        if (!(await tasksRepo.markOverdueNotified(tx, task.id, now))) return;
        // The same people the overdue board shows as told (TaskBoard.recipients).
        const recipients = await this.board.recipients(task);
        for (const userId of recipients) {
          await this.notifications.enqueue(tx, {
            userId,
            kind: 'task.overdue',
            title: `任务已逾期：${TaskKind.label(task.kind as TaskKind)}`,
            body: `应于 ${formatDateTime(task.dueAt)} 前完成`,
            link: TASK_LINK(task.id),
          });
        }
        await this.audit.record({ actor: null, action: 'task.overdue', targetType: 'task', targetId: task.id, result: 'ok', orgId: task.orgId, detail: { notified: recipients.length } }, tx);
        told += 1;
      });
    }
    return told;
  }

  // ------------------------------------------------------------------ helpers

  /** County admins see the county's work in numbers, not children's names and addresses. */
  private forViewer(actor: Actor, views: TaskView[]): TaskView[] {
    if (actor.role !== 'county_admin') return views;
    return views.map((v) => ({ ...v, child: v.child ? { ...v.child, name: v.child.maskedName, address: '' } : null }));
  }

  /** Time windows of the buckets, on China calendar days. */
  private windows(): Record<TaskBucket, DueWindow> {
    const now = this.clock.now();
    const endToday = endOfChinaDay(chinaDate(now));
    const endWeek = endOfChinaDay(addDaysYmd(chinaDate(now), 7));
    return {
      overdue: { before: now },
      today: { from: now, until: endToday },
      week: { from: new Date(endToday.getTime() + 1), until: endWeek },
    };
  }

  private bucketWindows(w: Record<TaskBucket, DueWindow>) {
    return { now: w.overdue.before!, endToday: w.today.until!, endWeek: w.week.until! };
  }

  private ownersOf(actor: Actor): TaskOwner[] {
    const owners: TaskOwner[] = [{ userId: actor.userId }];
    if (actor.orgId !== null && actor.role !== 'public') owners.push({ poolOrgId: actor.orgId, poolRole: actor.role });
    return owners;
  }

  private ownerOfRow(t: TaskRow): { userId: number | null; poolOrgId: number | null; poolRole: string | null } {
    return { userId: t.assigneeUserId, poolOrgId: t.poolOrgId, poolRole: t.poolRole };
  }

  private async ownerUserIds(tx: DbOrTx, o: { userId: number | null; poolOrgId: number | null; poolRole: string | null }): Promise<number[]> {
    if (o.userId) return [o.userId];
    if (o.poolOrgId && o.poolRole) return (await this.users.staffOf(o.poolOrgId, o.poolRole as StaffRole, tx)).map((u) => u.id);
    return [];
  }

  private async resolveOwner(
    tx: DbOrTx,
    input: TaskCreateInput,
    org: { id: number; path: string; level: string; parentId: number | null },
  ): Promise<{ userId: number | null; poolOrgId: number | null; poolRole: string | null }> {
    if (input.assigneeUserId) {
      const user = await this.users.byId(input.assigneeUserId, tx);
      const userOrg = user?.orgId ? await this.org.get(user.orgId, tx) : undefined;
      if (!user || !user.active || user.role === 'public' || !userOrg || !pathCovers(userOrg.path, org.path)) {
        throw AppError.validation('assigneeUserId', '指定的负责人不存在，或不负责这个村/社区');
      }
      return { userId: user.id, poolOrgId: null, poolRole: null };
    }
    if (input.kind === 'file_confirm') {
      const townshipId = org.level === 'village' ? org.parentId : org.id;
      return { userId: null, poolOrgId: townshipId, poolRole: 'supervisor' };
    }
    const directors = await this.users.staffOf(org.id, 'director', tx);
    if (directors.length === 1) return { userId: directors[0].id, poolOrgId: null, poolRole: null };
    // Several directors (or none yet): any director of the village may take it.
    return { userId: null, poolOrgId: org.id, poolRole: 'director' };
  }

  /** Assignee, pool member, or township staff over the task's village. */
  private async mayWork(actor: Actor, task: TaskRow, db: DbOrTx): Promise<boolean> {
    if (task.assigneeUserId === actor.userId) return true;
    if (task.assigneeUserId === null && task.poolOrgId === actor.orgId && task.poolRole === actor.role) return true;
    if (!TOWNSHIP_STAFF.includes(actor.role) && actor.role !== 'director') return false;
    const org = await this.org.get(task.orgId, db);
    return !!org && pathCovers(actor.orgPath, org.path);
  }

  private async scopeOrgIds(actor: Actor, orgId?: number): Promise<number[]> {
    if (orgId !== undefined) {
      await this.org.assertInScope(actor, orgId, { type: 'org', id: orgId, what: '村/社区' });
      const org = (await this.org.get(orgId))!;
      return (await this.org.tree({ ...actor, orgPath: org.path })).map((o) => o.id);
    }
    const ids = await this.org.scopeIds(actor);
    if (ids.length === 0) throw AppError.notFound('任务');
    return ids;
  }

  private async toViews(rows: TaskRow[]): Promise<TaskView[]> {
    if (rows.length === 0) return [];
    const now = this.clock.now();
    const windows = this.windows();
    const names = await this.users.names(rows.map((r) => r.assigneeUserId).filter((x): x is number => x !== null));
    const orgNames = new Map<number, string>();
    for (const id of new Set(rows.map((r) => r.orgId))) orgNames.set(id, (await this.org.get(id))?.name ?? '');
    const childIds = [...new Set(rows.map((r) => r.childId).filter((x): x is number => x !== null))];
    const children = this.childDirectory && childIds.length ? await this.childDirectory.summaries(childIds) : new Map();
    const caseIds = [...new Set(rows.map((r) => r.caseId).filter((x): x is number => x !== null))];
    const caseCodes = this.caseCodes && caseIds.length ? await this.caseCodes(caseIds) : new Map<number, string>();
    const serious = await this.seriousTaskIds(rows);
    return rows.map((t) => {
      const overdue = t.status === 'open' && t.dueAt < now;
      let bucket: TaskBucket | null = null;
      if (t.status === 'open') {
        if (overdue) bucket = 'overdue';
        else if (t.dueAt <= windows.today.until!) bucket = 'today';
        else if (t.dueAt <= windows.week.until!) bucket = 'week';
      }
      return {
        id: t.id,
        kind: t.kind as TaskKind,
        kindLabel: TaskKind.label(t.kind as TaskKind),
        status: t.status,
        source: t.source as TaskSource,
        title: t.title,
        reason: this.crypto.decrypt(t.reasonEnc),
        orgId: t.orgId,
        orgName: orgNames.get(t.orgId) ?? '',
        assigneeUserId: t.assigneeUserId,
        assigneeName: t.assigneeUserId ? (names.get(t.assigneeUserId) ?? null) : null,
        childId: t.childId,
        caseId: t.caseId,
        caseCode: t.caseId ? (caseCodes.get(t.caseId) ?? null) : null,
        dueAt: t.dueAt.toISOString(),
        bucket,
        overdue,
        createdAt: t.createdAt.toISOString(),
        completedAt: t.completedAt?.toISOString() ?? null,
        visitId: t.visitId,
        child: t.childId ? (children.get(t.childId) ?? null) : null,
        serious: serious.has(t.id),
      };
    });
  }
}

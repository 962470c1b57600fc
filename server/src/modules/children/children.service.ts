import {
  addDaysYmd,
  addWorkingDays,
  ageOn,
  CHILD_FIELD_LABELS,
  ChildCreate,
  chinaDate,
  endOfChinaDay,
  maskName,
  visitIntervalFor,
  type ChildCategory,
  type ChildCreateParsed,
  type ChildDetail,
  type ChildField,
  type ChildHistoryEntry,
  type ChildSummary,
  type ChildUpdateParsed,
  type DuplicateMatch,
  type ErrorDetail,
  type RiskTier,
  type StaffRole,
  type TaskView,
  type VillageOverview,
} from '@wbt/shared';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import type { Clock } from '../../lib/clock';
import type { FieldCrypto } from '../../lib/fieldCrypto';
import type { AuditService } from '../audit/audit.service';
import type { UsersService } from '../auth/users.service';
import type { OrgService } from '../org/org.service';
import type { SettingsService } from '../settings/settings.service';
import type { ChildDirectory, TasksService } from '../tasks/tasks.service';
import { childrenRepo, type ChildRow } from './children.repo';

export const CHILD_READ_ROLES: readonly StaffRole[] = ['director', 'supervisor', 'station_head', 'social_worker'];
export const CHILD_WRITE_ROLES: readonly StaffRole[] = ['director', 'supervisor', 'station_head'];
export const CHILD_CONFIRM_ROLES: readonly StaffRole[] = ['supervisor', 'station_head'];

/** Encrypted identity blob. */
interface Identity {
  name: string;
  dob: string;
  idNumber: string | null;
  householdReg: string | null;
  address: string;
  phone: string | null;
}
/** Encrypted profile blob. */
interface Profile {
  guardians: ChildDetail['guardians'];
  parentsAwayWhere: string | null;
  schoolName: string | null;
  grade: string | null;
  health: string | null;
  disability: string | null;
  benefits: ChildDetail['benefits'];
  servicesNote: string | null;
  riskReason: string;
}
/** Every field of a file a person fills in, in one flat object (what history compares). */
type FileValues = Identity & Profile & Pick<ChildRow, 'sex' | 'riskTier' | 'parentsAway' | 'entrustmentSigned' | 'schooling'> & {
  categories: string[];
  guardianshipState: string;
};
interface HistoryPayload {
  changes: { field: string; old: unknown; new: unknown }[];
  note: string | null;
}

const FILE_FIELDS = Object.keys(CHILD_FIELD_LABELS).filter((f) => f !== 'orgId') as Exclude<ChildField, 'orgId'>[];
const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const planKey = (childId: number) => `plan:${childId}`;
const confirmKey = (childId: number) => `confirm:${childId}`;
const isDuplicateKey = (err: unknown): boolean => {
  const cause = (err as { cause?: { errno?: number } })?.cause ?? (err as { errno?: number });
  return cause?.errno === 1062;
};

/** One file per child (一人一档): identity encrypted, duplicates caught, every change kept, plans driven by tier. */
export class ChildrenService implements ChildDirectory {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly crypto: FieldCrypto,
    private readonly org: OrgService,
    private readonly audit: AuditService,
    private readonly settings: SettingsService,
    private readonly tasks: TasksService,
    private readonly users: UsersService,
  ) {
    tasks.useChildDirectory(this);
  }

  // ------------------------------------------------------------------ writes

  async create(actor: Actor, input: ChildCreateParsed): Promise<ChildDetail> {
    this.requireRole(actor, CHILD_WRITE_ROLES, '只有儿童主任和乡镇工作人员可以建立儿童档案');
    const orgId = await this.villageFor(actor, input.orgId);
    this.checkAge(input.dob);
    await this.guardDuplicates(actor, { orgId, name: input.name, dob: input.dob, idNumber: input.idNumber }, input.confirmNotDuplicate === true);

    const values = this.valuesFromInput(input);
    const sla = await this.settings.sla(orgId);
    const interval = visitIntervalFor(sla, values.riskTier, values.categories as ChildCategory[]);
    const now = this.clock.now();
    const nextVisitDue = endOfChinaDay(addDaysYmd(chinaDate(now), interval));
    const needsConfirm = actor.role === 'director';
    const confirmDueAt = needsConfirm ? addWorkingDays(now, sla.fileConfirmWorkingDays) : null;

    let id = 0;
    try {
      await this.db.transaction(async (tx) => {
        id = await childrenRepo.insert(tx, {
          orgId,
          ...this.sealed(values),
          ...this.indexes(values, orgId),
          ...this.plainColumns(values),
          visitIntervalDays: interval,
          lastVisitAt: null,
          nextVisitDue,
          confirmStatus: needsConfirm ? 'pending' : 'confirmed',
          confirmDueAt,
          confirmedAt: needsConfirm ? null : now,
          confirmedBy: needsConfirm ? null : actor.userId,
          createdAt: now,
          createdBy: actor.userId,
          updatedAt: now,
          updatedBy: actor.userId,
        });
        await childrenRepo.setCategories(tx, id, values.categories);
        await this.writeHistory(tx, id, actor, 'create', FILE_FIELDS.map((f) => ({ field: f, old: null, new: values[f] })), null);
        await this.tasks.create(tx, {
          kind: 'periodic_visit',
          orgId,
          childId: id,
          title: '定期走访',
          reason: `按走访计划每${interval}天走访一次（风险等级：${tierLabel(values.riskTier)}）`,
          dueAt: nextVisitDue,
          source: 'plan',
          openKey: planKey(id),
          actor,
        });
        if (needsConfirm && confirmDueAt) await this.openConfirmTask(tx, id, orgId, confirmDueAt, actor, `新建档案，请在${sla.fileConfirmWorkingDays}个工作日内核对并确认`);
        await this.audit.record({ actor, action: 'child.create', targetType: 'child', targetId: id, result: 'ok', orgId, detail: { fields: FILE_FIELDS.length } }, tx);
      });
    } catch (err) {
      if (isDuplicateKey(err)) throw AppError.conflict('该身份证号已经建档，请勿重复建档');
      throw err;
    }
    return this.detailOf((await childrenRepo.byId(this.db, id))!);
  }

  async update(actor: Actor, id: number, patch: ChildUpdateParsed): Promise<ChildDetail> {
    this.requireRole(actor, CHILD_WRITE_ROLES, '只有儿童主任和乡镇工作人员可以修改儿童档案');
    const before = await childrenRepo.byId(this.db, id);
    if (!before) throw AppError.notFound('儿童档案');
    await this.org.assertInScope(actor, before.orgId, { type: 'child', id, what: '儿童档案' });

    const current = await this.valuesOf(before);
    const { confirmNotDuplicate, ...fields } = patch;
    const merged: FileValues = { ...current };
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) (merged as unknown as Record<string, unknown>)[k] = v;
    normalise(merged);
    const check = ChildCreate.safeParse(merged);
    if (!check.success) {
      const details: ErrorDetail[] = check.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      throw new AppError('VALIDATION_FAILED', `修改后的档案有误：${details[0].message}`, details);
    }
    const changes: HistoryPayload['changes'] = FILE_FIELDS.filter((f) => !sameValue(current[f], merged[f])).map((f) => ({
      field: f,
      old: current[f],
      new: merged[f],
    }));
    if (changes.length === 0) return this.detailOf(before);
    const changed = new Set(changes.map((c) => c.field));
    if (changed.has('dob')) this.checkAge(merged.dob);
    if (changed.has('name') || changed.has('dob') || changed.has('idNumber')) {
      await this.guardDuplicates(actor, { orgId: before.orgId, name: merged.name, dob: merged.dob, idNumber: merged.idNumber, excludeId: id }, confirmNotDuplicate === true);
    }

    const now = this.clock.now();
    const sla = await this.settings.sla(before.orgId);
    try {
      await this.db.transaction(async (tx) => {
        const row = (await childrenRepo.byIdForUpdate(tx, id))!;
        const set: Partial<ChildRow> = {
          ...this.sealed(merged),
          ...this.indexes(merged, row.orgId),
          ...this.plainColumns(merged),
          updatedAt: now,
          updatedBy: actor.userId,
        };
        if (changed.has('riskTier') || changed.has('categories')) {
          const interval = visitIntervalFor(sla, merged.riskTier, merged.categories as ChildCategory[]);
          if (interval !== row.visitIntervalDays) {
            const due = this.planDue(row.lastVisitAt ?? row.createdAt, interval, now);
            set.visitIntervalDays = interval;
            set.nextVisitDue = due;
            await this.movePlanTask(tx, row, due, interval, merged.riskTier, actor);
            changes.push({ field: 'nextVisitDue', old: row.nextVisitDue?.toISOString() ?? null, new: due.toISOString() });
          }
        }
        if (actor.role === 'director') {
          // A director's change waits for the supervisor; the clock runs from the first unconfirmed change.
          if (row.confirmStatus !== 'pending' || !row.confirmDueAt) {
            set.confirmStatus = 'pending';
            set.confirmDueAt = addWorkingDays(now, sla.fileConfirmWorkingDays);
            set.confirmedAt = null;
            set.confirmedBy = null;
            await this.openConfirmTask(tx, id, row.orgId, set.confirmDueAt, actor, `档案有修改，请在${sla.fileConfirmWorkingDays}个工作日内核对并确认`);
          }
        }
        await childrenRepo.update(tx, id, set);
        if (changed.has('categories')) await childrenRepo.setCategories(tx, id, merged.categories);
        await this.writeHistory(tx, id, actor, 'update', changes, null);
        await this.audit.record(
          { actor, action: 'child.update', targetType: 'child', targetId: id, result: 'ok', orgId: row.orgId, detail: { fields: [...changed] } },
          tx,
        );
      });
    } catch (err) {
      if (isDuplicateKey(err)) throw AppError.conflict('该身份证号已经建档，请勿重复建档');
      throw err;
    }
    return this.detailOf((await childrenRepo.byId(this.db, id))!);
  }

  /** The township supervisor confirms a director's entry or change (seed 002 §4.1.1). */
  async confirm(actor: Actor, id: number, note: string | null): Promise<ChildDetail> {
    this.requireRole(actor, CHILD_CONFIRM_ROLES, '只有乡镇儿童督导员或站长可以确认档案');
    const before = await childrenRepo.byId(this.db, id);
    if (!before) throw AppError.notFound('儿童档案');
    await this.org.assertInScope(actor, before.orgId, { type: 'child', id, what: '儿童档案' });
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const row = (await childrenRepo.byIdForUpdate(tx, id))!;
      if (row.confirmStatus !== 'pending') throw new AppError('INVALID_TRANSITION', '该档案已确认，没有待确认的内容');
      const late = !!row.confirmDueAt && row.confirmDueAt < now;
      await childrenRepo.update(tx, id, { confirmStatus: 'confirmed', confirmedAt: now, confirmedBy: actor.userId });
      const task = await this.tasks.openByKey(tx, confirmKey(id));
      if (task) await this.tasks.complete(tx, { taskId: task.id, actor });
      await this.writeHistory(tx, id, actor, 'confirm', [{ field: 'confirmStatus', old: 'pending', new: 'confirmed' }], note);
      await this.audit.record({ actor, action: 'child.confirm', targetType: 'child', targetId: id, result: 'ok', orgId: row.orgId, detail: { late } }, tx);
    });
    return this.detailOf((await childrenRepo.byId(this.db, id))!);
  }

  /** Locks a file's row for a visit's transaction (before any of its tasks, to keep one lock order). */
  async lockForVisit(tx: DbOrTx, childId: number): Promise<void> {
    await childrenRepo.byIdForUpdate(tx, childId);
  }

  /**
   * A visit was recorded (by the visits module, inside its transaction): the plan moves to the visit
   * day plus the interval, and the open plan task is done by this visit when the visit is the latest.
   * Returns the next due time.
   */
  async afterVisit(tx: DbOrTx, input: { childId: number; visitId: number; visitedAt: Date; actor: Actor }): Promise<Date | null> {
    const row = await childrenRepo.byIdForUpdate(tx, input.childId);
    if (!row) throw AppError.notFound('儿童档案');
    if (row.lastVisitAt && input.visitedAt < row.lastVisitAt) return row.nextVisitDue; // an older record arriving late
    const due = endOfChinaDay(addDaysYmd(chinaDate(input.visitedAt), row.visitIntervalDays));
    const open = await this.tasks.openByKey(tx, planKey(row.id));
    if (open) await this.tasks.complete(tx, { taskId: open.id, actor: input.actor, visitId: input.visitId });
    await this.tasks.create(tx, {
      kind: 'periodic_visit',
      orgId: row.orgId,
      childId: row.id,
      title: '定期走访',
      reason: `按走访计划每${row.visitIntervalDays}天走访一次（风险等级：${tierLabel(row.riskTier)}）`,
      dueAt: due,
      source: 'plan',
      openKey: planKey(row.id),
      actor: input.actor,
    });
    await childrenRepo.update(tx, row.id, { lastVisitAt: input.visitedAt, nextVisitDue: due });
    await this.writeHistory(
      tx,
      row.id,
      input.actor,
      'visit_plan',
      [
        { field: 'lastVisitAt', old: row.lastVisitAt?.toISOString() ?? null, new: input.visitedAt.toISOString() },
        { field: 'nextVisitDue', old: row.nextVisitDue?.toISOString() ?? null, new: due.toISOString() },
      ],
      null,
    );
    return due;
  }

  // ------------------------------------------------------------------ reads

  /** A file for an authorised reader; the read is audited. */
  async get(actor: Actor, id: number): Promise<ChildDetail> {
    const row = await this.readable(actor, id);
    await this.audit.record({ actor, action: 'child.read', targetType: 'child', targetId: id, result: 'ok', orgId: row.orgId });
    return this.detailOf(row);
  }

  /** Scope check for other modules (visits): the row when the actor may read it, else 404. */
  async readable(actor: Actor, id: number, db: DbOrTx = this.db): Promise<ChildRow> {
    this.requireRole(actor, CHILD_READ_ROLES, '没有查看儿童档案的权限');
    const row = await childrenRepo.byId(db, id);
    if (!row) throw AppError.notFound('儿童档案');
    await this.org.assertInScope(actor, row.orgId, { type: 'child', id, what: '儿童档案' });
    return row;
  }

  async history(actor: Actor, id: number): Promise<ChildHistoryEntry[]> {
    const row = await this.readable(actor, id);
    await this.audit.record({ actor, action: 'child.history.read', targetType: 'child', targetId: id, result: 'ok', orgId: row.orgId });
    const entries = await childrenRepo.historyOf(this.db, id);
    const names = await this.users.names(entries.map((e) => e.actorUserId).filter((x): x is number => x !== null));
    return entries.map((e) => {
      const payload = JSON.parse(this.crypto.decrypt(e.changesEnc)) as HistoryPayload;
      return {
        id: e.id,
        at: e.at.toISOString(),
        actorName: e.actorUserId ? (names.get(e.actorUserId) ?? '（已停用账号）') : '系统',
        action: e.action as ChildHistoryEntry['action'],
        changes: payload.changes.map((c) => ({ ...c, label: historyLabel(c.field) })),
        note: payload.note,
      };
    });
  }

  async list(
    actor: Actor,
    q: { orgId?: number; category?: ChildCategory; riskTier?: RiskTier; confirm?: 'pending' | 'overdue'; visitOverdue?: boolean; after?: number; limit: number },
  ): Promise<{ items: ChildSummary[]; nextAfter: number | null }> {
    this.requireRole(actor, CHILD_READ_ROLES, '没有查看儿童档案的权限');
    let orgIds: number[];
    if (q.orgId !== undefined) {
      await this.org.assertInScope(actor, q.orgId, { type: 'org', id: q.orgId, what: '村/社区' });
      orgIds = [q.orgId];
    } else {
      orgIds = await this.org.scopeIds(actor);
    }
    const rows = await childrenRepo.list(this.db, { ...q, orgIds, now: this.clock.now(), limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    await this.audit.record({ actor, action: 'child.list', targetType: 'org', targetId: q.orgId ?? actor.orgId ?? 0, result: 'ok', detail: { count: page.length } });
    return { items: await this.summariesOf(page), nextAfter: rows.length > q.limit ? page[page.length - 1].id : null };
  }

  /** The tasks about a child: its plan, visits dispatched from cases, the file confirmation. */
  async tasksOf(actor: Actor, id: number): Promise<TaskView[]> {
    await this.readable(actor, id);
    return this.tasks.views(await this.tasks.forChildRows(id));
  }

  /** Possible duplicates of a new or changed file, among files the asker may open and beyond. */
  async duplicates(actor: Actor, q: { orgId?: number; name: string; dob: string; idNumber?: string | null; excludeId?: number }): Promise<DuplicateMatch[]> {
    this.requireRole(actor, CHILD_WRITE_ROLES, '没有建立儿童档案的权限');
    const orgId = await this.villageFor(actor, q.orgId);
    return this.findDuplicates(actor, { ...q, orgId });
  }

  async orgOf(childId: number): Promise<number | undefined> {
    return (await childrenRepo.byId(this.db, childId))?.orgId;
  }

  /** For the tasks list: who and where, for the people the task is for. */
  async summaries(ids: number[]): Promise<Map<number, NonNullable<TaskView['child']>>> {
    const rows = await childrenRepo.byIds(this.db, ids);
    const out = new Map<number, NonNullable<TaskView['child']>>();
    for (const r of rows) {
      const identity = this.identityOf(r);
      out.set(r.id, {
        id: r.id,
        name: identity.name,
        maskedName: maskName(identity.name),
        address: identity.address,
        orgName: (await this.org.get(r.orgId))?.name ?? '',
        riskTier: r.riskTier,
      });
    }
    return out;
  }

  /** Township overview: per village, files by tier and category, plan work per director, late visits and confirmations. */
  async overview(actor: Actor): Promise<VillageOverview[]> {
    this.requireRole(actor, CHILD_CONFIRM_ROLES, '只有乡镇儿童督导员或站长可以查看全镇概况');
    const villages = (await this.org.tree(actor)).filter((o) => o.level === 'village').sort((a, b) => a.id - b.id);
    const ids = villages.map((v) => v.id);
    if (!ids.length) return [];
    const now = this.clock.now();
    const counts = new Map((await childrenRepo.countsByOrg(this.db, ids, now)).map((c) => [c.orgId, c]));
    const cats = await childrenRepo.categoryCountsByOrg(this.db, ids);
    const directors = await this.users.staffOfOrgs(ids, 'director');
    const stats = await this.tasks.visitStats(actor, 30);
    const names = await this.users.names(stats.map((s) => s.assigneeUserId).filter((x): x is number => x !== null));
    await this.audit.record({ actor, action: 'child.overview', targetType: 'org', targetId: actor.orgId ?? 0, result: 'ok' });
    return villages.map((v) => {
      const c = counts.get(v.id);
      const byCategory: Record<string, number> = {};
      for (const row of cats) if (row.orgId === v.id) byCategory[row.category] = row.n;
      const work = new Map<number | null, { userId: number | null; name: string; planned30d: number; done30d: number; overdue: number }>();
      for (const d of directors.filter((d) => d.orgId === v.id)) work.set(d.id, { userId: d.id, name: d.name, planned30d: 0, done30d: 0, overdue: 0 });
      let planned = 0;
      let done = 0;
      for (const s of stats.filter((s) => s.orgId === v.id)) {
        planned += s.planned;
        done += s.done;
        const key = s.assigneeUserId;
        const w = work.get(key) ?? { userId: key, name: key ? (names.get(key) ?? '') : '未指定', planned30d: 0, done30d: 0, overdue: 0 };
        w.planned30d += s.planned;
        w.done30d += s.done;
        w.overdue += s.overdue;
        work.set(key, w);
      }
      return {
        orgId: v.id,
        orgName: v.name,
        directors: [...work.values()],
        files: c?.files ?? 0,
        byTier: { high: c?.high ?? 0, medium: c?.medium ?? 0, low: c?.low ?? 0 },
        byCategory,
        visitsOverdue: c?.visitsOverdue ?? 0,
        visitsPlanned30d: planned,
        visitsDone30d: done,
        confirmPending: c?.confirmPending ?? 0,
        confirmOverdue: c?.confirmOverdue ?? 0,
      };
    });
  }

  /** The child's next planned visit (for views of other modules; the caller has checked access). */
  async nextVisitDue(childId: number): Promise<Date | null> {
    return (await childrenRepo.byId(this.db, childId))?.nextVisitDue ?? null;
  }

  /** Display name of a child for other modules' views (the caller has checked access). */
  nameOf(row: ChildRow): string {
    return this.identityOf(row).name;
  }

  /** Identity of a child for other modules that already checked access (e.g. a report prefilled from a visit). */
  identityForReport(row: ChildRow): Identity & { sex: ChildRow['sex']; orgId: number } {
    return { ...this.identityOf(row), sex: row.sex, orgId: row.orgId };
  }

  // ------------------------------------------------------------------ helpers

  private requireRole(actor: Actor, roles: readonly StaffRole[], message: string): void {
    if (!(roles as readonly string[]).includes(actor.role)) throw AppError.forbidden(message);
  }

  /** The village a file belongs to: a director's own; township staff name one in their scope. */
  private async villageFor(actor: Actor, orgId: number | undefined): Promise<number> {
    if (orgId === undefined) {
      if (actor.role === 'director' && actor.orgId !== null) return actor.orgId;
      throw AppError.validation('orgId', '请选择儿童所在的村/社区');
    }
    await this.org.assertInScope(actor, orgId, { type: 'org', id: orgId, what: '村/社区' });
    const org = await this.org.get(orgId);
    if (org?.level !== 'village') throw AppError.validation('orgId', '儿童档案只能建在村/社区一级');
    return orgId;
  }

  private checkAge(dob: string): void {
    const today = chinaDate(this.clock.now());
    if (dob > today) throw AppError.validation('dob', '出生日期不能晚于今天');
    if (ageOn(dob, today) >= 18) throw AppError.validation('dob', '只为未满18周岁的儿童建档，请核对出生日期');
  }

  private async findDuplicates(
    actor: Actor,
    q: { orgId: number; name: string; dob: string; idNumber?: string | null; excludeId?: number },
  ): Promise<DuplicateMatch[]> {
    const out: DuplicateMatch[] = [];
    const seen = new Set<number>();
    const orgName = async (id: number) => (await this.org.get(id))?.name ?? null;
    if (q.idNumber) {
      for (const m of await childrenRepo.byIdNumberIdx(this.db, this.crypto.blindIndex('child.idNumber', q.idNumber))) {
        if (m.id === q.excludeId) continue;
        seen.add(m.id);
        if (await this.org.isInScope(actor, m.orgId)) {
          const name = (JSON.parse(this.crypto.decrypt(m.identityEnc)) as Identity).name;
          const where = await orgName(m.orgId);
          out.push({ reason: 'id_number', childId: m.id, displayName: maskName(name), orgName: where, message: `该身份证号已建档：${maskName(name)}（${where}），请打开原档案更新，不要重复建档` });
        } else {
          out.push({ reason: 'id_number', childId: null, displayName: null, orgName: null, message: '该身份证号已在其他辖区建档，请联系乡镇儿童督导员核实（儿童可能已迁入或迁出）' });
        }
      }
    }
    for (const m of await childrenRepo.byNameDobIdx(this.db, this.nameDobIndex(q.name, q.dob), q.orgId)) {
      if (m.id === q.excludeId || seen.has(m.id)) continue;
      const name = (JSON.parse(this.crypto.decrypt(m.identityEnc)) as Identity).name;
      const where = await orgName(m.orgId);
      out.push({ reason: 'name_dob_village', childId: m.id, displayName: maskName(name), orgName: where, message: `本村/社区已有同名、同出生日期的儿童：${maskName(name)}，请确认是否为同一人` });
    }
    return out;
  }

  private async guardDuplicates(
    actor: Actor,
    q: { orgId: number; name: string; dob: string; idNumber?: string | null; excludeId?: number },
    confirmedNotDuplicate: boolean,
  ): Promise<void> {
    const found = await this.findDuplicates(actor, q);
    const byId = found.filter((d) => d.reason === 'id_number');
    if (byId.length) throw new AppError('CONFLICT', byId[0].message, byId.map((d) => ({ path: 'idNumber', message: d.message })));
    if (found.length && !confirmedNotDuplicate) {
      throw new AppError(
        'CONFLICT',
        `${found[0].message}。如确认不是同一人，请勾选“确认不是重复档案”后再保存`,
        found.map((d) => ({ path: 'name', message: d.message })),
      );
    }
  }

  private nameDobIndex(name: string, dob: string): string {
    return this.crypto.blindIndex('child.nameDob', `${name.replace(/\s/g, '')}|${dob}`);
  }

  private valuesFromInput(input: ChildCreateParsed): FileValues {
    const v = {} as Record<string, unknown>;
    for (const f of FILE_FIELDS) v[f] = (input as Record<string, unknown>)[f] ?? null;
    return normalise(v as unknown as FileValues);
  }

  private identityOf(row: ChildRow): Identity {
    return JSON.parse(this.crypto.decrypt(row.identityEnc)) as Identity;
  }

  private async valuesOf(row: ChildRow): Promise<FileValues> {
    const identity = this.identityOf(row);
    const profile = JSON.parse(this.crypto.decrypt(row.profileEnc)) as Profile;
    const categories = (await childrenRepo.categoriesOf(this.db, [row.id])).get(row.id) ?? [];
    return {
      ...identity,
      ...profile,
      sex: row.sex,
      riskTier: row.riskTier,
      guardianshipState: row.guardianshipState,
      parentsAway: row.parentsAway,
      entrustmentSigned: row.entrustmentSigned,
      schooling: row.schooling,
      categories: sortCategories(categories),
    };
  }

  private sealed(v: FileValues): Pick<ChildRow, 'identityEnc' | 'profileEnc'> {
    const identity: Identity = { name: v.name, dob: v.dob, idNumber: v.idNumber, householdReg: v.householdReg, address: v.address, phone: v.phone };
    const profile: Profile = {
      guardians: v.guardians,
      parentsAwayWhere: v.parentsAwayWhere,
      schoolName: v.schoolName,
      grade: v.grade,
      health: v.health,
      disability: v.disability,
      benefits: v.benefits,
      servicesNote: v.servicesNote,
      riskReason: v.riskReason,
    };
    return { identityEnc: this.crypto.encrypt(JSON.stringify(identity)), profileEnc: this.crypto.encrypt(JSON.stringify(profile)) };
  }

  private indexes(v: FileValues, _orgId: number): Pick<ChildRow, 'idNumberIdx' | 'nameDobIdx'> {
    return {
      idNumberIdx: v.idNumber ? this.crypto.blindIndex('child.idNumber', v.idNumber) : null,
      nameDobIdx: this.nameDobIndex(v.name, v.dob),
    };
  }

  private plainColumns(v: FileValues): Pick<ChildRow, 'sex' | 'riskTier' | 'guardianshipState' | 'parentsAway' | 'entrustmentSigned' | 'schooling'> {
    return { sex: v.sex, riskTier: v.riskTier, guardianshipState: v.guardianshipState, parentsAway: v.parentsAway, entrustmentSigned: v.entrustmentSigned, schooling: v.schooling };
  }

  /** Next due after a tier change: from the last visit (or the file's creation); never in the past. */
  private planDue(base: Date, interval: number, now: Date): Date {
    const due = endOfChinaDay(addDaysYmd(chinaDate(base), interval));
    return due < now ? endOfChinaDay(chinaDate(now)) : due;
  }

  private async movePlanTask(tx: DbOrTx, row: ChildRow, due: Date, interval: number, tier: RiskTier, actor: Actor): Promise<void> {
    const open = await this.tasks.openByKey(tx, planKey(row.id));
    if (open) {
      await this.tasks.cancel(tx, { taskId: open.id, actor, reason: `风险等级或类别调整，走访计划改为每${interval}天` });
    }
    await this.tasks.create(tx, {
      kind: 'periodic_visit',
      orgId: row.orgId,
      childId: row.id,
      title: '定期走访',
      reason: `按走访计划每${interval}天走访一次（风险等级：${tierLabel(tier)}）`,
      dueAt: due,
      source: 'plan',
      openKey: planKey(row.id),
      actor,
    });
  }

  private async openConfirmTask(tx: DbOrTx, childId: number, orgId: number, dueAt: Date, actor: Actor, why: string): Promise<void> {
    if (await this.tasks.openByKey(tx, confirmKey(childId))) return;
    await this.tasks.create(tx, {
      kind: 'file_confirm',
      orgId,
      childId,
      title: '档案确认',
      reason: `${why}（提交人：${actor.name}）`,
      dueAt,
      source: 'file',
      openKey: confirmKey(childId),
      actor,
    });
  }

  private async writeHistory(tx: DbOrTx, childId: number, actor: Actor, action: ChildHistoryEntry['action'], changes: HistoryPayload['changes'], note: string | null) {
    const payload: HistoryPayload = { changes, note };
    await childrenRepo.insertHistory(tx, {
      childId,
      at: this.clock.now(),
      actorUserId: actor.userId,
      action,
      fields: changes.map((c) => c.field).join(',').slice(0, 500),
      changesEnc: this.crypto.encrypt(JSON.stringify(payload)),
    });
  }

  private async summariesOf(rows: ChildRow[]): Promise<ChildSummary[]> {
    const cats = await childrenRepo.categoriesOf(this.db, rows.map((r) => r.id));
    const now = this.clock.now();
    const today = chinaDate(now);
    const orgNames = new Map<number, string>();
    for (const id of new Set(rows.map((r) => r.orgId))) orgNames.set(id, (await this.org.get(id))?.name ?? '');
    return rows.map((r) => {
      const identity = this.identityOf(r);
      return {
        id: r.id,
        orgId: r.orgId,
        orgName: orgNames.get(r.orgId) ?? '',
        name: identity.name,
        maskedName: maskName(identity.name),
        sex: r.sex,
        age: ageOn(identity.dob, today),
        categories: sortCategories(cats.get(r.id) ?? []) as ChildCategory[],
        riskTier: r.riskTier,
        guardianshipState: r.guardianshipState as ChildSummary['guardianshipState'],
        visitIntervalDays: r.visitIntervalDays,
        lastVisitAt: r.lastVisitAt?.toISOString() ?? null,
        nextVisitDue: r.nextVisitDue?.toISOString() ?? null,
        visitOverdue: !!r.nextVisitDue && r.nextVisitDue < now,
        confirmStatus: r.confirmStatus,
        confirmDueAt: r.confirmDueAt?.toISOString() ?? null,
        confirmOverdue: r.confirmStatus === 'pending' && !!r.confirmDueAt && r.confirmDueAt < now,
      };
    });
  }

  private async detailOf(row: ChildRow): Promise<ChildDetail> {
    const [summary] = await this.summariesOf([row]);
    const v = await this.valuesOf(row);
    const confirmer = row.confirmedBy ? await this.users.byId(row.confirmedBy) : undefined;
    const caseIds = [...new Set((await this.tasks.forChildRows(row.id)).map((t) => t.caseId).filter((x): x is number => x !== null))];
    return {
      ...summary,
      dob: v.dob,
      idNumber: v.idNumber,
      householdReg: v.householdReg,
      address: v.address,
      phone: v.phone,
      guardians: v.guardians,
      parentsAway: v.parentsAway as ChildDetail['parentsAway'],
      parentsAwayWhere: v.parentsAwayWhere,
      entrustmentSigned: v.entrustmentSigned,
      schooling: v.schooling as ChildDetail['schooling'],
      schoolName: v.schoolName,
      grade: v.grade,
      health: v.health,
      disability: v.disability,
      benefits: v.benefits,
      servicesNote: v.servicesNote,
      riskReason: v.riskReason,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      confirmedAt: row.confirmedAt?.toISOString() ?? null,
      confirmedByName: confirmer?.name ?? null,
      caseIds,
    };
  }
}

const TIER_LABELS: Record<RiskTier, string> = { high: '高', medium: '中', low: '低' };
const tierLabel = (t: RiskTier) => TIER_LABELS[t];
const EXTRA_LABELS: Record<string, string> = { nextVisitDue: '下次走访', lastVisitAt: '上次走访', confirmStatus: '督导员确认' };
const historyLabel = (field: string): string => (CHILD_FIELD_LABELS as Record<string, string>)[field] ?? EXTRA_LABELS[field] ?? field;
function sortCategories(c: string[]): string[] {
  return [...c].sort();
}
/** Sets compare equal whatever order they were picked in. */
function normalise(v: FileValues): FileValues {
  v.categories = sortCategories(v.categories ?? []);
  v.benefits = [...(v.benefits ?? [])].sort();
  return v;
}

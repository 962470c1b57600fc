import {
  addDaysYmd,
  addWorkingDays,
  ageOn,
  ChildCreate,
  chinaDate,
  childFileIssues,
  endOfChinaDay,
  visitIntervalFor,
  type ChildCategory,
  type ChildCreateParsed,
  type ChildClose,
  type ChildMove,
  type NationalEntryCreate,
  type ChildDetail,
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
import { DuplicateFiles, isDuplicateKey, withheld } from './children.duplicates';
import { FileLifecycle } from './children.lifecycle';
import { VisitPlan } from './children.plan';
import { ChildRecords, FILE_FIELDS, historyLabel, normalise, sameValue, type FileValues, type HistoryPayload, type Identity } from './children.record';
import { childrenRepo, type ChildRow } from './children.repo';
import { ChildViews } from './children.views';

type ChildCloseParsed = Required<ChildClose>;
type ChildMoveParsed = Required<ChildMove>;
type NationalEntryParsed = Required<NationalEntryCreate>;

export const CHILD_READ_ROLES: readonly StaffRole[] = ['director', 'supervisor', 'station_head', 'social_worker'];
export const CHILD_WRITE_ROLES: readonly StaffRole[] = ['director', 'supervisor', 'station_head'];
export const CHILD_CONFIRM_ROLES: readonly StaffRole[] = ['supervisor', 'station_head'];
/** The overview is counts per village, no child's identity: the county admin sees the county's. */
export const CHILD_OVERVIEW_ROLES: readonly StaffRole[] = ['supervisor', 'station_head', 'county_admin'];

/**
 * One file per child (一人一档): identity encrypted, duplicates caught, every change kept, plans driven
 * by tier. The file's writes, reads and access checks are here; the stored record and its history in
 * children.record, duplicate checks in children.duplicates, the visit plan and confirmation tasks in
 * children.plan, the summaries, detail and overview in children.views.
 */
export class ChildrenService implements ChildDirectory {
  private readonly records: ChildRecords;
  private readonly duplicateFiles: DuplicateFiles;
  private readonly plan: VisitPlan;
  private readonly views: ChildViews;
  private readonly lifecycle: FileLifecycle;

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
    this.records = new ChildRecords(db, clock, crypto);
    this.duplicateFiles = new DuplicateFiles(db, crypto, org, this.records, tasks, clock);
    this.plan = new VisitPlan(tasks, this.records);
    this.views = new ChildViews(db, clock, org, audit, tasks, users, this.records);
    this.lifecycle = new FileLifecycle(db, clock, org, audit, settings, this.plan, this.records);
    tasks.useChildDirectory(this);
  }

  // ------------------------------------------------------------------ writes

  async create(actor: Actor, input: ChildCreateParsed): Promise<ChildDetail> {
    this.requireRole(actor, CHILD_WRITE_ROLES, '只有儿童主任和乡镇工作人员可以建立儿童档案');
    const orgId = await this.villageFor(actor, input.orgId);
    this.checkAge(input.dob);
    const { elsewhere } = await this.duplicateFiles.guard(actor, { orgId, name: input.name, dob: input.dob, idNumber: input.idNumber }, input.confirmNotDuplicate === true);

    const values = this.records.valuesFromInput(input);
    this.checkRules(values);
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
          ...this.records.sealed(values),
          ...withheld(this.records.indexes(values, orgId), elsewhere),
          ...this.records.plainColumns(values),
          visitIntervalDays: interval,
          lastVisitAt: null,
          nextVisitDue,
          confirmStatus: needsConfirm ? 'pending' : 'confirmed',
          confirmDueAt,
          confirmedAt: needsConfirm ? null : now,
          confirmedBy: needsConfirm ? null : actor.userId,
          nationalEntryDueAt: addWorkingDays(now, sla.fileConfirmWorkingDays),
          createdAt: now,
          createdBy: actor.userId,
          updatedAt: now,
          updatedBy: actor.userId,
        });
        await childrenRepo.setCategories(tx, id, values.categories);
        await childrenRepo.setAdultIds(tx, id, this.records.adultIdIndexes(values));
        await this.records.writeHistory(tx, id, actor, 'create', FILE_FIELDS.map((f) => ({ field: f, old: null, new: values[f] })), null);
        await this.plan.openPlanTask(tx, { id, orgId }, interval, values.riskTier, nextVisitDue, actor);
        if (needsConfirm && confirmDueAt) await this.plan.openConfirmTask(tx, id, orgId, confirmDueAt, actor, `新建档案，请在${sla.fileConfirmWorkingDays}个工作日内核对并确认`);
        await this.duplicateFiles.referElsewhere(tx, actor, orgId, elsewhere, id);
        await this.audit.record({ actor, action: 'child.create', targetType: 'child', targetId: id, result: 'ok', orgId, detail: { fields: FILE_FIELDS.length } }, tx);
      });
    } catch (err) {
      if (isDuplicateKey(err)) throw AppError.conflict('该身份证号已经建档，请勿重复建档');
      throw err;
    }
    return this.views.detailOf((await childrenRepo.byId(this.db, id))!);
  }

  async update(actor: Actor, id: number, patch: ChildUpdateParsed): Promise<ChildDetail> {
    this.requireRole(actor, CHILD_WRITE_ROLES, '只有儿童主任和乡镇工作人员可以修改儿童档案');
    const before = await childrenRepo.byId(this.db, id);
    if (!before) throw AppError.notFound('儿童档案');
    await this.org.assertInScope(actor, before.orgId, { type: 'child', id, what: '儿童档案' });
    if (before.status === 'closed') throw new AppError('INVALID_TRANSITION', '该档案已销档，不能修改；如需继续跟踪，请督导员先恢复档案');

    const current = await this.records.valuesOf(before);
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
    if (changes.length === 0) return this.views.detailOf(before);
    this.checkRules(merged);
    const changed = new Set(changes.map((c) => c.field));
    if (changed.has('dob')) this.checkAge(merged.dob);
    let elsewhere: Awaited<ReturnType<DuplicateFiles['guard']>>['elsewhere'] = [];
    if (changed.has('name') || changed.has('dob') || changed.has('idNumber')) {
      ({ elsewhere } = await this.duplicateFiles.guard(actor, { orgId: before.orgId, name: merged.name, dob: merged.dob, idNumber: merged.idNumber, excludeId: id }, confirmNotDuplicate === true));
    }

    const now = this.clock.now();
    const sla = await this.settings.sla(before.orgId);
    try {
      await this.db.transaction(async (tx) => {
        const row = (await childrenRepo.byIdForUpdate(tx, id))!;
        const set: Partial<ChildRow> = {
          ...this.records.sealed(merged),
          ...withheld(this.records.indexes(merged, row.orgId), elsewhere),
          ...this.records.plainColumns(merged),
          updatedAt: now,
          updatedBy: actor.userId,
        };
        // An unchanged ID number keeps its index as it is (withheld when it matched a file out of reach).
        if (!changed.has('idNumber')) set.idNumberIdx = row.idNumberIdx;
        if (changed.has('riskTier') || changed.has('categories')) {
          const interval = visitIntervalFor(sla, merged.riskTier, merged.categories as ChildCategory[]);
          if (interval !== row.visitIntervalDays) {
            const due = this.plan.planDue(row.lastVisitAt ?? row.createdAt, interval, now);
            set.visitIntervalDays = interval;
            set.nextVisitDue = due;
            await this.plan.movePlanTask(tx, row, due, interval, merged.riskTier, actor);
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
            await this.plan.openConfirmTask(tx, id, row.orgId, set.confirmDueAt, actor, `档案有修改，请在${sla.fileConfirmWorkingDays}个工作日内核对并确认`);
          }
        }
        await childrenRepo.update(tx, id, set);
        if (changed.has('categories')) await childrenRepo.setCategories(tx, id, merged.categories);
        if (changed.has('guardians') || changed.has('entrustedCarer')) await childrenRepo.setAdultIds(tx, id, this.records.adultIdIndexes(merged));
        await this.duplicateFiles.referElsewhere(tx, actor, row.orgId, elsewhere, id);
        await this.records.writeHistory(tx, id, actor, 'update', changes, null);
        await this.audit.record(
          { actor, action: 'child.update', targetType: 'child', targetId: id, result: 'ok', orgId: row.orgId, detail: { fields: [...changed] } },
          tx,
        );
      });
    } catch (err) {
      if (isDuplicateKey(err)) throw AppError.conflict('该身份证号已经建档，请勿重复建档');
      throw err;
    }
    return this.views.detailOf((await childrenRepo.byId(this.db, id))!);
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
      await this.plan.completeConfirmTask(tx, id, actor);
      await this.records.writeHistory(tx, id, actor, 'confirm', [{ field: 'confirmStatus', old: 'pending', new: 'confirmed' }], note);
      await this.audit.record({ actor, action: 'child.confirm', targetType: 'child', targetId: id, result: 'ok', orgId: row.orgId, detail: { late } }, tx);
    });
    return this.views.detailOf((await childrenRepo.byId(this.db, id))!);
  }

  /** Close (销档), reopen, move between villages, and national-system entries: supervisor or station head. */
  async close(actor: Actor, id: number, input: ChildCloseParsed): Promise<ChildDetail> {
    this.requireRole(actor, CHILD_CONFIRM_ROLES, '只有乡镇儿童督导员或站长可以销档');
    await this.lifecycle.close(actor, id, input);
    return this.views.detailOf((await childrenRepo.byId(this.db, id))!);
  }

  async reopen(actor: Actor, id: number, note: string): Promise<ChildDetail> {
    this.requireRole(actor, CHILD_CONFIRM_ROLES, '只有乡镇儿童督导员或站长可以恢复档案');
    await this.lifecycle.reopen(actor, id, note);
    return this.views.detailOf((await childrenRepo.byId(this.db, id))!);
  }

  async move(actor: Actor, id: number, input: ChildMoveParsed): Promise<ChildDetail> {
    this.requireRole(actor, CHILD_CONFIRM_ROLES, '只有乡镇儿童督导员或站长可以迁移档案');
    await this.lifecycle.move(actor, id, input);
    return this.views.detailOf((await childrenRepo.byId(this.db, id))!);
  }

  async nationalEntry(actor: Actor, id: number, input: NationalEntryParsed): Promise<ChildDetail> {
    this.requireRole(actor, CHILD_CONFIRM_ROLES, '只有乡镇儿童督导员或站长可以登记全国儿童福利信息系统录入');
    await this.lifecycle.nationalEntry(actor, id, input);
    return this.views.detailOf((await childrenRepo.byId(this.db, id))!);
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
  afterVisit(tx: DbOrTx, input: { childId: number; visitId: number; visitedAt: Date; actor: Actor }): Promise<Date | null> {
    return this.plan.afterVisit(tx, input);
  }

  // ------------------------------------------------------------------ reads

  /** A file for an authorised reader; the read is audited. */
  async get(actor: Actor, id: number): Promise<ChildDetail> {
    const row = await this.readable(actor, id);
    await this.audit.record({ actor, action: 'child.read', targetType: 'child', targetId: id, result: 'ok', orgId: row.orgId });
    return this.views.detailOf(row);
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
    q: { orgId?: number; name?: string; category?: ChildCategory; riskTier?: RiskTier; confirm?: 'pending' | 'overdue'; visitOverdue?: boolean; after?: number; limit: number },
  ): Promise<{ items: ChildSummary[]; nextAfter: number | null }> {
    this.requireRole(actor, CHILD_READ_ROLES, '没有查看儿童档案的权限');
    let orgIds: number[];
    if (q.orgId !== undefined) {
      await this.org.assertInScope(actor, q.orgId, { type: 'org', id: q.orgId, what: '村/社区' });
      orgIds = [q.orgId];
    } else {
      orgIds = await this.org.scopeIds(actor);
    }
    const nameIdx = q.name ? this.records.nameIndex(q.name) : undefined;
    const rows = await childrenRepo.list(this.db, { ...q, nameIdx, orgIds, now: this.clock.now(), limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    await this.audit.record({ actor, action: 'child.list', targetType: 'org', targetId: q.orgId ?? actor.orgId ?? 0, result: 'ok', detail: { count: page.length } });
    return { items: await this.views.summariesOf(page), nextAfter: rows.length > q.limit ? page[page.length - 1].id : null };
  }

  /** Gives files written before the name index their index; returns how many it did (run until 0). */
  async backfillNameIndex(limit = 200): Promise<number> {
    const rows = await childrenRepo.withoutNameIndex(this.db, limit);
    for (const r of rows) {
      const { name } = JSON.parse(this.crypto.decrypt(r.identityEnc)) as { name: string };
      await childrenRepo.setNameIndex(this.db, r.id, this.records.nameIndex(name));
    }
    return rows.length;
  }

  /** The tasks about a child: its plan, visits dispatched from cases, the file confirmation. */
  async tasksOf(actor: Actor, id: number): Promise<TaskView[]> {
    await this.readable(actor, id);
    return this.tasks.views(await this.tasks.forChildRows(id));
  }

  /**
   * Possible duplicates of a new or changed file, among the files the asker may open only: the
   * answer is the same whether or not the ID number is filed elsewhere in the county. A file
   * elsewhere becomes a task for the supervisors of that file's township (one open task per file
   * and asking village), who can see it and find out whether the child has moved.
   */
  async duplicates(actor: Actor, q: { orgId?: number; name: string; dob: string; idNumber?: string | null; excludeId?: number }): Promise<DuplicateMatch[]> {
    this.requireRole(actor, CHILD_WRITE_ROLES, '没有建立儿童档案的权限');
    const orgId = await this.villageFor(actor, q.orgId);
    const { matches, elsewhere } = await this.duplicateFiles.find(actor, { ...q, orgId });
    await this.db.transaction(async (tx) => {
      await this.duplicateFiles.referElsewhere(tx, actor, orgId, elsewhere);
      await this.audit.record(
        { actor, action: 'child.duplicates.check', targetType: 'org', targetId: orgId, result: 'ok', orgId, detail: { byIdNumber: Boolean(q.idNumber), matches: matches.length, referred: elsewhere.length } },
        tx,
      );
    });
    return matches;
  }

  async orgOf(childId: number): Promise<number | undefined> {
    return (await childrenRepo.byId(this.db, childId))?.orgId;
  }

  /** For the tasks list: who and where, for the people the task is for. */
  summaries(ids: number[]): Promise<Map<number, NonNullable<TaskView['child']>>> {
    return this.views.summaries(ids);
  }

  /** Township overview: per village, files by tier and category, plan work per director, late visits and confirmations. */
  async overview(actor: Actor): Promise<VillageOverview[]> {
    this.requireRole(actor, CHILD_OVERVIEW_ROLES, '只有儿童督导员、站长或县级管理员可以查看档案概况');
    return this.views.overview(actor);
  }

  /** The child's next planned visit (for views of other modules; the caller has checked access). */
  async nextVisitDue(childId: number): Promise<Date | null> {
    return (await childrenRepo.byId(this.db, childId))?.nextVisitDue ?? null;
  }

  /** Display name of a child for other modules' views (the caller has checked access). */
  nameOf(row: ChildRow): string {
    return this.records.identityOf(row).name;
  }

  /** Identity of a child for other modules that already checked access (e.g. a report prefilled from a visit). */
  identityForReport(row: ChildRow): Identity & { sex: ChildRow['sex']; orgId: number } {
    return { ...this.records.identityOf(row), sex: row.sex, orgId: row.orgId };
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

  /** The file's facts must not contradict its categories (shared rules): 400 naming each field. */
  private checkRules(v: FileValues): void {
    const issues = childFileIssues(
      {
        dob: v.dob,
        categories: v.categories,
        parentsAway: v.parentsAway,
        fatherStatus: v.fatherStatus,
        motherStatus: v.motherStatus,
        guardianshipState: v.guardianshipState,
        guardians: v.guardians,
        actualCarer: v.actualCarer,
        entrustedCarer: v.entrustedCarer,
        entrustmentSigned: v.entrustmentSigned,
      },
      chinaDate(this.clock.now()),
    );
    if (issues.length) throw new AppError('VALIDATION_FAILED', `档案前后矛盾：${issues[0].message}`, issues);
  }

  private checkAge(dob: string): void {
    const today = chinaDate(this.clock.now());
    if (dob > today) throw AppError.validation('dob', '出生日期不能晚于今天');
    if (ageOn(dob, today) >= 18) throw AppError.validation('dob', '只为未满18周岁的儿童建档，请核对出生日期');
  }
}

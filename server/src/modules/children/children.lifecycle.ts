import {
  addDaysYmd,
  ageOn,
  chinaDate,
  endOfChinaDay,
  FileCloseReason,
  type FileCloseReason as CloseReason,
  type NationalEntryKind,
} from '@wbt/shared';
import type { Db } from '../../db/client';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import type { Clock } from '../../lib/clock';
import type { AuditService } from '../audit/audit.service';
import type { OrgService } from '../org/org.service';
import type { SettingsService } from '../settings/settings.service';
import type { VisitPlan } from './children.plan';
import type { ChildRecords } from './children.record';
import { childrenRepo, type ChildRow } from './children.repo';

/**
 * A file's life beyond edits: closing it (销档: aged out, moved away, out of difficulty), reopening it,
 * moving it to another village, and recording its entry into the national system. Each is one
 * transaction with its history row and audit row; the caller has checked the role.
 */
export class FileLifecycle {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly org: OrgService,
    private readonly audit: AuditService,
    private readonly settings: SettingsService,
    private readonly plan: VisitPlan,
    private readonly records: ChildRecords,
  ) {}

  private async inScope(actor: Actor, id: number): Promise<ChildRow> {
    const row = await childrenRepo.byId(this.db, id);
    if (!row) throw AppError.notFound('儿童档案');
    await this.org.assertInScope(actor, row.orgId, { type: 'child', id, what: '儿童档案' });
    return row;
  }

  async close(actor: Actor, id: number, input: { reason: CloseReason; note: string }): Promise<void> {
    const before = await this.inScope(actor, id);
    if (before.status === 'closed') throw new AppError('INVALID_TRANSITION', '该档案已经销档');
    const now = this.clock.now();
    if (input.reason === 'aged_out') {
      const { dob } = this.records.identityOf(before);
      if (ageOn(dob, chinaDate(now)) < 18) throw AppError.validation('reason', `儿童尚未年满18周岁（出生日期 ${dob}），不能以“年满18周岁”销档`);
    }
    await this.db.transaction(async (tx) => {
      const row = (await childrenRepo.byIdForUpdate(tx, id))!;
      if (row.status === 'closed') throw new AppError('INVALID_TRANSITION', '该档案已经销档');
      await this.plan.cancelOpenTasks(tx, id, actor, `档案已销档（${FileCloseReason.label(input.reason)}）`);
      await childrenRepo.update(tx, id, { status: 'closed', closedAt: now, closeReason: input.reason, nextVisitDue: null, updatedAt: now, updatedBy: actor.userId });
      await this.records.writeHistory(
        tx,
        id,
        actor,
        'close',
        [
          { field: 'status', old: 'active', new: 'closed' },
          { field: 'closeReason', old: null, new: input.reason },
        ],
        input.note,
      );
      await this.audit.record({ actor, action: 'child.close', targetType: 'child', targetId: id, result: 'ok', orgId: row.orgId, detail: { reason: input.reason } }, tx);
    });
  }

  async reopen(actor: Actor, id: number, note: string): Promise<void> {
    const before = await this.inScope(actor, id);
    if (before.status !== 'closed') throw new AppError('INVALID_TRANSITION', '该档案在档，无需恢复');
    const now = this.clock.now();
    const { dob } = this.records.identityOf(before);
    if (ageOn(dob, chinaDate(now)) >= 18) throw AppError.validation('note', '儿童已年满18周岁，档案不能恢复');
    await this.db.transaction(async (tx) => {
      const row = (await childrenRepo.byIdForUpdate(tx, id))!;
      if (row.status !== 'closed') throw new AppError('INVALID_TRANSITION', '该档案在档，无需恢复');
      // The next visit is due one interval from today: the child has not been followed while closed.
      const due = endOfChinaDay(addDaysYmd(chinaDate(now), row.visitIntervalDays));
      await childrenRepo.update(tx, id, { status: 'active', closedAt: null, closeReason: null, nextVisitDue: due, updatedAt: now, updatedBy: actor.userId });
      await this.plan.openPlanTask(tx, row, row.visitIntervalDays, row.riskTier, due, actor);
      await this.records.writeHistory(
        tx,
        id,
        actor,
        'reopen',
        [
          { field: 'status', old: 'closed', new: 'active' },
          { field: 'nextVisitDue', old: null, new: due.toISOString() },
        ],
        note,
      );
      await this.audit.record({ actor, action: 'child.reopen', targetType: 'child', targetId: id, result: 'ok', orgId: row.orgId }, tx);
    });
  }

  /** Moves a file to another village in the actor's scope: its plan (and pending confirmation) follow it. */
  async move(actor: Actor, id: number, input: { toOrgId: number; note: string }): Promise<void> {
    const before = await this.inScope(actor, id);
    if (before.status === 'closed') throw new AppError('INVALID_TRANSITION', '已销档的档案不能迁移，请先恢复档案');
    if (input.toOrgId === before.orgId) throw AppError.validation('toOrgId', '迁入的村/社区与现在的相同');
    await this.org.assertInScope(actor, input.toOrgId, { type: 'org', id: input.toOrgId, what: '村/社区' });
    const target = await this.org.get(input.toOrgId);
    if (target?.level !== 'village') throw AppError.validation('toOrgId', '档案只能迁到村/社区一级');
    const sla = await this.settings.sla(input.toOrgId);
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const row = (await childrenRepo.byIdForUpdate(tx, id))!;
      if (row.status === 'closed') throw new AppError('INVALID_TRANSITION', '已销档的档案不能迁移，请先恢复档案');
      const from = row.orgId;
      const { confirmWasOpen } = await this.plan.cancelOpenTasks(tx, id, actor, `档案迁至${target.name}`);
      await childrenRepo.update(tx, id, { orgId: input.toOrgId, updatedAt: now, updatedBy: actor.userId });
      const moved = { ...row, orgId: input.toOrgId };
      const due = row.nextVisitDue ?? endOfChinaDay(addDaysYmd(chinaDate(now), row.visitIntervalDays));
      await this.plan.openPlanTask(tx, moved, row.visitIntervalDays, row.riskTier, due, actor);
      if (confirmWasOpen && row.confirmDueAt) {
        await this.plan.openConfirmTask(tx, id, input.toOrgId, row.confirmDueAt, actor, `档案迁入，请在${sla.fileConfirmWorkingDays}个工作日内核对并确认`);
      }
      await this.records.writeHistory(tx, id, actor, 'move', [{ field: 'orgId', old: from, new: input.toOrgId }], input.note);
      await this.audit.record({ actor, action: 'child.move', targetType: 'child', targetId: id, result: 'ok', orgId: input.toOrgId, detail: { from, to: input.toOrgId } }, tx);
    });
  }

  /** The supervisor entered the file into, or updated it in, the national system. */
  async nationalEntry(actor: Actor, id: number, input: { kind: NationalEntryKind; enteredAt: string }): Promise<void> {
    const before = await this.inScope(actor, id);
    if (before.status === 'closed') throw new AppError('INVALID_TRANSITION', '已销档的档案无需更新');
    const at = new Date(input.enteredAt);
    const now = this.clock.now();
    if (at > now) throw AppError.validation('enteredAt', '录入时间不能晚于现在');
    if (at < before.createdAt) throw AppError.validation('enteredAt', '录入时间不能早于建档时间');
    if (input.kind === 'update' && !before.nationalEnteredAt) throw AppError.validation('kind', '该档案尚未首次录入全国儿童福利信息系统，请先登记首次录入');
    if (input.kind === 'entry' && before.nationalEnteredAt) throw AppError.validation('kind', '该档案已登记首次录入，请选择“信息更新”');
    await this.db.transaction(async (tx) => {
      const row = (await childrenRepo.byIdForUpdate(tx, id))!;
      const field = input.kind === 'entry' ? 'nationalEnteredAt' : 'nationalUpdatedAt';
      const old = (input.kind === 'entry' ? row.nationalEnteredAt : row.nationalUpdatedAt)?.toISOString() ?? null;
      await childrenRepo.update(tx, id, input.kind === 'entry' ? { nationalEnteredAt: at } : { nationalUpdatedAt: at });
      await this.records.writeHistory(tx, id, actor, 'national_entry', [{ field, old, new: at.toISOString() }], null);
      await this.audit.record({ actor, action: 'child.national_entry', targetType: 'child', targetId: id, result: 'ok', orgId: row.orgId, detail: { kind: input.kind } }, tx);
    });
  }
}

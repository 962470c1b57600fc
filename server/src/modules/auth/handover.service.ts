import { ClockKind, Role, type StaffRole } from '@wbt/shared';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import type { Clock } from '../../lib/clock';
import type { AuditService } from '../audit/audit.service';
import type { CasesHandover } from '../cases/cases.handover';
import type { DeadlinesHandover } from '../deadlines/deadlines.handover';
import { pathCovers, type OrgService } from '../org/org.service';
import type { TasksHandover } from '../tasks/tasks.handover';
import { authRepo } from './auth.repo';
import { staffRepo, type StaffRow } from './staff.repo';
import type { StaffService } from './staff.service';

/**
 * Disabling or moving a person: their open tasks, cases and running clocks go to a named successor
 * in the same transaction as the change and its audit rows, so nothing is left with nobody.
 */
export class HandoverService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly org: OrgService,
    private readonly staff: StaffService,
    private readonly tasks: TasksHandover,
    private readonly cases: CasesHandover,
    private readonly clocks: DeadlinesHandover,
  ) {}

  private async openWork(userId: number, db: DbOrTx = this.db) {
    const [tasks, cases, clocks] = await Promise.all([this.tasks.openFor(userId, db), this.cases.openFor(userId, db), this.clocks.openFor(userId, db)]);
    return { tasks, cases, clocks };
  }

  /** Active people who can see everything the person worked on (same node or above it, within the actor's reach). */
  private async candidates(actor: Actor, person: StaffRow): Promise<StaffRow[]> {
    const out: StaffRow[] = [];
    let after: number | undefined;
    const orgIds = await this.org.scopeIds(actor);
    for (;;) {
      const page = await staffRepo.list(this.db, { orgIds, active: true, after, limit: 200 });
      out.push(...page.filter((r) => r.id !== person.id && r.orgPath && person.orgPath && pathCovers(r.orgPath, person.orgPath)));
      if (page.length < 200) return out;
      after = page[page.length - 1].id;
    }
  }

  async preview(actor: Actor, id: number) {
    const person = await this.staff.manageable(actor, id);
    const work = await this.openWork(id);
    const successors = (await this.candidates(actor, person)).map((r) => ({ id: r.id, name: r.name, role: r.role, roleLabel: Role.label(r.role), orgName: r.orgName }));
    await this.audit.record({ actor, action: 'staff.handover_view', targetType: 'user', targetId: id, orgId: person.orgId, result: 'ok' });
    return {
      person: this.staff.view(actor, person),
      tasks: work.tasks.map((t) => ({ id: t.id, title: t.title, dueAt: t.dueAt.toISOString() })),
      cases: work.cases.map((c) => ({ id: c.id, code: c.code, status: c.status, as: c.as })),
      clocks: work.clocks.map((c) => ({ id: c.id, kind: c.kind, kindLabel: ClockKind.labels[c.kind as ClockKind] ?? c.kind, caseId: c.caseId, dueAt: c.dueAt.toISOString(), breached: c.breached })),
      successors,
    };
  }

  private async checkSuccessor(actor: Actor, person: StaffRow, successorId: number): Promise<StaffRow> {
    if (successorId === person.id) throw AppError.validation('successorUserId', '接替人不能是本人');
    const s = await staffRepo.byId(this.db, successorId);
    if (!s || !s.orgPath || !pathCovers(actor.orgPath, s.orgPath)) throw AppError.validation('successorUserId', '接替人不存在或不在您的管辖范围内');
    if (!s.active) throw AppError.validation('successorUserId', `${s.name}的账号已停用，不能接替工作`);
    if (!person.orgPath || !pathCovers(s.orgPath, person.orgPath)) {
      throw AppError.validation('successorUserId', `${s.name}看不到${person.orgName ?? ''}的记录，请选本村（社区）或本镇（街道）的工作人员`);
    }
    return s;
  }

  /** Moves the open work (inside `tx`); refuses when there is some and nobody is named. */
  private async handOver(actor: Actor, person: StaffRow, successorId: number | undefined, why: 'disable' | 'move', tx: DbOrTx) {
    const work = await this.openWork(person.id, tx);
    const total = work.tasks.length + work.cases.length + work.clocks.length;
    if (total === 0) return { tasks: [], cases: [], clocks: [], successorUserId: null as number | null };
    if (successorId === undefined) {
      throw new AppError('CONFLICT', `${person.name}还有待办任务 ${work.tasks.length} 项、在办案件 ${work.cases.length} 件、时限 ${work.clocks.length} 个，请先指定接替人`, [
        { path: 'successorUserId', message: '请选择接替人' },
      ]);
    }
    const successor = await this.checkSuccessor(actor, person, successorId);
    const now = this.clock.now();
    const moved = {
      tasks: await this.tasks.reassign(person.id, successor.id, tx),
      cases: await this.cases.reassign(person.id, successor.id, now, tx),
      clocks: await this.clocks.reassign(person.id, successor.id, tx),
      successorUserId: successor.id as number | null,
    };
    await this.audit.record({ actor, action: 'staff.handover', targetType: 'user', targetId: person.id, orgId: person.orgId, result: 'ok', detail: { why, ...moved } }, tx);
    for (const caseId of moved.cases) {
      await this.audit.record({ actor, action: 'case.handover', targetType: 'case', targetId: caseId, orgId: person.orgId, result: 'ok', detail: { from: person.id, to: successor.id } }, tx);
    }
    return moved;
  }

  /** Disables an account: every session ends at once, and the open work goes to the successor. */
  async disable(actor: Actor, id: number, successorId?: number) {
    if (id === actor.userId) throw AppError.validation('id', '不能停用自己的账号');
    const person = await this.staff.manageable(actor, id);
    if (!person.active) throw AppError.conflict(`${person.name}的账号已经停用`);
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const moved = await this.handOver(actor, person, successorId, 'disable', tx);
      await staffRepo.update(tx, id, { active: false, disabledAt: now });
      await authRepo.revokeAllSessions(tx, id, now, 'disabled');
      await this.audit.record({ actor, action: 'staff.disable', targetType: 'user', targetId: id, orgId: person.orgId, result: 'ok' }, tx);
      return { moved: { tasks: moved.tasks.length, cases: moved.cases.length, clocks: moved.clocks.length }, successorUserId: moved.successorUserId };
    });
  }

  async enable(actor: Actor, id: number) {
    const person = await this.staff.manageable(actor, id);
    if (person.active) return;
    await this.db.transaction(async (tx) => {
      await staffRepo.update(tx, id, { active: true, disabledAt: null });
      await this.audit.record({ actor, action: 'staff.enable', targetType: 'user', targetId: id, orgId: person.orgId, result: 'ok' }, tx);
    });
  }

  /** Moves a person to another node of the same level; the work of the old node goes to the successor. */
  async move(actor: Actor, id: number, orgId: number, successorId?: number) {
    const person = await this.staff.manageable(actor, id);
    if (person.orgId === orgId) throw AppError.validation('orgId', '新所属组织与现在相同');
    await this.staff.checkPlacementFor(actor, person.role as StaffRole, orgId);
    return this.db.transaction(async (tx) => {
      const moved = await this.handOver(actor, person, successorId, 'move', tx);
      await staffRepo.update(tx, id, { orgId });
      await this.audit.record({ actor, action: 'staff.move', targetType: 'user', targetId: id, orgId: person.orgId, result: 'ok', detail: { from: person.orgId, to: orgId } }, tx);
      return { moved: { tasks: moved.tasks.length, cases: moved.cases.length, clocks: moved.clocks.length }, successorUserId: moved.successorUserId };
    });
  }
}

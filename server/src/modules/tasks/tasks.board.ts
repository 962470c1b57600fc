import { DUE_SOON_HOURS, isOverdue, describeDue, Role, TaskKind, type BoardItem, type StaffRole } from '@wbt/shared';
import type { Db } from '../../db/client';
import type { Actor } from '../../http/actor';
import type { UsersService } from '../auth/users.service';
import type { OrgService } from '../org/org.service';
import { tasksRepo, type TaskOwner, type TaskRow } from './tasks.repo';

/** Roles that oversee every task of their subtree (the others answer for their own and their pool's). */
const OVERSEERS: readonly string[] = ['supervisor', 'station_head', 'county_admin'];

export interface TaskBoardPart {
  items: BoardItem[];
  overdue: number;
  dueSoon: number;
  mine: number;
}

/**
 * Open tasks on the overdue / due-soon board: counted in SQL with the same `due_at < now` window as
 * /api/tasks, listed most urgent first, with the escalation of each late task (who the overdue
 * sweep told, and when).
 */
export class TaskBoard {
  constructor(
    private readonly db: Db,
    private readonly org: OrgService,
    private readonly users: UsersService,
    private readonly ownersOf: (actor: Actor) => TaskOwner[],
    private readonly serious: (rows: TaskRow[]) => Promise<Set<number>>,
  ) {}

  async forActor(actor: Actor, now: Date, limit: number): Promise<TaskBoardPart> {
    const until = new Date(now.getTime() + DUE_SOON_HOURS * 3_600_000);
    // The bucket counts of the task lists, with "today" stretched to the board's 24 hours.
    const windows = { now, endToday: until, endWeek: until };
    let rows: TaskRow[];
    let counts: { overdue: number; today: number };
    if (OVERSEERS.includes(actor.role)) {
      const orgIds = await this.org.scopeIds(actor);
      if (orgIds.length === 0) return { items: [], overdue: 0, dueSoon: 0, mine: 0 };
      rows = await tasksRepo.inOrgs(this.db, orgIds, { status: 'open', window: { until } }, undefined, limit);
      counts = await tasksRepo.bucketCountsInOrgs(this.db, orgIds, windows);
    } else {
      const owners = this.ownersOf(actor);
      rows = await tasksRepo.openForOwners(this.db, owners, { until }, undefined, limit);
      counts = await tasksRepo.bucketCountsFor(this.db, owners, windows);
    }
    const overdue = counts.overdue;
    const dueSoon = counts.today;
    const mine = rows.filter((r) => r.assigneeUserId === actor.userId && isOverdue(r.dueAt, now)).length;
    return { items: await this.items(rows, now), overdue, dueSoon, mine };
  }

  private async items(rows: TaskRow[], now: Date): Promise<BoardItem[]> {
    const serious = await this.serious(rows);
    const orgNames = await this.org.names([...new Set(rows.flatMap((r) => (r.poolOrgId ? [r.orgId, r.poolOrgId] : [r.orgId])))]);
    const told = await this.escalations(rows.filter((r) => r.overdueNotifiedAt));
    const userIds = new Set<number>();
    for (const r of rows) if (r.assigneeUserId) userIds.add(r.assigneeUserId);
    for (const ids of told.values()) ids.forEach((id) => userIds.add(id));
    const names = await this.users.names(userIds);
    return rows.map((r) => {
      const due = describeDue(r.dueAt, now);
      return {
        type: 'task' as const,
        id: r.id,
        kind: r.kind,
        kindLabel: TaskKind.label(r.kind as TaskKind),
        subject: orgNames.get(r.orgId) ?? '',
        caseId: r.caseId,
        link: `/staff/pages/tasks/detail?id=${r.id}`,
        ownerName: r.assigneeUserId ? (names.get(r.assigneeUserId) ?? null) : r.poolOrgId ? `${orgNames.get(r.poolOrgId) ?? ''}${r.poolRole ? Role.label(r.poolRole as Role) : ''}` : null,
        dueAt: r.dueAt.toISOString(),
        dueText: due.text,
        overdue: due.overdue,
        serious: serious.has(r.id),
        escalatedAt: r.overdueNotifiedAt?.toISOString() ?? null,
        escalatedTo: (told.get(r.id) ?? []).map((id) => names.get(id) ?? '').filter(Boolean),
      };
    });
  }

  /** Who the overdue sweep tells about a task: its owner(s) and the township's supervisors (station head for a file confirmation). */
  async recipients(task: TaskRow, cache = new Map<string, number[]>()): Promise<number[]> {
    const out = new Set<number>();
    if (task.assigneeUserId) out.add(task.assigneeUserId);
    else if (task.poolOrgId && task.poolRole) (await this.staff(task.poolOrgId, task.poolRole as StaffRole, cache)).forEach((id) => out.add(id));
    const township = await this.org.townshipOf(task.orgId);
    if (township) (await this.staff(township.id, task.kind === 'file_confirm' ? 'station_head' : 'supervisor', cache)).forEach((id) => out.add(id));
    return [...out];
  }

  private async escalations(rows: TaskRow[]): Promise<Map<number, number[]>> {
    const cache = new Map<string, number[]>();
    const out = new Map<number, number[]>();
    for (const r of rows) out.set(r.id, await this.recipients(r, cache));
    return out;
  }

  private async staff(orgId: number, role: StaffRole, cache: Map<string, number[]>): Promise<number[]> {
    const key = `${orgId}:${role}`;
    if (!cache.has(key)) cache.set(key, (await this.users.staffOf(orgId, role)).map((u) => u.id));
    return cache.get(key)!;
  }
}

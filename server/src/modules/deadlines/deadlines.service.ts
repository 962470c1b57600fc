import { ClockKind, clockLengthLabel, describeDue, DUE_SOON_HOURS, isOverdue, type Board, type BoardItem, type CaseClockView, type SlaSettings } from '@wbt/shared';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../http/actor';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../logger';
import type { AuditService } from '../audit/audit.service';
import type { UsersService } from '../auth/users.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { OrgService } from '../org/org.service';
import type { SettingsService } from '../settings/settings.service';
import { deadlinesRepo, type ClockRow } from './deadlines.repo';

export type ClockSubject = 'report' | 'case' | 'referral';

export interface StartClockInput {
  kind: ClockKind;
  subjectType: ClockSubject;
  subjectId: number;
  caseId?: number | null;
  townshipId: number;
  ownerUserId?: number | null;
  startedAt: Date;
  dueAt: Date;
}

export interface ClockLabel {
  /** e.g. "个案 2026-000012" or "报告 #35". */
  subject: string;
  /** Mini-program page that shows it. */
  link: string;
}

/**
 * A module whose data starts or meets clocks the deadlines module cannot see itself (a report that
 * arrived, a station reply on the thread, a visit task completed). The sweep asks every source to
 * sync before it looks for breaches, so nothing met is escalated.
 */
export interface ClockSource {
  syncClocks(now: Date): Promise<void>;
  describeClocks(rows: ClockRow[]): Promise<Map<number, ClockLabel>>;
}

export type ClockView = CaseClockView;

/** The open tasks side of the overdue board (the tasks module; it cannot be injected here). */
export interface TaskBoardSource {
  boardFor(actor: Actor): Promise<{ items: BoardItem[]; overdue: number; dueSoon: number; mine: number }>;
}

export interface SweepResult {
  breached: number;
  notifications: number;
}

/**
 * The SLA clocks of DESIGN §3 and their escalation: a clock that runs out is marked breached exactly
 * once, in the same transaction as the notifications to its owner, the owner's supervisors and the
 * station head (written to the notifications outbox), and an audit row.
 */
export class DeadlinesService {
  private readonly sources: ClockSource[] = [];
  private taskBoard?: TaskBoardSource;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly org: OrgService,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly settings: SettingsService,
    private readonly logger: Logger,
  ) {}

  addSource(source: ClockSource): void {
    this.sources.push(source);
  }

  useTaskBoard(source: TaskBoardSource): void {
    this.taskBoard = source;
  }

  sla(orgId: number): Promise<SlaSettings> {
    return this.settings.sla(orgId);
  }

  slaMany(orgIds: number[]): Promise<Map<number, SlaSettings>> {
    return this.settings.slaMany(orgIds);
  }

  /** Starts the next run of a clock (the open run, if any, is met at the new start). */
  async start(tx: DbOrTx, input: StartClockInput): Promise<number> {
    const current = await deadlinesRepo.openFor(tx, input.kind, input.subjectType, input.subjectId);
    if (current) await deadlinesRepo.meet(tx, current.id, input.startedAt);
    const run = (await deadlinesRepo.lastRun(tx, input.kind, input.subjectType, input.subjectId)) + 1;
    return deadlinesRepo.insert(tx, { ...input, caseId: input.caseId ?? null, ownerUserId: input.ownerUserId ?? null, run });
  }

  /** Starts run 1 unless the clock ever ran (safe when two syncs race). */
  startOnce(tx: DbOrTx, input: StartClockInput): Promise<boolean> {
    return deadlinesRepo.insertIgnore(tx, { ...input, caseId: input.caseId ?? null, ownerUserId: input.ownerUserId ?? null, run: 1 });
  }

  /** startOnce for many clocks in one statement (the sweep's batch of new reports). */
  startOnceMany(tx: DbOrTx, inputs: StartClockInput[]): Promise<void> {
    return deadlinesRepo.insertIgnoreMany(
      tx,
      inputs.map((input) => ({ ...input, caseId: input.caseId ?? null, ownerUserId: input.ownerUserId ?? null, run: 1 })),
    );
  }

  async meet(tx: DbOrTx, kind: ClockKind, subjectType: ClockSubject, subjectId: number, at: Date): Promise<boolean> {
    const current = await deadlinesRepo.openFor(tx, kind, subjectType, subjectId);
    return current ? deadlinesRepo.meet(tx, current.id, at) : false;
  }

  async cancel(tx: DbOrTx, kind: ClockKind, subjectType: ClockSubject, subjectId: number, at: Date): Promise<boolean> {
    const current = await deadlinesRepo.openFor(tx, kind, subjectType, subjectId);
    return current ? deadlinesRepo.cancel(tx, current.id, at) : false;
  }

  /** Stops every open clock of a case (archive: the case is read-only). */
  async cancelForCase(tx: DbOrTx, caseId: number, at: Date): Promise<number> {
    let n = 0;
    for (const row of await deadlinesRepo.openForCase(tx, caseId)) if (await deadlinesRepo.cancel(tx, row.id, at)) n += 1;
    return n;
  }

  async setOwner(tx: DbOrTx, kind: ClockKind, subjectType: ClockSubject, subjectId: number, ownerUserId: number | null): Promise<void> {
    const current = await deadlinesRepo.openFor(tx, kind, subjectType, subjectId);
    if (current) await deadlinesRepo.setOwner(tx, current.id, ownerUserId);
  }

  openFor(kind: ClockKind, subjectType: ClockSubject, subjectId: number, db: DbOrTx = this.db): Promise<ClockRow | undefined> {
    return deadlinesRepo.openFor(db, kind, subjectType, subjectId);
  }

  openForSubjects(subjectType: ClockSubject, ids: number[], db: DbOrTx = this.db): Promise<ClockRow[]> {
    return deadlinesRepo.openForSubjects(db, subjectType, ids);
  }

  openOfKind(kind: ClockKind, limit = 500, db: DbOrTx = this.db): Promise<ClockRow[]> {
    return deadlinesRepo.openOfKind(db, kind, limit);
  }

  subjectsWithClock(kind: ClockKind, subjectType: ClockSubject, ids: number[], db: DbOrTx = this.db): Promise<Set<number>> {
    return deadlinesRepo.subjectsWithClock(db, kind, subjectType, ids);
  }

  allForCase(caseId: number, db: DbOrTx = this.db): Promise<ClockRow[]> {
    return deadlinesRepo.allForCase(db, caseId);
  }

  /**
   * One pass of the deadline job: sources sync first (new clocks, met clocks), then every open clock
   * that ran out is escalated once. Safe to run concurrently and repeatedly.
   */
  async sweep(now: Date = this.clock.now()): Promise<SweepResult> {
    for (const source of this.sources) await source.syncClocks(now);
    const result: SweepResult = { breached: 0, notifications: 0 };
    for (;;) {
      const due = await deadlinesRepo.dueForBreach(this.db, now, 100);
      if (due.length === 0) break;
      const labels = await this.describe(due);
      for (const row of due) {
        const sent = await this.escalate(row, labels.get(row.id), now);
        if (sent >= 0) {
          result.breached += 1;
          result.notifications += sent;
        }
      }
      if (due.length < 100) break;
    }
    if (result.breached > 0) this.logger.info({ breached: result.breached }, 'deadline sweep escalated breaches');
    return result;
  }

  /** Escalates one breach; -1 when another sweep or a meet got there first. */
  private async escalate(row: ClockRow, label: ClockLabel | undefined, now: Date): Promise<number> {
    const recipients = await this.recipients(row);
    const sla = await this.settings.sla(row.townshipId);
    const kind = row.kind as ClockKind;
    return this.db.transaction(async (tx) => {
      if (!(await deadlinesRepo.markBreached(tx, row.id, now, recipients.join(',').slice(0, 500)))) return -1;
      const subject = label?.subject ?? `${row.subjectType} #${row.subjectId}`;
      for (const userId of recipients) {
        await this.notifications.enqueue(tx, {
          userId,
          kind: 'deadline.breached',
          title: `时限已到：${ClockKind.label(kind)}`,
          body: `${subject}的「${ClockKind.label(kind)}」时限（${clockLengthLabel(kind, sla, this.lengthOf(row))}）已到，尚未完成，请尽快处理。`,
          link: label?.link,
        });
      }
      await this.audit.record(
        {
          actor: null,
          action: 'deadline.breached',
          targetType: row.subjectType,
          targetId: row.subjectId,
          result: 'ok',
          orgId: row.townshipId,
          detail: { clockId: row.id, kind: row.kind, run: row.run, dueAt: row.dueAt.toISOString(), notified: recipients },
        },
        tx,
      );
      return recipients.length;
    });
  }

  /** A clock's own length when it differs from the setting (a follow-up plan's interval), in its unit. */
  private lengthOf(row: ClockRow): number | undefined {
    if (row.kind !== 'follow_up') return undefined;
    return Math.round((row.dueAt.getTime() - row.startedAt.getTime()) / 86_400_000);
  }

  /**
   * The owner (or, when nobody owns it yet, the township's supervisors), the owner's supervisors
   * (the township's supervisors for a director or social worker), and the station head.
   */
  async recipients(row: Pick<ClockRow, 'ownerUserId' | 'townshipId'>, db: DbOrTx = this.db): Promise<number[]> {
    const out = new Set<number>();
    const supervisors = (await this.users.staffOf(row.townshipId, 'supervisor', db)).map((u) => u.id);
    const heads = (await this.users.staffOf(row.townshipId, 'station_head', db)).map((u) => u.id);
    const owner = row.ownerUserId ? await this.users.byId(row.ownerUserId, db) : undefined;
    if (owner) out.add(owner.id);
    if (!owner || owner.role === 'director' || owner.role === 'social_worker') supervisors.forEach((id) => out.add(id));
    heads.forEach((id) => out.add(id));
    return [...out];
  }

  private async describe(rows: ClockRow[]): Promise<Map<number, ClockLabel>> {
    const out = new Map<number, ClockLabel>();
    for (const source of this.sources) for (const [id, label] of await source.describeClocks(rows)) out.set(id, label);
    return out;
  }

  /** Townships whose clocks the actor oversees (supervisor, station head: theirs; county admin: the county's). */
  private async overseen(actor: Actor): Promise<number[]> {
    if (actor.role === 'supervisor' || actor.role === 'station_head') return actor.orgId ? [actor.orgId] : [];
    if (actor.role === 'county_admin') return (await this.org.tree(actor)).filter((o) => o.level === 'township').map((o) => o.id);
    return [];
  }

  /** Open clocks the actor owns or oversees, most urgent first; `overdueOnly` keeps the ones that ran out. */
  async listFor(actor: Actor, opts: { overdueOnly?: boolean; withinHours?: number; limit?: number } = {}): Promise<ClockView[]> {
    const now = this.clock.now();
    const until = opts.overdueOnly ? now : opts.withinHours !== undefined ? new Date(now.getTime() + opts.withinHours * 3_600_000) : undefined;
    const rows = await deadlinesRepo.openVisible(this.db, { townshipIds: await this.overseen(actor), ownerUserId: actor.userId, until, limit: opts.limit ?? 200 });
    return this.views(rows, now);
  }

  async views(rows: ClockRow[], now: Date = this.clock.now()): Promise<ClockView[]> {
    const labels = await this.describe(rows);
    const names = await this.users.names(rows.flatMap((r) => (r.ownerUserId ? [r.ownerUserId] : [])));
    return rows.map((r) => {
      const due = describeDue(r.dueAt, now);
      const label = labels.get(r.id);
      return {
        id: r.id,
        kind: r.kind as ClockKind,
        kindLabel: ClockKind.label(r.kind as ClockKind),
        subjectType: r.subjectType,
        subjectId: r.subjectId,
        caseId: r.caseId,
        subject: label?.subject ?? `#${r.subjectId}`,
        link: label?.link ?? '',
        ownerUserId: r.ownerUserId,
        ownerName: r.ownerUserId ? (names.get(r.ownerUserId) ?? null) : null,
        startedAt: r.startedAt.toISOString(),
        dueAt: r.dueAt.toISOString(),
        overdue: due.overdue,
        dueText: due.text,
        breachedAt: r.breachedAt?.toISOString() ?? null,
      };
    });
  }

  /**
   * The overdue / due-soon board of the actor (their own work; a township's or the county's for the
   * people who oversee it): open tasks and SLA clocks, late or due within a day, most urgent first,
   * with who was told when. Its counts are the only overdue counts the app shows (workbench, lists).
   * A first-visit or follow-up clock whose case has that task open is shown once, as the task.
   */
  async boardFor(actor: Actor, opts: { overdueOnly?: boolean } = {}): Promise<Board> {
    const now = this.clock.now();
    const rows = await deadlinesRepo.openVisible(this.db, {
      townshipIds: await this.overseen(actor),
      ownerUserId: actor.userId,
      until: new Date(now.getTime() + DUE_SOON_HOURS * 3_600_000),
      limit: 1000,
    });
    const tasks = this.taskBoard ? await this.taskBoard.boardFor(actor) : { items: [], overdue: 0, dueSoon: 0, mine: 0 };
    const carried = new Set(tasks.items.filter((t) => t.caseId).map((t) => `${t.caseId}:${t.kind}`));
    const clocks = rows.filter((r) => !(r.caseId && carried.has(`${r.caseId}:${r.kind}`)));
    const clockOverdue = clocks.filter((r) => isOverdue(r.dueAt, now));
    const views = await this.views(clocks, now);
    const told = await this.users.names(clocks.flatMap((r) => (r.notified ? r.notified.split(',').map(Number) : [])));
    const clockItems: BoardItem[] = views.map((v, i) => ({
      type: 'clock',
      id: v.id,
      kind: v.kind,
      kindLabel: v.kindLabel,
      subject: v.subject,
      caseId: v.caseId,
      link: v.link,
      ownerName: v.ownerName,
      dueAt: v.dueAt,
      dueText: v.dueText,
      overdue: v.overdue,
      serious: v.kind === 'first_visit',
      escalatedAt: v.breachedAt,
      escalatedTo: (clocks[i].notified ? clocks[i].notified!.split(',').map(Number) : []).map((id) => told.get(id) ?? '').filter(Boolean),
    }));
    const rank = (x: BoardItem) => (x.serious ? 0 : x.overdue ? 1 : 2);
    const items = [...tasks.items, ...clockItems]
      .filter((x) => !opts.overdueOnly || x.overdue)
      .sort((a, b) => rank(a) - rank(b) || a.dueAt.localeCompare(b.dueAt));
    return {
      overdue: tasks.overdue + clockOverdue.length,
      dueSoon: tasks.dueSoon + clocks.length - clockOverdue.length,
      mine: tasks.mine + clockOverdue.filter((r) => r.ownerUserId === actor.userId).length,
      items,
    };
  }

  /** Badge counts: ran out, and due within 24 hours (tasks and clocks, as on the board). */
  async summaryFor(actor: Actor): Promise<{ overdue: number; dueSoon: number; mine: number }> {
    const { overdue, dueSoon, mine } = await this.boardFor(actor);
    return { overdue, dueSoon, mine };
  }
}

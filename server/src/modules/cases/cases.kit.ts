import { CaseStatus, clockDueAt, RiskLevel, type CaseChild, type SlaSettings, type StepContext, formatDateTime } from '@wbt/shared';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import type { Clock } from '../../lib/clock';
import type { FieldCrypto } from '../../lib/fieldCrypto';
import type { Logger } from '../../logger';
import type { AuditService } from '../audit/audit.service';
import type { UsersService } from '../auth/users.service';
import type { ChildrenService } from '../children/children.service';
import type { DeadlinesService, StartClockInput } from '../deadlines/deadlines.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { OrgService } from '../org/org.service';
import type { ReferralsService } from '../referrals/referrals.service';
import type { ReportsService } from '../reports/reports.service';
import type { TasksService } from '../tasks/tasks.service';
import { CASE_FIELD_LABELS, type FieldChange } from './cases.format';
import { casesRepo, type CaseInsert, type CaseRow } from './cases.repo';

export const STATION_ROLES = ['supervisor', 'station_head'] as const;
export const CASE_LINK = (id: number) => `/staff/pages/case/index?id=${id}`;
export const REPORT_LINK = (id: number) => `/staff/pages/intake/triage?id=${id}`;

/** A report's acknowledgement and first-answer clocks, both from its arrival. */
function reportClocks(r: { reportId: number; townshipId: number; receivedAt: Date; sla: SlaSettings; ownerUserId?: number }): [StartClockInput, StartClockInput] {
  const base = { subjectType: 'report' as const, subjectId: r.reportId, townshipId: r.townshipId, startedAt: r.receivedAt };
  return [
    { ...base, kind: 'ack', dueAt: clockDueAt('ack', r.receivedAt, r.sla) },
    { ...base, kind: 'first_answer', ownerUserId: r.ownerUserId, dueAt: clockDueAt('first_answer', r.receivedAt, r.sla) },
  ];
}

/**
 * What every part of the case work shares: the services it calls, the access checks, the sealed
 * child record, and the chronology (what a step changed, in words, and its entry).
 */
export class CaseKit {
  constructor(
    readonly db: Db,
    readonly clock: Clock,
    readonly crypto: FieldCrypto,
    readonly logger: Logger,
    readonly org: OrgService,
    readonly users: UsersService,
    readonly audit: AuditService,
    readonly notifications: NotificationsService,
    readonly deadlines: DeadlinesService,
    readonly referrals: ReferralsService,
    readonly reports: ReportsService,
    readonly tasks: TasksService,
    readonly childFiles: ChildrenService,
  ) {}

  /** 404 unless township staff of the case's township (or above), or the director of the child's village. */
  async assertCanSee(actor: Actor, row: CaseRow): Promise<void> {
    if (actor.role === 'public') throw AppError.notFound('个案');
    if (actor.role === 'director') {
      await this.org.assertInScope(actor, row.villageId, { type: 'case', id: row.id, what: '个案' });
      return;
    }
    await this.org.assertInScope(actor, row.townshipId, { type: 'case', id: row.id, what: '个案' });
  }

  async context(db: DbOrTx, row: CaseRow, actor: Actor): Promise<StepContext> {
    return {
      status: row.status,
      role: actor.role,
      assigned: row.ownerUserId === actor.userId || row.socialWorkerUserId === actor.userId,
      openReferrals: await this.referrals.openCount(row.id, db),
      linkedReports: (await casesRepo.linkedCounts(db, [row.id])).get(row.id) ?? 0,
      assessed: row.riskLevel !== null,
      hasVillage: row.villageId !== null,
      harmSuspected: row.harmSuspected === true,
      policeReported: row.policeReportedAt !== null,
    };
  }

  async townshipsOf(actor: Actor): Promise<number[]> {
    if (actor.orgLevel === 'township' && actor.orgId) return [actor.orgId];
    return (await this.org.tree(actor)).filter((o) => o.level === 'township').map((o) => o.id);
  }

  async villageOf(orgId: number): Promise<number | null> {
    const org = await this.org.get(orgId);
    return org?.level === 'village' ? org.id : null;
  }

  /** (Re)starts the case's follow-up visit clock from `now`, owned by its social worker, else its owner. */
  startFollowUp(tx: DbOrTx, row: CaseRow, now: Date, dueAt: Date) {
    return this.deadlines.start(tx, {
      kind: 'follow_up',
      subjectType: 'case',
      subjectId: row.id,
      caseId: row.id,
      townshipId: row.townshipId,
      ownerUserId: row.socialWorkerUserId ?? row.ownerUserId,
      startedAt: now,
      dueAt,
    });
  }

  /**
   * The clocks a report owes from its arrival: the acknowledgement (met at `acknowledgedAt` when
   * given) and the reporter's first answer. Each starts only once, whoever calls first.
   */
  async startReportClocks(
    tx: DbOrTx,
    r: { reportId: number; townshipId: number; receivedAt: Date; sla: SlaSettings; ownerUserId?: number; acknowledgedAt?: Date },
  ): Promise<void> {
    const [ack, firstAnswer] = reportClocks(r);
    await this.deadlines.startOnce(tx, ack);
    if (r.acknowledgedAt) await this.deadlines.meet(tx, 'ack', 'report', r.reportId, r.acknowledgedAt);
    await this.deadlines.startOnce(tx, firstAnswer);
  }

  /** The acknowledgement and first-answer clocks of many new reports, in one statement. */
  startNewReportClocks(tx: DbOrTx, reports: { reportId: number; townshipId: number; receivedAt: Date; sla: SlaSettings }[]): Promise<void> {
    return this.deadlines.startOnceMany(tx, reports.flatMap((r) => reportClocks(r)));
  }

  /** A case may link only a child file the actor can read (same township scope). */
  async assertLinkableChild(actor: Actor, childId: number, tx: DbOrTx): Promise<void> {
    try {
      await this.childFiles.readable(actor, childId, tx);
    } catch (err) {
      if (err instanceof AppError && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN')) {
        throw AppError.validation('childId', '所选儿童档案不存在或不在本站范围内');
      }
      throw err;
    }
  }

  async assertVillageOf(villageId: number, townshipId: number, field: string): Promise<void> {
    const v = await this.org.get(villageId);
    if (!v || v.level !== 'village' || v.parentId !== townshipId) throw AppError.validation(field, '所选村（社区）不属于本乡镇');
  }

  async assertStaff(userId: number, townshipId: number, roles: string[], field: string, message: string): Promise<void> {
    const u = await this.users.byId(userId);
    if (!u || !u.active || u.orgId !== townshipId || !roles.includes(u.role)) throw AppError.validation(field, message);
  }

  async assertTaskAssignee(userId: number, row: CaseRow): Promise<void> {
    const u = await this.users.byId(userId);
    const ok = !!u && u.active && ((u.role === 'director' && u.orgId === row.villageId) || (['social_worker', 'supervisor'].includes(u.role) && u.orgId === row.townshipId));
    if (!ok) throw AppError.validation('assigneeUserId', '执行人须是该村（社区）的儿童主任，或本站的儿童社工、督导员');
  }

  /**
   * Who makes the 24-hour first visit of a serious case by default: the 督导员 (seed 002 §5.2, with the
   * social worker) — the case's owner when a supervisor, else the township's first supervisor.
   */
  async seriousVisitLead(row: CaseRow, db: DbOrTx = this.db): Promise<number | null> {
    const owner = await this.users.byId(row.ownerUserId);
    if (owner?.active && owner.role === 'supervisor' && owner.orgId === row.townshipId) return owner.id;
    return (await this.users.staffOf(row.townshipId, 'supervisor', db))[0]?.id ?? null;
  }

  /** Search key of a child's name: the same blind index as a child file's (spaces removed). */
  childNameIndex(name: string | undefined | null): string | null {
    const n = (name ?? '').replace(/\s/g, '');
    return n ? this.crypto.blindIndex('child.name', n) : null;
  }

  sealChild(child: Partial<CaseChild> | undefined): string | null {
    if (!child) return null;
    const clean = Object.fromEntries(Object.entries(child).filter(([, v]) => v !== undefined && v !== ''));
    return Object.keys(clean).length ? this.crypto.encrypt(JSON.stringify(clean)) : null;
  }

  openChild(enc: string | null): CaseChild | null {
    const plain = this.crypto.decrypt(enc);
    return plain ? (JSON.parse(plain) as CaseChild) : null;
  }

  /** The fields a step changes, in words (user and village names resolved). */
  async diff(row: CaseRow, set: Partial<CaseInsert>): Promise<FieldChange[]> {
    const out: FieldChange[] = [];
    const userIds = [row.ownerUserId, row.socialWorkerUserId, set.ownerUserId, set.socialWorkerUserId].filter((x): x is number => typeof x === 'number');
    const names = await this.users.names(userIds);
    const orgName = async (id: number | null | undefined) => (id ? ((await this.org.get(id))?.name ?? `#${id}`) : null);
    const fmt = async (field: string, v: unknown): Promise<string | null> => {
      if (v === null || v === undefined) return null;
      switch (field) {
        case 'status':
          return CaseStatus.label(v as CaseStatus);
        case 'riskLevel':
          return RiskLevel.label(v as 'low');
        case 'harmSuspected':
        case 'serious':
          return v ? '是' : '否';
        case 'followUpFinished':
          return v ? '已结束' : '进行中';
        case 'ownerUserId':
        case 'socialWorkerUserId':
          return names.get(v as number) ?? `#${v}`;
        case 'villageId':
          return orgName(v as number);
        case 'childId':
          return `#${v}`;
        case 'firstReportedAt':
        case 'policeReportedAt':
        case 'civilAffairsReportedAt':
          return formatDateTime(v as Date);
        default:
          return String(v);
      }
    };
    for (const [field, value] of Object.entries(set)) {
      if (!(field in CASE_FIELD_LABELS) && field !== 'childEnc') continue;
      if (field === 'childEnc') {
        if (value !== row.childEnc) out.push({ field: 'child', label: CASE_FIELD_LABELS.child, from: null, to: '已更新' });
        continue;
      }
      const before = (row as Record<string, unknown>)[field];
      const same = before instanceof Date && value instanceof Date ? before.getTime() === value.getTime() : before === value;
      if (same) continue;
      out.push({ field, label: CASE_FIELD_LABELS[field], from: await fmt(field, before), to: await fmt(field, value) });
    }
    return out;
  }

  async writeEvent(
    tx: DbOrTx,
    caseId: number,
    actor: Pick<Actor, 'userId' | 'role' | 'name'>,
    step: string,
    from: CaseStatus | null,
    to: CaseStatus | null,
    changes: FieldChange[],
    input: Record<string, unknown>,
    ref?: { type: string; id: number },
  ): Promise<void> {
    await casesRepo.insertEvent(tx, {
      caseId,
      at: this.clock.now(),
      step,
      actorUserId: actor.userId,
      actorRole: actor.role,
      actorName: actor.name,
      fromStatus: from,
      toStatus: to,
      fields: changes.map((c) => c.field).join(',').slice(0, 500) || null,
      dataEnc: this.crypto.encrypt(JSON.stringify({ changes, input })),
      refType: ref?.type ?? null,
      refId: ref?.id ?? null,
    });
  }
}

import {
  clockDueAt,
  describeDue,
  PoliceOutcome,
  ReferralStatus,
  ReferralUnitType,
  referralMove,
  type CaseReferralView,
  type ReferralInput,
  type ReferralUnitType as UnitType,
  type ReferralUpdateInput,
} from '@wbt/shared';
import type { Db, DbOrTx } from '../../db/client';
import { AppError } from '../../http/errors';
import type { Clock } from '../../lib/clock';
import type { FieldCrypto } from '../../lib/fieldCrypto';
import type { DeadlinesService } from '../deadlines/deadlines.service';
import { referralsRepo, type ReferralRow } from './referrals.repo';

export type ReferralView = CaseReferralView;

/**
 * 6 跟踪转介 (附件7 转介记录表). Referrals belong to a case: the cases service checks scope and the
 * state machine and calls these inside its transaction; this module keeps the referral's own
 * sub-flow (sent → accepted / rejected → done) and its 14-day stale clock.
 */
export class ReferralsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly crypto: FieldCrypto,
    private readonly deadlines: DeadlinesService,
  ) {}

  async create(tx: DbOrTx, input: { caseId: number; townshipId: number; ownerUserId: number; sentBy: number; referral: ReferralInput }): Promise<number> {
    const now = this.clock.now();
    const r = input.referral;
    const id = await referralsRepo.insert(tx, {
      caseId: input.caseId,
      townshipId: input.townshipId,
      status: 'sent',
      unitType: r.unitType,
      unit: r.unit,
      unitAddress: r.unitAddress,
      contactName: r.contactName,
      contactPhoneEnc: this.crypto.encrypt(r.contactPhone)!,
      reasonEnc: this.crypto.encrypt(r.reason)!,
      followUpPlanEnc: this.crypto.encrypt(r.followUpPlan)!,
      sentAt: now,
      sentBy: input.sentBy,
      lastMovedAt: now,
    });
    const sla = await this.deadlines.sla(input.townshipId);
    await this.deadlines.start(tx, {
      kind: 'referral_stale',
      subjectType: 'referral',
      subjectId: id,
      caseId: input.caseId,
      townshipId: input.townshipId,
      ownerUserId: input.ownerUserId,
      startedAt: now,
      dueAt: clockDueAt('referral_stale', now, sla),
    });
    return id;
  }

  /**
   * Moves a referral of this case (409 when the move is not allowed from its status). Every movement
   * restarts the stale clock; rejected and done stop it.
   */
  async move(tx: DbOrTx, caseId: number, ownerUserId: number, input: ReferralUpdateInput): Promise<{ from: ReferralRow['status']; to: ReferralRow['status'] }> {
    const row = await referralsRepo.lockById(tx, input.referralId);
    if (!row || row.caseId !== caseId) throw AppError.notFound('转介记录');
    const decision = referralMove(row.status, input.action);
    if (!decision.ok) throw new AppError('INVALID_TRANSITION', decision.message);
    if (input.policeOutcome && row.unitType !== 'police')
      throw AppError.validation('policeOutcome', '只有转介给公安机关的记录才填写公安处理结果');
    if (row.unitType === 'police' && decision.to === 'done' && !input.policeOutcome && !row.policeOutcome)
      throw AppError.validation('policeOutcome', '请选择公安机关的处理结果（立案侦查、批评教育、出具告诫书等）');
    const now = this.clock.now();
    const closes = decision.to === 'rejected' || decision.to === 'done';
    const result = input.action === 'reject' ? input.rejectReason : input.action === 'done' ? input.outcome : undefined;
    await referralsRepo.update(tx, row.id, {
      status: decision.to,
      lastMovedAt: now,
      ...(result ? { resultEnc: this.crypto.encrypt(result) } : {}),
      ...(input.policeOutcome ? { policeOutcome: input.policeOutcome } : {}),
      ...(closes ? { closedAt: now } : {}),
    });
    if (closes) {
      await this.deadlines.meet(tx, 'referral_stale', 'referral', row.id, now);
    } else {
      const sla = await this.deadlines.sla(row.townshipId);
      await this.deadlines.start(tx, {
        kind: 'referral_stale',
        subjectType: 'referral',
        subjectId: row.id,
        caseId,
        townshipId: row.townshipId,
        ownerUserId,
        startedAt: now,
        dueAt: clockDueAt('referral_stale', now, sla),
      });
    }
    return { from: row.status, to: decision.to };
  }

  openCount(caseId: number, db: DbOrTx = this.db): Promise<number> {
    return referralsRepo.openCount(db, caseId);
  }

  get(id: number, db: DbOrTx = this.db): Promise<ReferralRow | undefined> {
    return referralsRepo.byId(db, id);
  }

  byIds(ids: number[], db: DbOrTx = this.db): Promise<ReferralRow[]> {
    return referralsRepo.byIds(db, ids);
  }

  async forCase(caseId: number, db: DbOrTx = this.db): Promise<ReferralView[]> {
    const rows = await referralsRepo.forCase(db, caseId);
    const clocks = await this.deadlines.openForSubjects('referral', rows.map((r) => r.id), db);
    const now = this.clock.now();
    return rows.map((r) => {
      const clock = clocks.find((c) => c.subjectId === r.id && c.kind === 'referral_stale');
      return {
        id: r.id,
        caseId: r.caseId,
        status: r.status,
        statusLabel: ReferralStatus.label(r.status),
        policeOutcome: (r.policeOutcome as PoliceOutcome | null) ?? null,
        policeOutcomeLabel: r.policeOutcome ? (PoliceOutcome.labels[r.policeOutcome as PoliceOutcome] ?? r.policeOutcome) : null,
        unitType: r.unitType as UnitType,
        unitTypeLabel: ReferralUnitType.labels[r.unitType as UnitType] ?? r.unitType,
        unit: r.unit,
        unitAddress: r.unitAddress,
        contactName: r.contactName,
        contactPhone: this.crypto.decrypt(r.contactPhoneEnc) ?? '',
        reason: this.crypto.decrypt(r.reasonEnc) ?? '',
        followUpPlan: this.crypto.decrypt(r.followUpPlanEnc) ?? '',
        result: this.crypto.decrypt(r.resultEnc),
        sentBy: r.sentBy,
        filledByName: null,
        sentAt: r.sentAt.toISOString(),
        lastMovedAt: r.lastMovedAt.toISOString(),
        closedAt: r.closedAt?.toISOString() ?? null,
        staleAt: clock ? clock.dueAt.toISOString() : null,
        stale: clock ? describeDue(clock.dueAt, now).overdue : false,
      };
    });
  }
}

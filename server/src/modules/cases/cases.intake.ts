import {
  checkStep,
  checkTriage,
  chinaDate,
  clockDueAt,
  describeAge,
  describeDue,
  IntakeCategory,
  ReportMethod,
  ReportStatus,
  CaseStatus,
  type CaseChild,
  type IntakeItem,
  type IntakeQuery,
  type TriageRequest,
  formatDateTime,
} from '@wbt/shared';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import { randomToken } from '../../lib/ids';
import { CASE_FIELD_LABELS, type FieldChange } from './cases.format';
import type { CaseKit } from './cases.kit';
import { casesRepo, type CaseRow } from './cases.repo';

/** Another module that takes over consultations triaged at intake (issue 7), registered at start-up. */
export interface ConsultationDesk {
  fromReport(tx: DbOrTx, input: { reportId: number; townshipId: number; orgId: number; consultationType: string; actor: Actor }): Promise<unknown>;
}

/**
 * Intake (1 发现报告, 2 分类): the township's incoming reports, their triage, and the cases opened
 * from a report or a consultation (or a report linked to an open case).
 */
export class CaseIntake {
  private consultationDesk?: ConsultationDesk;

  constructor(private readonly k: CaseKit) {}

  useConsultationDesk(desk: ConsultationDesk): void {
    this.consultationDesk = desk;
  }

  /** The township's incoming reports with their triage, age and acknowledgement clock. */
  async intake(actor: Actor, q: IntakeQuery & { cursor?: string; limit?: number }): Promise<{ items: IntakeItem[]; nextCursor: string | null }> {
    if (!['supervisor', 'station_head', 'county_admin'].includes(actor.role)) throw AppError.notFound('报告');
    const kind = q.category === 'help' || q.category === 'harm' ? q.category : undefined;
    const page = await this.k.reports.listIncoming(actor, { status: q.status === 'untriaged' ? 'received' : undefined, kind, cursor: q.cursor, limit: q.limit ?? 30 });
    const ids = page.items.map((i) => i.id);
    const triage = new Map((await casesRepo.triageOfReports(this.k.db, ids)).map((t) => [t.reportId, t]));
    const caseCodes = new Map((await casesRepo.byIds(this.k.db, [...triage.values()].flatMap((t) => (t.caseId ? [t.caseId] : [])))).map((c) => [c.id, c.code]));
    const clocks = await this.k.deadlines.openForSubjects('report', ids);
    const now = this.k.clock.now();
    const slas = await this.k.deadlines.slaMany(page.items.map((r) => r.org.id));
    const items: IntakeItem[] = [];
    for (const r of page.items) {
      const t = triage.get(r.id);
      if (q.status === 'triaged' && !t) continue;
      if (q.status === 'untriaged' && t) continue;
      if (q.category && t && t.category !== q.category) continue;
      const ackDue = clockDueAt('ack', new Date(r.receivedAt), slas.get(r.org.id)!);
      const ack = describeDue(ackDue, now);
      const fa = clocks.find((c) => c.subjectId === r.id && c.kind === 'first_answer');
      const item: IntakeItem = {
        ...r,
        kindLabel: IntakeCategory.label(r.kind),
        methodLabel: ReportMethod.label(r.method),
        statusLabel: ReportStatus.label(r.status),
        age: describeAge(new Date(r.receivedAt), now),
        triage: t
          ? {
              category: t.category,
              categoryLabel: IntakeCategory.label(t.category),
              caseId: t.caseId,
              caseCode: t.caseId ? (caseCodes.get(t.caseId) ?? null) : null,
              triagedAt: t.triagedAt.toISOString(),
            }
          : null,
        ackDueAt: ackDue.toISOString(),
        ackOverdue: !t && ack.overdue,
        ackDueText: t ? '已受理' : ack.text,
        firstAnswerDueAt: fa ? fa.dueAt.toISOString() : null,
        firstAnswerOverdue: fa ? fa.dueAt <= now : false,
      };
      if (q.overdue === true && !(item.ackOverdue || item.firstAnswerOverdue)) continue;
      items.push(item);
    }
    return { items, nextCursor: page.nextCursor };
  }

  /**
   * 2 分类: classify a report. A consultation goes to the consultation desk; a help request or harm
   * report opens a case, or is linked to an open case about the same child. The report becomes
   * 已受理 for the reporter, and the acknowledgement clock is met — all in one transaction.
   */
  async triage(actor: Actor, reportId: number, body: TriageRequest): Promise<{ reportId: number; category: string; caseId: number | null; caseCode: string | null }> {
    const role = checkTriage(actor.role, false);
    if (!role.ok) {
      await this.k.audit.record({ actor, action: 'report.triage', targetType: 'report', targetId: reportId, result: 'denied' });
      throw AppError.forbidden(role.message);
    }
    const report = await this.k.reports.get(actor, reportId);
    if (actor.orgId !== report.township.id) {
      // Readable by a county admin, but only the receiving station triages.
      throw AppError.forbidden('只有接收报告的乡镇未保站可以分类受理');
    }
    const already = await casesRepo.triageOf(this.k.db, reportId);
    if (already) {
      const refused = checkTriage(actor.role, true);
      throw new AppError('INVALID_TRANSITION', refused.ok ? '该报告已经分类受理' : refused.message);
    }
    const townshipId = report.township.id;
    const villageId = body.villageId ?? (await this.k.villageOf(report.org.id));
    if (body.villageId) await this.k.assertVillageOf(body.villageId, townshipId, 'villageId');
    const now = this.k.clock.now();
    const sla = await this.k.deadlines.sla(townshipId);
    const receivedAt = new Date(report.receivedAt);
    const reportedAt = new Date(report.reportedAt);

    const result = await this.k.db.transaction(async (tx) => {
      try {
        await casesRepo.insertTriage(tx, {
          reportId,
          townshipId,
          category: body.category,
          consultationType: body.consultationType ?? null,
          caseId: null,
          triagedAt: now,
          triagedBy: actor.userId,
          noteEnc: this.k.crypto.encrypt(body.note),
        });
      } catch (err) {
        if ((err as { cause?: { errno?: number } }).cause?.errno === 1062 || (err as { errno?: number }).errno === 1062)
          throw new AppError('INVALID_TRANSITION', '该报告已经分类受理，不能重复受理');
        throw err;
      }
      // The clocks of the report: acknowledged now; the reporter's first answer still owed.
      await this.k.startReportClocks(tx, { reportId, townshipId, receivedAt, sla, ownerUserId: actor.userId, acknowledgedAt: now });

      let caseRow: CaseRow | undefined;
      if (body.category === 'consultation') {
        await this.k.reports.setStatus(reportId, 'accepted', tx, actor);
        if (this.consultationDesk) {
          await this.consultationDesk.fromReport(tx, { reportId, townshipId, orgId: report.org.id, consultationType: body.consultationType!, actor });
        }
      } else if (body.caseId) {
        caseRow = await this.linkReport(tx, actor, body.caseId, { reportId, reportedAt, townshipId, note: body.note });
      } else {
        const child: Partial<CaseChild> = body.child ?? {
          name: report.content.child?.name,
          sex: report.content.child?.sex,
          age: report.content.child?.age,
          address: report.content.child?.address,
          // 附件7 needs the child's phone and the guardian block: taken over from the report.
          phone: report.content.child?.phone,
          guardian: report.content.guardian && Object.values(report.content.guardian).some(Boolean)
            ? { name: report.content.guardian.name, relation: report.content.guardian.relation, phone: report.content.guardian.phone, address: undefined }
            : undefined,
        };
        caseRow = await this.createCase(tx, actor, {
          kind: body.category,
          townshipId,
          villageId,
          child,
          firstReportedAt: reportedAt,
          data: { category: body.category, source: `报告 #${reportId}（${ReportMethod.label(report.method)}）`, note: body.note },
          ref: { type: 'report', id: reportId },
        });
        await casesRepo.linkTriage(tx, reportId, caseRow.id);
        await this.k.reports.setStatus(reportId, 'accepted', tx, actor);
      }
      if (caseRow) await this.k.deadlines.setOwner(tx, 'first_answer', 'report', reportId, caseRow.ownerUserId);
      await this.k.audit.record(
        {
          actor,
          action: 'report.triage',
          targetType: 'report',
          targetId: reportId,
          result: 'ok',
          orgId: townshipId,
          detail: { category: body.category, consultationType: body.consultationType ?? null, caseId: caseRow?.id ?? null },
        },
        tx,
      );
      return { reportId, category: body.category, caseId: caseRow?.id ?? null, caseCode: caseRow?.code ?? null };
    });
    return result;
  }

  /** A consultation (issue 7) turned into a case; idempotent per consultation. Pass `tx` to join the caller's transaction. */
  async openFromConsultation(
    actor: Actor,
    input: { consultationId: number; orgId: number; kind?: 'help' | 'harm'; askedAt: Date; child?: Partial<CaseChild>; note?: string },
    tx?: DbOrTx,
  ): Promise<{ caseId: number; caseCode: string; created: boolean }> {
    const role = checkTriage(actor.role, false);
    if (!role.ok) throw AppError.forbidden('只有儿童督导员和站长可以将咨询转为个案');
    await this.k.org.assertInScope(actor, input.orgId, { type: 'org', id: input.orgId, what: '村（社区）' });
    const township = await this.k.org.townshipOf(input.orgId);
    if (!township || township.id !== actor.orgId) throw AppError.notFound('咨询');
    const run = async (t: DbOrTx) => {
      const existing = await casesRepo.byConsultation(t, input.consultationId);
      if (existing) return { caseId: existing.id, caseCode: existing.code, created: false };
      const row = await this.createCase(t, actor, {
        kind: input.kind ?? 'help',
        townshipId: township.id,
        villageId: await this.k.villageOf(input.orgId),
        child: input.child ?? {},
        firstReportedAt: input.askedAt,
        sourceConsultationId: input.consultationId,
        data: { category: input.kind ?? 'help', source: `咨询 #${input.consultationId}`, note: input.note },
        ref: { type: 'consultation', id: input.consultationId },
      });
      return { caseId: row.id, caseCode: row.code, created: true };
    };
    return tx ? run(tx) : this.k.db.transaction(run);
  }

  private async createCase(
    tx: DbOrTx,
    actor: Actor,
    input: {
      kind: 'help' | 'harm';
      townshipId: number;
      villageId: number | null;
      child: Partial<CaseChild>;
      firstReportedAt: Date;
      sourceConsultationId?: number;
      data: Record<string, unknown>;
      ref: { type: string; id: number };
    },
  ): Promise<CaseRow> {
    const now = this.k.clock.now();
    const id = await casesRepo.insert(tx, {
      code: `P${randomToken(9).slice(0, 12)}`,
      kind: input.kind,
      status: 'assessing',
      townshipId: input.townshipId,
      villageId: input.villageId,
      childEnc: this.k.sealChild(input.child),
      childNameIdx: this.k.childNameIndex(input.child?.name),
      ownerUserId: actor.userId,
      firstReportedAt: input.firstReportedAt,
      sourceConsultationId: input.sourceConsultationId ?? null,
      openedAt: now,
      openedBy: actor.userId,
      updatedAt: now,
    });
    const code = `${chinaDate(now).slice(0, 4)}-${String(id).padStart(6, '0')}`;
    await casesRepo.update(tx, id, { code });
    await this.k.writeEvent(tx, id, actor, 'open', null, 'assessing', [{ field: 'status', label: CASE_FIELD_LABELS.status, from: null, to: CaseStatus.label('assessing') }], input.data, input.ref);
    await this.k.audit.record({ actor, action: 'case.open', targetType: 'case', targetId: id, result: 'ok', orgId: input.townshipId, detail: { kind: input.kind, ref: input.ref } }, tx);
    return (await casesRepo.byId(tx, id))!;
  }

  /** Links a report to an open case of the same township (several reports about one child). */
  private async linkReport(tx: DbOrTx, actor: Actor, caseId: number, r: { reportId: number; reportedAt: Date; townshipId: number; note?: string }): Promise<CaseRow> {
    const row = await casesRepo.lockById(tx, caseId);
    if (!row || row.townshipId !== r.townshipId) throw AppError.notFound('个案');
    const decision = checkStep('link_report', await this.k.context(tx, row, actor));
    if (!decision.ok) throw new AppError(decision.code, decision.message);
    await casesRepo.linkTriage(tx, r.reportId, row.id);
    const changes: FieldChange[] = [];
    if (r.reportedAt < row.firstReportedAt) {
      await casesRepo.update(tx, row.id, { firstReportedAt: r.reportedAt, updatedAt: this.k.clock.now() });
      changes.push({ field: 'firstReportedAt', label: CASE_FIELD_LABELS.firstReportedAt, from: formatDateTime(row.firstReportedAt), to: formatDateTime(r.reportedAt) });
    } else {
      await casesRepo.update(tx, row.id, { updatedAt: this.k.clock.now() });
    }
    await this.k.writeEvent(tx, row.id, actor, 'link_report', row.status, row.status, changes, { reportId: r.reportId, note: r.note }, { type: 'report', id: r.reportId });
    await this.k.audit.record({ actor, action: 'case.link_report', targetType: 'case', targetId: row.id, result: 'ok', orgId: row.townshipId, detail: { reportId: r.reportId } }, tx);
    // The reporter sees 已受理, and 处理中 when the case is already being worked.
    await this.k.reports.setStatus(r.reportId, row.harmSuspected === null ? 'accepted' : 'in_progress', tx, actor);
    return row;
  }
}

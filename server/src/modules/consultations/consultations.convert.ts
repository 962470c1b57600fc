import type { ReportCreateParsed } from '@wbt/shared';
import type { CasesService } from '../cases/cases.service';
import type { ReportsService } from '../reports/reports.service';
import type { Converter } from './consultations.service';

/** The reports module's 求助 account holds at most this many characters. */
const MAX_ACCOUNT = 5000;

/**
 * 咨询 → 求助 (seed 002 附件4): a help request entered by the staff member, received through the
 * mini-program (微信), with the whole thread as its account, in the conversion's transaction.
 * Idempotent per consultation.
 */
export function helpRequestConverter(reports: Pick<ReportsService, 'create'>): Converter {
  return async (actor, input, tx) => {
    const tail = `\n（完整问答记录见政策咨询 #${input.consultationId}）`;
    const note = input.note ? `\n【转办说明】${input.note}` : '';
    let account = input.transcript + note;
    if (account.length > MAX_ACCOUNT) account = account.slice(0, MAX_ACCOUNT - tail.length - 1) + '…' + tail;
    const phone = input.contactPhone ?? undefined;
    const report: ReportCreateParsed = {
      kind: 'help',
      // The guardian is known (signed in with WeChat) but gave no name: not anonymous, no name.
      anonymous: false,
      orgId: input.orgId,
      situations: [],
      situationOther: undefined,
      triggers: [],
      account,
      place: undefined,
      occurredAt: undefined,
      child: { name: input.child?.name || undefined, sex: input.child?.sex, age: input.child?.age, address: undefined, phone: undefined },
      guardian: { name: undefined, relation: undefined, phone },
      perpetrator: { name: undefined, relation: undefined, address: undefined, phone: undefined },
      childState: { physical: undefined, mental: undefined, behaviour: undefined, view: undefined },
      reporter: { name: undefined, phone, identity: 'guardian', identityNote: undefined },
      method: 'wechat',
      methodNote: `由政策咨询#${input.consultationId}转入`,
      reportedAt: input.askedAt,
      attachments: [],
      documents: [],
    };
    const { created } = await reports.create(report, { actor, idempotencyKey: `consultation-${input.consultationId}-help`, tx });
    return { refId: String(created.id), label: `求助 #${created.id}` };
  };
}

/**
 * 咨询 → 个案: the case flow opens a 求助案例 for the consultation inside the conversion's
 * transaction (idempotent per consultation); the thread goes into the case's opening entry.
 */
export function caseConverter(cases: Pick<CasesService, 'openFromConsultation'>): Converter {
  return async (actor, input, tx) => {
    const note = [input.note ? `【转办说明】${input.note}` : '', input.transcript].filter(Boolean).join('\n');
    const opened = await cases.openFromConsultation(
      actor,
      {
        consultationId: input.consultationId,
        orgId: input.orgId,
        kind: 'help',
        askedAt: input.askedAt,
        child: { name: input.child?.name || undefined, sex: input.child?.sex, age: input.child?.age },
        note,
      },
      tx,
    );
    return { refId: String(opened.caseId), label: `个案 ${opened.caseCode}` };
  };
}

import { ChildSex, MandatorySituation, RiskLevel, formatDateTime, type TaskBrief } from '@wbt/shared';
import type { CaseKit } from './cases.kit';
import { casesRepo } from './cases.repo';

const clean = (s: string | undefined | null): string | null => (s && s.trim() ? s.trim() : null);

/**
 * The brief a case's task carries to the visitor: the reports' accounts, the child and guardian as
 * known (the case's record first, then the reports), the place, the risk and why it is urgent.
 * The reporter's identity is never part of it. The tasks module checks the caller may see the task.
 */
export class CaseBriefs {
  constructor(private readonly k: CaseKit) {}

  async forTask(caseId: number, task: { kind: string; dueAt: Date }): Promise<TaskBrief | null> {
    const row = await casesRepo.byId(this.k.db, caseId);
    if (!row) return null;
    const child = this.k.openChild(row.childEnc);
    const triage = await casesRepo.reportsOfCase(this.k.db, row.id);
    const reports = await this.k.reports.contentsOf(triage.map((t) => t.reportId));
    const first = <T>(pick: (c: (typeof reports)[number]['content']) => T | undefined | null): T | null => {
      for (const r of reports) {
        const v = pick(r.content);
        if (v !== undefined && v !== null && v !== '') return v;
      }
      return null;
    };
    const g = reports.find((r) => r.content.guardian && (r.content.guardian.name || r.content.guardian.relation || r.content.guardian.phone))?.content.guardian;
    const address = clean(child?.address) ?? clean(first((c) => c.child?.address));
    const place = clean(first((c) => c.place));
    const sex = child?.sex ?? first((c) => c.child?.sex);
    const seriousVisit = row.serious && task.kind === 'first_visit';
    return {
      caseCode: row.code,
      serious: row.serious,
      riskLabel: row.riskLevel ? RiskLevel.label(row.riskLevel) : null,
      urgency: seriousVisit
        ? `严重侵害：须在报告后24小时内首次入户（${formatDateTime(task.dueAt)}前），核实孩子是否安全，必要时立即报警`
        : row.riskLevel === 'high'
          ? '高风险：孩子可能仍处于危险中，请尽快入户'
          : null,
      situations: [...new Set(reports.flatMap((r) => r.content.situations))].map((s) => MandatorySituation.label(s)),
      accounts: reports.map((r) => ({ receivedAt: r.receivedAt.toISOString(), text: r.content.account, occurredAt: r.content.occurredAt ?? null })),
      place,
      child: {
        name: clean(child?.name) ?? clean(first((c) => c.child?.name)),
        sex: sex ? ChildSex.label(sex) : null,
        age: child?.age ?? first((c) => c.child?.age) ?? null,
        address,
        phone: clean(first((c) => c.child?.phone)),
      },
      guardian: g ? { name: clean(g.name), relation: clean(g.relation), phone: clean(g.phone) } : null,
      perpetratorRelation: clean(first((c) => c.perpetrator?.relation)),
      locationKnown: !!(address || place),
    };
  }
}

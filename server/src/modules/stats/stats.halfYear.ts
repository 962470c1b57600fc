import { chinaDate, formatDate, halfYearRange, type HalfYearQuery, type Stats } from '@wbt/shared';
import type { Actor } from '../../http/actor';
import type { Clock } from '../../lib/clock';
import { fillDocx } from '../../lib/docxTemplate';
import type { AuditService } from '../audit/audit.service';
import type { StatsService } from './stats.service';

export interface HalfYearReport {
  periodLabel: string;
  stats: Stats;
}

const hours = (h: number | null) => (h === null ? '—（本期无）' : h < 48 ? `${h}小时` : `${Math.round((h / 24) * 10) / 10}天`);

/**
 * The half-year work report (seed 003: 每半年向镇未成年人保护工作领导小组进行汇报): the statistics of the
 * half-year, as a page and as a Word file filled from the editable template server/templates/half-year-report.docx.
 */
export class HalfYearReports {
  constructor(
    private readonly clock: Clock,
    private readonly stats: StatsService,
    private readonly audit: AuditService,
  ) {}

  async data(actor: Actor, q: HalfYearQuery): Promise<HalfYearReport> {
    const range = halfYearRange(q.year, q.half);
    const stats = await this.stats.forNode(actor, { orgId: q.orgId, from: range.from, to: range.to });
    return { periodLabel: range.label, stats };
  }

  async docx(actor: Actor, q: HalfYearQuery): Promise<{ filename: string; data: Buffer }> {
    const { periodLabel, stats: s } = await this.data(actor, q);
    const data = fillDocx('half-year-report.docx', {
      orgName: s.orgName,
      orgKind: s.orgName.endsWith('村') || s.orgName.endsWith('社区') ? '村' : s.orgName.endsWith('镇') || s.orgName.endsWith('街道') ? '镇' : '县',
      periodLabel,
      from: formatDate(new Date(`${s.from}T12:00:00+08:00`)),
      to: formatDate(new Date(`${s.to}T12:00:00+08:00`)),
      today: formatDate(new Date(`${chinaDate(this.clock.now())}T12:00:00+08:00`)),
      ...s.kpi,
      overdue: s.kpi.overdueClocks,
      bySource: s.reportsBySource,
      byCategory: s.reportsByCategory,
      delay: s.reportingDelay,
      visitsByMonth: s.visitsByMonth.map((m) => ({ ...m, month: `${Number(m.month.slice(5))}月` })),
      ackMedian: hours(s.durations.acknowledge.medianHours),
      visitMedian: hours(s.durations.firstVisit.medianHours),
      closeMedian: hours(s.durations.closing.medianHours),
    });
    await this.audit.record({ actor, action: 'stats.half_year_export', targetType: 'org', targetId: q.orgId ?? actor.orgId ?? 0, orgId: q.orgId ?? actor.orgId, result: 'ok', detail: { year: q.year, half: q.half, orgId: q.orgId ?? null } });
    return { filename: `${s.orgName}${periodLabel}工作情况报告.docx`, data };
  }
}

import {
  CaseStatus,
  chinaDate,
  delayBucket,
  DelayBucket,
  IntakeCategory,
  ReportMethod,
  RiskTier,
  type LedgerFilter,
  type Stats,
} from '@wbt/shared';
import type { Db } from '../../db/client';
import type { Actor } from '../../http/actor';
import type { Clock } from '../../lib/clock';
import type { FieldCrypto } from '../../lib/fieldCrypto';
import type { UsersService } from '../auth/users.service';
import { casesLedgerRepo } from '../cases/cases.ledger';
import type { LedgersService } from '../ledgers/ledgers.service';
import type { ResolvedScope } from '../ledgers/ledgers.scope';
import { reportsLedgerRepo, type ReportLedgerRow } from '../reports/reports.ledger';
import type { ReportContent } from '../reports/reports.types';
import { tasksLedgerRepo } from '../tasks/tasks.ledger';
import { visitsLedgerRepo } from '../visits/visits.ledger';

type Bar = { key: string; label: string; value: number };
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const PAGE = 1000;

/** Months (YYYY-MM) from one China date to another, both inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > end) break;
    out.push(key);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/**
 * The China calendar date of a report's 发生时间: an ISO date-time from the picker, or (reports made
 * before the picker) free text that names a date (2026-03-02, 2026年3月2日, 2026/3/2).
 */
export function occurredDate(text: string | undefined | null): string | null {
  if (text && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) && /(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const at = new Date(text);
    if (!Number.isNaN(at.getTime())) return chinaDate(at);
  }
  const m = text?.match(/(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})/);
  if (!m) return null;
  const ymd = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return Number.isNaN(new Date(`${ymd}T00:00:00Z`).getTime()) ? null : ymd;
}

function duration(hours: number[]): { count: number; avgHours: number | null; medianHours: number | null } {
  if (!hours.length) return { count: 0, avgHours: null, medianHours: null };
  const sorted = [...hours].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const round = (x: number) => Math.round(x * 10) / 10;
  return { count: hours.length, avgHours: round(hours.reduce((a, b) => a + b, 0) / hours.length), medianHours: round(median) };
}

const bars = (labels: Record<string, string>, counts: Map<string, number>, keepZero = true): Bar[] =>
  Object.entries(labels)
    .map(([key, label]) => ({ key, label, value: counts.get(key) ?? 0 }))
    .filter((b) => keepZero || b.value > 0);
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/**
 * The station's and county's statistics for a node and period. Every count a roster also lists is
 * computed from the roster's own source (the same repos, filters and rows), so the two agree exactly.
 */
export class StatsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly crypto: FieldCrypto,
    private readonly users: UsersService,
    private readonly ledgers: LedgersService,
  ) {}

  /** Without a period: 1 January of this year to today (China time). */
  defaultPeriod(f: LedgerFilter): LedgerFilter & { from: string; to: string } {
    const today = chinaDate(this.clock.now());
    return { ...f, from: f.from ?? `${(f.to ?? today).slice(0, 4)}-01-01`, to: f.to ?? today };
  }

  async forNode(actor: Actor, filter: LedgerFilter): Promise<Stats> {
    const f = this.defaultPeriod(filter);
    const s = await this.ledgers.scope(actor, f);
    const months = monthsBetween(f.from, f.to);
    const src = this.ledgers.sources;
    const [leftBehind, plight, orphans, casesOpened, visits, referrals, casesArchived] = await Promise.all([
      src.count('left_behind', s),
      src.count('plight', s),
      src.count('orphans', s),
      src.count('protection', s),
      src.count('visits', s),
      src.count('referrals', s),
      casesLedgerRepo.archivedCount(this.db, s),
    ]);
    const reports = await this.reportFigures(s, months);
    const open = await this.openCases(s);
    const overdue = await this.overdue(s);
    const durations = await this.caseDurations(s);
    return {
      orgName: s.orgName,
      period: s.periodText,
      from: f.from,
      to: f.to,
      kpi: { reports: reports.total, casesOpened, casesOpen: open.total, casesArchived, visits, referrals, leftBehind, plight, orphans, overdueClocks: overdue.total },
      reportsBySource: reports.bySource,
      reportsByCategory: reports.byCategory,
      reportsByMonth: reports.byMonth,
      openCasesByRisk: open.byRisk,
      openCasesByStep: open.byStep,
      overdueByVillage: overdue.byVillage,
      overdueByPerson: overdue.byPerson,
      visitsByMonth: await this.visitsByMonth(s, months),
      reportingDelay: reports.delay,
      durations: { acknowledge: reports.ack, ...durations },
    };
  }

  /** One pass over the period's reports (the reception ledger's rows): source, category, month, delay, acknowledgement. */
  private async reportFigures(s: ResolvedScope, months: string[]) {
    const bySource = new Map<string, number>();
    const byCategory = new Map<string, number>();
    const byMonth = new Map<string, number>();
    const delay = new Map<string, number>();
    const ack: number[] = [];
    let total = 0;
    let after: { at: Date; id: number } | null = null;
    for (;;) {
      const rows: ReportLedgerRow[] = s.orgIds.length ? await reportsLedgerRepo.page(this.db, s, after, PAGE) : [];
      for (const r of rows) {
        total += 1;
        bump(bySource, r.method);
        bump(byCategory, r.category ?? 'untriaged');
        bump(byMonth, chinaDate(r.receivedAt).slice(0, 7));
        const content = JSON.parse(this.crypto.decrypt(r.contentEnc)) as ReportContent;
        const occurred = occurredDate(content.occurredAt);
        const days = occurred ? Math.round((Date.parse(`${chinaDate(r.reportedAt)}T00:00:00Z`) - Date.parse(`${occurred}T00:00:00Z`)) / DAY) : null;
        bump(delay, delayBucket(days));
        if (r.triagedAt) ack.push((r.triagedAt.getTime() - r.receivedAt.getTime()) / HOUR);
      }
      if (rows.length < PAGE) break;
      const last = rows[rows.length - 1];
      after = { at: last.receivedAt, id: last.id };
    }
    return {
      total,
      bySource: bars(ReportMethod.labels, bySource),
      byCategory: bars({ ...IntakeCategory.labels, untriaged: '未分类' }, byCategory),
      byMonth: months.map((m) => ({ key: m, label: `${Number(m.slice(5))}月`, value: byMonth.get(m) ?? 0 })),
      delay: bars(DelayBucket.labels, delay),
      ack: duration(ack),
    };
  }

  private async openCases(s: ResolvedScope) {
    const rows = s.orgIds.length ? await casesLedgerRepo.openByRiskAndStatus(this.db, s.orgIds) : [];
    const byRisk = new Map<string, number>();
    const byStep = new Map<string, number>();
    let total = 0;
    for (const r of rows) {
      total += r.n;
      byRisk.set(r.risk ?? 'unassessed', (byRisk.get(r.risk ?? 'unassessed') ?? 0) + r.n);
      byStep.set(r.status, (byStep.get(r.status) ?? 0) + r.n);
    }
    const steps = Object.fromEntries(Object.entries(CaseStatus.labels).filter(([k]) => k !== 'archived'));
    return { total, byRisk: bars({ ...RiskTier.labels, unassessed: '未评估' }, byRisk), byStep: bars(steps, byStep) };
  }

  private async overdue(s: ResolvedScope) {
    const rows = s.orgIds.length ? await casesLedgerRepo.overdueClocks(this.db, s.orgIds, s.now) : [];
    const byVillage = new Map<string, number>();
    const byPerson = new Map<string, number>();
    for (const r of rows) {
      bump(byVillage, r.villageId ? String(r.villageId) : `t${r.townshipId}`);
      bump(byPerson, r.ownerUserId ? String(r.ownerUserId) : 'pool');
    }
    const names = await this.users.names(rows.map((r) => r.ownerUserId).filter((x): x is number => x !== null));
    const label = (k: string) => (k.startsWith('t') ? `${s.orgNames.get(Number(k.slice(1))) ?? ''}（未指定村）` : (s.orgNames.get(Number(k)) ?? ''));
    const sorted = (m: Map<string, number>, name: (k: string) => string): Bar[] =>
      [...m.entries()].map(([key, value]) => ({ key, label: name(key), value })).sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
    return {
      total: rows.length,
      byVillage: sorted(byVillage, label),
      byPerson: sorted(byPerson, (k) => (k === 'pool' ? '乡镇督导员（未指定）' : (names.get(Number(k)) ?? ''))),
    };
  }

  private async caseDurations(s: ResolvedScope) {
    const rows = s.orgIds.length ? await casesLedgerRepo.timings(this.db, s) : [];
    const visit: number[] = [];
    const closing: number[] = [];
    for (const r of rows) {
      if (r.firstVisitAt) visit.push((new Date(r.firstVisitAt).getTime() - r.firstReportedAt.getTime()) / HOUR);
      if (r.archivedAt) closing.push((r.archivedAt.getTime() - r.firstReportedAt.getTime()) / HOUR);
    }
    return { firstVisit: duration(visit), closing: duration(closing) };
  }

  private async visitsByMonth(s: ResolvedScope, months: string[]) {
    const from = s.from!;
    const to = s.toExclusive!;
    const plan = new Map((await tasksLedgerRepo.planByMonth(this.db, s.orgIds, from, to)).map((r) => [r.month, r]));
    const done = new Map(s.orgIds.length ? (await visitsLedgerRepo.byMonth(this.db, s)).map((r) => [r.month, Number(r.n)]) : []);
    return months.map((month) => ({ month, due: plan.get(month)?.due ?? 0, covered: plan.get(month)?.covered ?? 0, visits: done.get(month) ?? 0 }));
  }
}

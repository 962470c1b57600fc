import { chinaDate } from './calendar';

/**
 * Calendar clocks of the child file, in China time: the national-system updates are owed once per
 * calendar month (seed 001 §三.2 每月更新全国儿童福利信息系统) and once per quarter (seed 003 #23), and
 * the monthly visit of a left-behind or vulnerable child counts per calendar month (seed 001 每月走访),
 * not as a rolling 30 days.
 */

/** 'YYYY-MM' of an instant in China. */
export const chinaMonth = (at: Date): string => chinaDate(at).slice(0, 7);

/** The instant a China calendar month starts ('YYYY-MM'), with an offset in months. */
export function monthStart(month: string, plusMonths = 0): Date {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + plusMonths;
  const first = new Date(Date.UTC(y, m, 1));
  return new Date(`${first.toISOString().slice(0, 10)}T00:00:00+08:00`);
}

/** First month of the quarter a month is in. */
const quarterOf = (month: string): string => {
  const m = Number(month.slice(5, 7));
  return `${month.slice(0, 4)}-${String(m - ((m - 1) % 3)).padStart(2, '0')}`;
};

export interface NationalSystemClock {
  /** The first entry: due 5 working days after the file (null once entered). */
  entryDueAt: string | null;
  entryOverdue: boolean;
  /** End of this calendar month / quarter (the last instant of it is this minus 1 ms). */
  monthDueAt: string;
  updatedThisMonth: boolean;
  /** The previous calendar month passed with neither entry nor update (after the file was entered). */
  monthOverdue: boolean;
  quarterDueAt: string;
  updatedThisQuarter: boolean;
  quarterOverdue: boolean;
}

export function nationalSystemClock(f: { entryDueAt: Date | null; enteredAt: Date | null; updatedAt: Date | null }, now: Date): NationalSystemClock {
  const month = chinaMonth(now);
  const quarter = quarterOf(month);
  const last = [f.enteredAt, f.updatedAt].filter((d): d is Date => !!d).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  const thisMonth = monthStart(month);
  const thisQuarter = monthStart(quarter);
  return {
    entryDueAt: f.enteredAt ? null : (f.entryDueAt?.toISOString() ?? null),
    entryOverdue: !f.enteredAt && !!f.entryDueAt && f.entryDueAt < now,
    monthDueAt: monthStart(month, 1).toISOString(),
    updatedThisMonth: !!last && last >= thisMonth,
    monthOverdue: !!last && last < monthStart(month, -1),
    quarterDueAt: monthStart(quarter, 3).toISOString(),
    updatedThisQuarter: !!last && last >= thisQuarter,
    quarterOverdue: !!last && last < monthStart(quarter, -3),
  };
}

/**
 * Per calendar month from `fromMonth` to `toMonth` ('YYYY-MM', inclusive): whether at least one visit
 * fell in it. A visit on 1 October and one on 30 November leave October and November covered, even
 * though 60 days separate them; one on 31 October and one on 1 December leave November uncovered.
 */
export function monthlyVisitCoverage(visits: readonly Date[], fromMonth: string, toMonth: string): { month: string; visited: boolean }[] {
  const seen = new Set(visits.map(chinaMonth));
  const out: { month: string; visited: boolean }[] = [];
  for (let i = 0; i < 240; i++) {
    const m = chinaMonth(monthStart(fromMonth, i));
    if (m > toMonth) break;
    out.push({ month: m, visited: seen.has(m) });
  }
  return out;
}

import { isWorkday } from 'chinese-days';

/** China Standard Time is UTC+8 all year (no daylight saving). */
const CST_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** The calendar date (YYYY-MM-DD) of an instant in China. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Official working day in China: weekdays minus public holidays, plus 调休 make-up days. */
export function isWorkingDay(at: Date): boolean {
  return isWorkday(chinaDate(at));
}

export const addHours = (from: Date, hours: number): Date => new Date(from.getTime() + hours * 3600 * 1000);
export const addDays = (from: Date, days: number): Date => new Date(from.getTime() + days * DAY_MS);

/** The instant a China calendar day begins (00:00 Beijing time). */
export function startOfChinaDay(at: Date): Date {
  return new Date(Math.floor((at.getTime() + CST_OFFSET_MS) / DAY_MS) * DAY_MS - CST_OFFSET_MS);
}

/**
 * When a time limit of `n` working days started at `from` runs out: at 24:00 (Beijing time) of the
 * n-th working day after the start day. The start day itself is not counted (民法典 第二百零一条),
 * and the limit ends at 24:00 of its last day (第二百零三条); weekends and public holidays are skipped
 * and 调休 make-up days count. A clock begun Friday 10:00 with n = 3 runs out at the end of
 * Wednesday, i.e. Thursday 00:00. The answer is the instant 24:00 stands for (the next day's 00:00).
 */
export function addWorkingDays(from: Date, n: number): Date {
  if (n <= 0) return new Date(from);
  let day = startOfChinaDay(from);
  let counted = 0;
  while (counted < n) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) counted += 1;
  }
  return addDays(day, 1);
}

/** Whole working days from `from` to `to` (0 when `to` is not later). */
export function workingDaysBetween(from: Date, to: Date): number {
  let count = 0;
  for (let at = addDays(from, 1); at <= to; at = addDays(at, 1)) if (isWorkingDay(at)) count += 1;
  return count;
}

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

/**
 * The instant `n` working days after `from`, at the same time of day: a clock started on Friday
 * 10:00 with n = 5 runs out the next Friday 10:00, skipping weekends and holidays and counting
 * 调休 Saturdays. A clock started on a non-working day counts from its first working day.
 */
export function addWorkingDays(from: Date, n: number): Date {
  if (n <= 0) return new Date(from);
  let at = new Date(from);
  if (!isWorkingDay(at)) {
    // Started on a rest day: the clock starts at the beginning of the next working day.
    const startOfDayCst = Math.floor((at.getTime() + CST_OFFSET_MS) / DAY_MS) * DAY_MS - CST_OFFSET_MS;
    at = new Date(startOfDayCst);
    do at = addDays(at, 1);
    while (!isWorkingDay(at));
  }
  let counted = 0;
  while (counted < n) {
    at = addDays(at, 1);
    if (isWorkingDay(at)) counted += 1;
  }
  return at;
}

/** Whole working days from `from` to `to` (0 when `to` is not later). */
export function workingDaysBetween(from: Date, to: Date): number {
  let count = 0;
  for (let at = addDays(from, 1); at <= to; at = addDays(at, 1)) if (isWorkingDay(at)) count += 1;
  return count;
}

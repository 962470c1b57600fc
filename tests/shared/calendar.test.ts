import { addWorkingDays, chinaDate, isWorkingDay, mergeSla, workingDaysBetween } from '@wbt/shared';

// Instants are given in China time (+08:00) to read like the calendar.
const cst = (s: string) => new Date(`${s}+08:00`);

describe('China working-day calendar', () => {
  it('knows weekends, public holidays and 调休 make-up Saturdays (2026 National Day)', () => {
    expect(isWorkingDay(cst('2026-09-30T10:00:00'))).toBe(true); // Wednesday
    expect(isWorkingDay(cst('2026-10-01T10:00:00'))).toBe(false); // 国庆节
    expect(isWorkingDay(cst('2026-10-07T10:00:00'))).toBe(false); // still the holiday (Wednesday)
    expect(isWorkingDay(cst('2026-10-10T10:00:00'))).toBe(true); // 调休 Saturday
    expect(isWorkingDay(cst('2026-10-11T10:00:00'))).toBe(false); // Sunday
  });

  it('uses the date in China, not in UTC', () => {
    // 2026-10-08 00:30 in China is still 2026-10-07 in UTC (a holiday there).
    expect(chinaDate(cst('2026-10-08T00:30:00'))).toBe('2026-10-08');
    expect(isWorkingDay(cst('2026-10-08T00:30:00'))).toBe(true);
  });

  it('adds working days across a weekend', () => {
    // Friday + 5 working days = next Friday, same time.
    expect(addWorkingDays(cst('2026-11-06T10:00:00'), 5)).toEqual(cst('2026-11-13T10:00:00'));
  });

  it('adds working days across the National Day holiday and its 调休 Saturday', () => {
    // 09-30 (Wed) +1 → 10-08 (Thu), +2 → 10-09 (Fri), +3 → 10-10 (调休 Sat), +4 → 10-12 (Mon), +5 → 10-13.
    expect(addWorkingDays(cst('2026-09-30T16:00:00'), 1)).toEqual(cst('2026-10-08T16:00:00'));
    expect(addWorkingDays(cst('2026-09-30T16:00:00'), 3)).toEqual(cst('2026-10-10T16:00:00'));
    expect(addWorkingDays(cst('2026-09-30T16:00:00'), 5)).toEqual(cst('2026-10-13T16:00:00'));
  });

  it('starts a clock begun on a rest day at the next working day', () => {
    // Saturday 2026-11-07 → counting starts Monday 11-09 00:00; 3 working days → Thursday 11-12 00:00.
    expect(addWorkingDays(cst('2026-11-07T15:00:00'), 3)).toEqual(cst('2026-11-12T00:00:00'));
  });

  it('counts working days between two instants', () => {
    expect(workingDaysBetween(cst('2026-09-30T10:00:00'), cst('2026-10-12T10:00:00'))).toBe(4);
  });
});

describe('SLA settings', () => {
  it('merges a county override over the seed defaults', () => {
    const sla = mergeSla({ ackHours: 12, visitIntervalDays: { high: 5 } });
    expect(sla.ackHours).toBe(12);
    expect(sla.visitIntervalDays).toEqual({ high: 5, medium: 14, low: 30 });
    expect(sla.fileConfirmWorkingDays).toBe(5);
    expect(sla.seriousFirstVisitHours).toBe(24);
  });
});

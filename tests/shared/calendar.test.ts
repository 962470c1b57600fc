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

  it('ends a working-day limit at 24:00 of its last working day, the start day not counted', () => {
    // Friday + 5 working days: Mon..Fri of the next week, so the limit ends at 24:00 next Friday.
    expect(addWorkingDays(cst('2026-11-06T10:00:00'), 5)).toEqual(cst('2026-11-14T00:00:00'));
    // The time of day the clock started does not matter: 00:01 and 23:59 end at the same moment.
    expect(addWorkingDays(cst('2026-11-06T00:01:00'), 5)).toEqual(addWorkingDays(cst('2026-11-06T23:59:00'), 5));
  });

  // [start (Beijing), n, the last working day counted (its 24:00 is the deadline)]
  const table: [string, number, string][] = [
    // 国庆 2026: 10-01..10-07 off, 10-10 (Saturday) is a 调休 working day.
    ['2026-09-30T16:00:00', 1, '2026-10-08'],
    ['2026-09-30T16:00:00', 3, '2026-10-10'],
    ['2026-09-30T16:00:00', 5, '2026-10-13'],
    ['2026-09-29T09:00:00', 3, '2026-10-09'], // 09-30, then 10-08 and 10-09
    ['2026-10-01T08:00:00', 1, '2026-10-08'], // started on the holiday
    ['2026-10-07T23:00:00', 3, '2026-10-10'],
    ['2026-10-09T12:00:00', 1, '2026-10-10'], // the 调休 Saturday counts
    ['2026-10-10T12:00:00', 1, '2026-10-12'], // started on the 调休 Saturday: Sunday skipped
    // 春节 2026: 02-15..02-23 off, 02-14 and 02-28 (Saturdays) are 调休 working days.
    ['2026-02-12T10:00:00', 1, '2026-02-13'],
    ['2026-02-12T10:00:00', 2, '2026-02-14'],
    ['2026-02-12T10:00:00', 3, '2026-02-24'],
    ['2026-02-13T18:00:00', 3, '2026-02-25'],
    ['2026-02-14T09:00:00', 1, '2026-02-24'], // started on the 调休 Saturday
    ['2026-02-18T09:00:00', 5, '2026-02-28'], // started in the holiday; the 调休 Saturday is the 5th
    ['2026-02-24T09:00:00', 5, '2026-03-02'], // 02-25..02-28 (Sat, 调休) and 03-02; Sunday 03-01 skipped
    // An ordinary weekend.
    ['2026-11-07T15:00:00', 3, '2026-11-11'], // Saturday start → Mon, Tue, Wed
  ];
  it.each(table)('from %s plus %d working days ends at 24:00 of %s', (start, n, lastDay) => {
    const due = addWorkingDays(cst(start), n);
    expect(due).toEqual(new Date(new Date(`${lastDay}T00:00:00+08:00`).getTime() + 86_400_000));
    expect(isWorkingDay(cst(`${lastDay}T12:00:00`))).toBe(true);
    expect(chinaDate(new Date(due.getTime() - 1))).toBe(lastDay);
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

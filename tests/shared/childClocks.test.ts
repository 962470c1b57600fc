import { monthlyVisitCoverage, monthStart, nationalSystemClock } from '@wbt/shared';

const cst = (s: string) => new Date(`${s}+08:00`);

describe('calendar clocks of the child file', () => {
  it('month starts are China midnight, across a year end', () => {
    expect(monthStart('2026-12').toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(monthStart('2026-12', 1).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(monthStart('2026-01', -1).toISOString()).toBe('2025-11-30T16:00:00.000Z');
  });

  it.each([
    // [visits, from, to, uncovered months]
    [['2026-10-01T09:00:00', '2026-11-30T18:00:00'], '2026-10', '2026-11', []],
    [['2026-10-31T18:00:00', '2026-12-01T09:00:00'], '2026-10', '2026-12', ['2026-11']],
    // 23:30 on 31 October China time is still October (15:30 UTC).
    [['2026-10-31T23:30:00'], '2026-10', '2026-11', ['2026-11']],
    [[], '2026-11', '2027-01', ['2026-11', '2026-12', '2027-01']],
  ] as [string[], string, string, string[]][])('monthly coverage %#', (visits, from, to, uncovered) => {
    const cov = monthlyVisitCoverage(visits.map(cst), from, to);
    expect(cov.filter((c) => !c.visited).map((c) => c.month)).toEqual(uncovered);
  });

  it('national system: entry clock, then monthly and quarterly updates by calendar period', () => {
    const entryDueAt = cst('2026-10-13T10:00:00');
    const pending = nationalSystemClock({ entryDueAt, enteredAt: null, updatedAt: null }, cst('2026-10-14T09:00:00'));
    expect(pending).toMatchObject({ entryDueAt: entryDueAt.toISOString(), entryOverdue: true, updatedThisMonth: false, monthOverdue: false });

    const entered = { entryDueAt, enteredAt: cst('2026-10-12T10:00:00'), updatedAt: null };
    expect(nationalSystemClock(entered, cst('2026-10-20T09:00:00'))).toMatchObject({ entryDueAt: null, entryOverdue: false, updatedThisMonth: true, updatedThisQuarter: true });
    // November: not updated yet this month, but October was covered.
    expect(nationalSystemClock(entered, cst('2026-11-20T09:00:00'))).toMatchObject({ updatedThisMonth: false, monthOverdue: false, monthDueAt: monthStart('2026-12').toISOString() });
    // December: November passed with no update.
    expect(nationalSystemClock(entered, cst('2026-12-01T09:00:00'))).toMatchObject({ monthOverdue: true, updatedThisQuarter: true, quarterOverdue: false });
    // Next quarter: Q4 was covered, Q1 runs.
    expect(nationalSystemClock(entered, cst('2027-01-05T09:00:00'))).toMatchObject({ updatedThisQuarter: false, quarterOverdue: false, quarterDueAt: monthStart('2027-04').toISOString() });
    expect(nationalSystemClock(entered, cst('2027-04-05T09:00:00'))).toMatchObject({ quarterOverdue: true });
  });
});

import { CLOCK_RULES, clockDueAt, clockLengthLabel, DEFAULT_SLA, describeAge, describeDue, followUpIntervalDays, mergeSla } from '@wbt/shared';

// Instants in China time (+08:00), to read like the wall calendar.
const cst = (s: string) => new Date(`${s}+08:00`);

describe('SLA clocks of the case flow', () => {
  it('acknowledgement: 24 calendar hours, also across the National Day holiday', () => {
    expect(clockDueAt('ack', cst('2026-09-30T20:00:00'), DEFAULT_SLA)).toEqual(cst('2026-10-01T20:00:00'));
  });

  it('serious harm first visit (seed 002 §5.2): 24 hours of the report, not paused by a weekend or holiday', () => {
    expect(clockDueAt('first_visit', cst('2026-11-06T18:30:00'), DEFAULT_SLA)).toEqual(cst('2026-11-07T18:30:00')); // Fri → Sat
    expect(clockDueAt('first_visit', cst('2026-10-03T09:00:00'), DEFAULT_SLA)).toEqual(cst('2026-10-04T09:00:00')); // inside 国庆
  });

  it('first answer to the reporter: 3 working days across a weekend', () => {
    // Friday 10:00 → Mon (1), Tue (2), Wed (3); ends at Wednesday 24:00.
    expect(clockDueAt('first_answer', cst('2026-11-06T10:00:00'), DEFAULT_SLA)).toEqual(cst('2026-11-12T00:00:00'));
  });

  it('first answer across 国庆 2026 counts the 调休 working Saturday 10-10', () => {
    // Wed 09-30 16:00 → 10-01..10-07 holiday → Thu 10-08 (1), Fri 10-09 (2), Sat 10-10 调休 (3).
    expect(clockDueAt('first_answer', cst('2026-09-30T16:00:00'), DEFAULT_SLA)).toEqual(cst('2026-10-11T00:00:00'));
  });

  it('first answer across 中秋 2026 (Fri 09-25 a holiday) and into the week before 国庆', () => {
    // Thu 09-24 10:00 → 09-25..09-27 rest → Mon 09-28 (1), Tue (2), Wed 09-30 (3).
    expect(clockDueAt('first_answer', cst('2026-09-24T10:00:00'), DEFAULT_SLA)).toEqual(cst('2026-10-01T00:00:00'));
  });

  it('first answer counts the 调休 working Sunday 09-20', () => {
    // Fri 09-18 10:00 → Sun 09-20 is a working day (1), Mon 09-21 (2), Tue 09-22 (3).
    expect(clockDueAt('first_answer', cst('2026-09-18T10:00:00'), DEFAULT_SLA)).toEqual(cst('2026-09-23T00:00:00'));
  });

  it('a report received on a holiday starts its working-day clock on the first working day', () => {
    // Received Sat 10-03 (holiday) → 10-08 (1), 10-09 (2), 10-10 调休 (3) → ends 10-10 24:00.
    expect(clockDueAt('first_answer', cst('2026-10-03T15:00:00'), DEFAULT_SLA)).toEqual(cst('2026-10-11T00:00:00'));
  });

  it('referral stale after 14 calendar days; follow-up on the assessment plan', () => {
    expect(clockDueAt('referral_stale', cst('2026-09-28T09:00:00'), DEFAULT_SLA)).toEqual(cst('2026-10-12T09:00:00'));
    expect(clockDueAt('follow_up', cst('2026-09-28T09:00:00'), DEFAULT_SLA, followUpIntervalDays('high', DEFAULT_SLA))).toEqual(cst('2026-10-05T09:00:00'));
    expect(followUpIntervalDays('medium', DEFAULT_SLA)).toBe(14);
    expect(followUpIntervalDays('low', DEFAULT_SLA)).toBe(30);
    expect(followUpIntervalDays('low', DEFAULT_SLA, 10)).toBe(10);
  });

  it('follows per-county settings', () => {
    const sla = mergeSla({ ackHours: 12, firstAnswerDays: 5, referralStaleDays: 7 });
    expect(clockDueAt('ack', cst('2026-11-02T08:00:00'), sla)).toEqual(cst('2026-11-02T20:00:00'));
    expect(clockDueAt('first_answer', cst('2026-11-02T08:00:00'), sla)).toEqual(cst('2026-11-10T00:00:00'));
    expect(clockDueAt('referral_stale', cst('2026-11-02T08:00:00'), sla)).toEqual(cst('2026-11-09T08:00:00'));
    expect(clockLengthLabel('first_answer', sla)).toBe('5个工作日');
    expect(clockLengthLabel('ack', DEFAULT_SLA)).toBe('24小时');
  });

  it('names the seed behind each clock', () => {
    expect(CLOCK_RULES.first_visit.source).toContain('§5.2');
    expect(Object.keys(CLOCK_RULES).sort()).toEqual(['ack', 'first_answer', 'first_visit', 'follow_up', 'outcome_answer', 'referral_stale']);
  });

  it('describes ages and remaining time in Chinese', () => {
    const now = cst('2026-11-02T10:00:00');
    expect(describeAge(cst('2026-11-02T09:59:40'), now)).toBe('刚刚');
    expect(describeAge(cst('2026-11-02T07:00:00'), now)).toBe('3小时前');
    expect(describeAge(cst('2026-10-30T10:00:00'), now)).toBe('3天前');
    expect(describeDue(cst('2026-11-02T15:00:00'), now)).toEqual({ overdue: false, text: '剩余5小时' });
    expect(describeDue(cst('2026-11-02T09:30:00'), now)).toEqual({ overdue: true, text: '已超时30分钟' });
  });
});

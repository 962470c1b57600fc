import {
  beijingDateInput,
  formatDeadline,
  beijingTimeInput,
  dueText,
  formatDate,
  formatDateTime,
  formatDateWeekday,
  formatTime,
  fromBeijingInput,
  formatReceiptCode,
  normalizeReceiptCode,
} from '@wbt/shared';

describe('one date format, in Beijing time', () => {
  // 16:30 UTC on 1 March is half past midnight on 2 March in Beijing: a phone or server in UTC (or
  // anywhere else) must still show 2 March.
  const lateEvening = new Date('2026-03-01T16:30:00Z');

  it('formats dates and times in Beijing whatever the host zone', () => {
    expect(formatDate(lateEvening)).toBe('2026年3月2日');
    expect(formatTime(lateEvening)).toBe('00:30');
    expect(formatDateTime(lateEvening)).toBe('2026年3月2日 00:30');
    expect(formatDateTime(lateEvening.toISOString())).toBe('2026年3月2日 00:30');
    expect(formatDateWeekday(lateEvening)).toBe('2026年3月2日（星期一）');
  });

  it('round-trips picker values', () => {
    expect(beijingDateInput(lateEvening)).toBe('2026-03-02');
    expect(beijingTimeInput(lateEvening)).toBe('00:30');
    expect(fromBeijingInput('2026-03-02', '00:30').toISOString()).toBe(lateEvening.toISOString());
    expect(fromBeijingInput('2026-03-02').toISOString()).toBe('2026-03-01T16:00:00.000Z');
  });

  it('says how far a due time is by Beijing calendar days', () => {
    const now = new Date('2026-03-02T01:00:00Z'); // 09:00 in Beijing
    expect(dueText(new Date('2026-03-02T10:00:00Z'), now)).toBe('今天到期');
    expect(dueText(new Date('2026-03-02T17:00:00Z'), now)).toBe('明天到期'); // 01:00 on the 3rd in Beijing
    expect(dueText(new Date('2026-03-06T01:00:00Z'), now)).toBe('还有4天');
    expect(dueText(new Date('2026-03-02T00:30:00Z'), now)).toBe('已逾期');
    expect(dueText(new Date('2026-02-27T01:00:00Z'), now)).toBe('已逾期3天');
  });
});

describe('receipt codes typed or pasted by a person', () => {
  const code = 'ABCD2EFGH3JKMNPQ';

  it.each([
    ['ABCD-2EFG-H3JK-MNPQ'],
    ['abcd 2efg h3jk mnpq'],
    [' ABCD – 2EFG — H3JK - MNPQ '],
    ['ＡＢＣＤ－２ＥＦＧ－Ｈ３ＪＫ－ＭＮＰＱ'], // full-width, as a Chinese keyboard types it
    ['ABCD\u00a02EFG\u3000H3JK\nMNPQ'],
  ])('normalises %j', (input) => {
    expect(normalizeReceiptCode(input)).toBe(code);
  });

  it('rejects what is not a code', () => {
    expect(normalizeReceiptCode('ABCD-2EFG-H3JK')).toBeNull();
    expect(normalizeReceiptCode('ABCD-2EFG-H3JK-MNPQ-X')).toBeNull();
    expect(normalizeReceiptCode('ABCD-2EFG-H3JK-MNP#')).toBeNull();
  });

  it('groups a code in fours', () => {
    expect(formatReceiptCode(code)).toBe('ABCD-2EFG-H3JK-MNPQ');
  });
});

describe('formatDeadline', () => {
  it('writes a limit that ends at midnight as 24:00 of its last day, others as they are', () => {
    expect(formatDeadline('2026-10-10T16:00:00Z')).toBe('2026年10月10日 24:00');
    expect(formatDeadline('2026-10-10T16:00:01Z')).toBe('2026年10月11日 00:00');
    expect(formatDeadline('2026-10-10T02:30:00Z')).toBe('2026年10月10日 10:30');
  });
});

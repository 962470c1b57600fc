/**
 * Every date and time a person reads, in one format and in Beijing time (Asia/Shanghai: UTC+8 all
 * year, no daylight saving since 1991), whatever the phone's or the server's time zone is:
 * "2026年3月2日", "2026年3月2日 09:30", "2026年3月2日（星期一）". The same form WeChat's subscribe
 * messages accept for their date fields. Pickers exchange "YYYY-MM-DD" and "HH:mm" in Beijing time.
 */
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 86_400_000;
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

type Instant = Date | string | number;

const pad = (n: number) => String(n).padStart(2, '0');

/** Beijing wall-clock fields of an instant (read from a shifted UTC date, so no host time zone leaks in). */
function beijing(at: Instant): Date {
  return new Date(new Date(at).getTime() + BEIJING_OFFSET_MS);
}

/** "2026年3月2日" */
export function formatDate(at: Instant): string {
  const t = beijing(at);
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日`;
}

/** "09:30" (24-hour clock). */
export function formatTime(at: Instant): string {
  const t = beijing(at);
  return `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

/** "2026年3月2日 09:30" */
export function formatDateTime(at: Instant): string {
  return `${formatDate(at)} ${formatTime(at)}`;
}

/**
 * A deadline as people read it: a limit that ends at midnight is written as 24:00 of its last day
 * ("2026年10月10日 24:00", 民法典 第二百零三条), any other as its date and time.
 */
export function formatDeadline(at: Instant): string {
  const t = beijing(at);
  if (t.getUTCHours() === 0 && t.getUTCMinutes() === 0 && t.getUTCSeconds() === 0) return `${formatDate(new Date(at).getTime() - 1)} 24:00`;
  return formatDateTime(at);
}

/** "2026年3月2日（星期一）" — due dates, where the day of the week helps plan. */
export function formatDateWeekday(at: Instant): string {
  return `${formatDate(at)}（星期${WEEKDAYS[beijing(at).getUTCDay()]}）`;
}

/** "YYYY-MM-DD" of the instant in Beijing (date pickers, calendar arithmetic). */
export function beijingDateInput(at: Instant): string {
  return beijing(at).toISOString().slice(0, 10);
}

/** "HH:mm" of the instant in Beijing (time pickers). */
export function beijingTimeInput(at: Instant): string {
  return beijing(at).toISOString().slice(11, 16);
}

/** A date picker's "YYYY-MM-DD" and a time picker's "HH:mm" (Beijing time) back to an instant. */
export function fromBeijingInput(date: string, time = '00:00'): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

/** Whole Beijing calendar days from `now` to `due` (0: the same day, negative: in the past). */
function dayDiff(due: Instant, now: Instant): number {
  return Math.round((Date.parse(`${beijingDateInput(due)}T00:00:00Z`) - Date.parse(`${beijingDateInput(now)}T00:00:00Z`)) / DAY_MS);
}

/** How far a due time is, the way people say it: "已逾期3天" / "今天到期" / "明天到期" / "还有5天". */
export function dueText(due: Instant, now: Instant = new Date()): string {
  const days = dayDiff(due, now);
  if (new Date(due).getTime() < new Date(now).getTime()) return days < 0 ? `已逾期${-days}天` : '已逾期';
  if (days === 0) return '今天到期';
  if (days === 1) return '明天到期';
  return `还有${days}天`;
}

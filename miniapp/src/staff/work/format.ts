/** Dates shown the way people say them, on the China calendar (UTC+8, no daylight saving). */
const CST_MS = 8 * 3600 * 1000;
const DAY_MS = 86_400_000;
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** YYYY-MM-DD of an instant in China. */
export function chinaYmd(at: Date | string): string {
  return new Date(new Date(at).getTime() + CST_MS).toISOString().slice(0, 10);
}

/** "11月22日（星期日）" */
export function fmtDay(at: Date | string): string {
  const ymd = chinaYmd(at);
  const d = new Date(`${ymd}T00:00:00Z`);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日（星期${WEEKDAYS[d.getUTCDay()]}）`;
}

/** "2026年11月22日" */
export function fmtDate(at: Date | string): string {
  const [y, m, d] = chinaYmd(at).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** "11月22日 14:30" */
export function fmtDateTime(at: Date | string): string {
  const t = new Date(new Date(at).getTime() + CST_MS);
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`;
}

/** How far a due time is: "已逾期3天" / "今天到期" / "明天到期" / "还有5天". */
export function dueText(due: Date | string, now: Date = new Date()): string {
  const days = Math.round((Date.parse(`${chinaYmd(due)}T00:00:00Z`) - Date.parse(`${chinaYmd(now)}T00:00:00Z`)) / DAY_MS);
  if (new Date(due) < now) return days < 0 ? `已逾期${-days}天` : '已逾期';
  if (days === 0) return '今天到期';
  if (days === 1) return '明天到期';
  return `还有${days}天`;
}

/** Local date and time for form fields. */
export function localParts(at: Date): { date: string; time: string } {
  const t = new Date(at.getTime() + CST_MS).toISOString();
  return { date: t.slice(0, 10), time: t.slice(11, 16) };
}

export function fromLocalParts(date: string, time: string): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

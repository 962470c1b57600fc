import { beijingDateInput, beijingTimeInput, fromBeijingInput, type CaseDetail } from '@wbt/shared';
import type { DateTimeValue } from '../../components/FormUi';

/** What the case step forms share: the body they build, option lists, picked times. */
export type Body = Record<string, unknown>;
export type Opt = { id: number; name: string };
export const yesNo = [
  { value: 'yes', label: '是' },
  { value: 'no', label: '否' },
];
export const bool = (v: string | null) => (v === 'yes' ? true : v === 'no' ? false : undefined);
export const toggle = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
export const opts = <T extends string>(t: { codes: readonly T[]; label: (c: T) => string }) => t.codes.map((c) => ({ value: c, label: t.label(c) }));
export const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
export const text = (s: string) => (s.trim() === '' ? undefined : s);
/** Now, as the pickers show it (Beijing time). */
export const nowValue = (): DateTimeValue => ({ date: beijingDateInput(new Date()), time: beijingTimeInput(new Date()) });
/** A picked date and time as an instant; undefined when nothing was picked. */
export const pickedAt = (v: DateTimeValue): string | undefined => (v.date ? fromBeijingInput(v.date, v.time || '00:00').toISOString() : undefined);

export interface FormProps {
  c: CaseDetail;
  params: Record<string, string | undefined>;
  /** Returns the body to send, or a Chinese message saying what is missing. */
  register: (build: () => Body | string) => void;
}


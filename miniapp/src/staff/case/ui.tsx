import { Input, Text, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import './case.css';

export { Area, Check, Chips, Field } from '../../pages/report/ui';

const CST_MS = 8 * 3600 * 1000;

/** "2026-10-01 09:30" in China time, for a date-time field. */
export function toChinaInput(at: Date | string): string {
  return new Date(new Date(at).getTime() + CST_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** A "YYYY-MM-DD HH:mm" (China time) field back to an ISO instant; null when it does not parse. */
export function fromChinaInput(text: string): string | null {
  const m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?\s*$/.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0'] = m;
  const at = new Date(`${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}T${h.padStart(2, '0')}:${mi}:00+08:00`);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** "10月1日 09:30" */
export function when(at: string): string {
  const t = new Date(new Date(at).getTime() + CST_MS);
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`;
}

export type Tone = 'danger' | 'warn' | 'ok' | 'info' | 'muted';

export function Badge({ tone, children, testid }: PropsWithChildren<{ tone: Tone; testid?: string }>) {
  return (
    <Text className={`cs-badge cs-badge--${tone}`} data-testid={testid}>
      {children}
    </Text>
  );
}

/** Red when the clock ran out, amber when due within a day, grey otherwise. */
export function DueBadge({ overdue, text, dueAt, testid }: { overdue: boolean; text: string; dueAt?: string; testid?: string }) {
  const soon = !overdue && dueAt ? new Date(dueAt).getTime() - Date.now() < 24 * 3600_000 : false;
  return (
    <Badge tone={overdue ? 'danger' : soon ? 'warn' : 'muted'} testid={testid}>
      {overdue ? '⚠ ' : ''}
      {text}
    </Badge>
  );
}

export function KV({ k, v, testid }: { k: string; v?: string | number | null; testid?: string }) {
  if (v === undefined || v === null || v === '') return null;
  return (
    <View className='cs-kv'>
      <Text className='cs-kv__k'>{k}</Text>
      <Text className='cs-kv__v' data-testid={testid}>
        {String(v)}
      </Text>
    </View>
  );
}

export function Section({ title, children, extra, testid }: PropsWithChildren<{ title: string; extra?: string; testid?: string }>) {
  return (
    <View className='cs-section' data-testid={testid}>
      <View className='cs-section__head'>
        <Text className='cs-section__title'>{title}</Text>
        {extra ? <Text className='cs-section__extra'>{extra}</Text> : null}
      </View>
      {children}
    </View>
  );
}

export function DateTimeField({ label, value, onChange, error, hint }: { label: string; value: string; onChange: (v: string) => void; error?: string; hint?: string }) {
  return (
    <View className='rp-field'>
      <Text className='rp-field__label'>{label}</Text>
      <Input className='rp-input' value={value} maxlength={16} placeholder='例如 2026-10-01 09:30' placeholderClass='rp-placeholder' onInput={(e) => onChange(e.detail.value)} />
      <Text className='cs-hint'>{hint ?? '格式：年-月-日 时:分（北京时间）'}</Text>
      {error ? <Text className='rp-error'>{error}</Text> : null}
    </View>
  );
}

export function Button({ children, onClick, light, danger, busy, testid }: PropsWithChildren<{ onClick: () => void; light?: boolean; danger?: boolean; busy?: boolean; testid?: string }>) {
  const cls = ['rp-btn', light ? 'rp-btn--light' : '', danger ? 'cs-btn--danger' : '', busy ? 'rp-btn--busy' : ''].filter(Boolean).join(' ');
  return (
    <View className={cls} onClick={busy ? undefined : onClick} data-testid={testid}>
      <Text>{busy ? '正在提交…' : children}</Text>
    </View>
  );
}

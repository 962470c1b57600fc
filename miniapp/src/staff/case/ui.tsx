import { Text, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import './case.css';

export { Area, Check, Chips, DateTime, Field } from '../../pages/report/ui';

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

export function Button({ children, onClick, light, danger, busy, testid }: PropsWithChildren<{ onClick: () => void; light?: boolean; danger?: boolean; busy?: boolean; testid?: string }>) {
  const cls = ['rp-btn', light ? 'rp-btn--light' : '', danger ? 'cs-btn--danger' : '', busy ? 'rp-btn--busy' : ''].filter(Boolean).join(' ');
  return (
    <View className={cls} onClick={busy ? undefined : onClick} data-testid={testid}>
      <Text>{busy ? '正在提交…' : children}</Text>
    </View>
  );
}

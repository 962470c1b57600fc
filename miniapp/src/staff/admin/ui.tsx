import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { IS_WEAPP } from '../../services/config';
import { ApiError } from '../../services/api';
import './admin.css';

/** The message of a failed call, in words a person can act on. */
export const messageOf = (e: unknown): string => (e instanceof ApiError ? e.message : '操作失败，请稍后重试');

/** A password box (the shared form fields have no password type); large and bordered like them. */
export function PasswordField({ label, value, onChange, testid, hint }: { label: string; value: string; onChange: (v: string) => void; testid?: string; hint?: string }) {
  // A tap anywhere in the box focuses the control, as in the shared form fields.
  const [focus, setFocus] = useState(false);
  const boxRef = useRef<{ querySelector?: (s: string) => { focus(): void } | null } | null>(null);
  const onBoxTap = () => (IS_WEAPP ? setFocus(true) : boxRef.current?.querySelector?.('input')?.focus());
  return (
    <View className='ad-field'>
      <Text className='ad-field__label'>{label}</Text>
      <View className='ad-box' ref={boxRef as never} onClick={onBoxTap}>
        <Input className='ad-input' password {...(IS_WEAPP ? { focus } : {})} onBlur={() => setFocus(false)} value={value} maxlength={128} placeholder={`请输入${label}`} placeholderClass='wbt-placeholder' onInput={(e) => onChange(e.detail.value)} data-testid={testid} />
      </View>
      {hint ? <Text className='ad-hint'>{hint}</Text> : null}
    </View>
  );
}

/** A row of large choice chips. */
export function ChoiceRow<T extends string | number>({ options, value, onChange, testid }: { options: { value: T; label: string }[]; value: T | null | undefined; onChange: (v: T) => void; testid?: string }) {
  return (
    <View className='ad-chips' data-testid={testid}>
      {options.map((o) => (
        <View key={String(o.value)} className={o.value === value ? 'ad-chip ad-chip--on' : 'ad-chip'} onClick={() => onChange(o.value)} data-testid={testid ? `${testid}-${o.value}` : undefined}>
          <Text>{o.value === value ? '✓ ' : ''}{o.label}</Text>
        </View>
      ))}
    </View>
  );
}

export function Notice({ text, tone }: { text: string; tone?: 'ok' | 'warn' }) {
  return text ? <Text className={`ad-notice ad-notice--${tone ?? 'ok'}`}>{text}</Text> : null;
}

/** Asks before an action that cannot simply be undone (retire a node, disable an account). */
export async function confirmThen(title: string, content: string, action: () => Promise<unknown>): Promise<void> {
  const { confirm } = await Taro.showModal({ title, content, confirmText: '确定', cancelText: '取消' });
  if (confirm) await action();
}

import { Input, Text, Textarea, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';

/**
 * The elder-friendly form primitives (numbered step, option chips, text field, text area) shared by
 * the guardian pages and the report / staff forms. One implementation, two skins: each skin keeps its
 * own class prefix and stylesheet ('gd' → guardian/guardian.css, 'rp' → pages/report/report.css),
 * so the pages look and are selected exactly as before.
 */
export interface FormSkin {
  /** Class prefix: `${prefix}-step`, `${prefix}-chip`, `${prefix}-field`, … */
  prefix: 'gd' | 'rp';
  /** Classes of the 必填 / 选填 tag in a step's head. */
  mustTag: string;
  optionalTag: string;
  /** Default maxlength of a one-line field. */
  fieldMaxlength: number;
}

export function createFormUi({ prefix: p, mustTag, optionalTag, fieldMaxlength }: FormSkin) {
  function Step({ n, title, must, hint, children }: PropsWithChildren<{ n: number | string; title: string; must?: boolean; hint?: string }>) {
    return (
      <View className={`${p}-step`}>
        <View className={`${p}-step__head`}>
          <Text className={`${p}-step__n`}>{n}</Text>
          <Text className={`${p}-step__title`}>{title}</Text>
          <Text className={must ? mustTag : optionalTag}>{must ? '必填' : '选填'}</Text>
        </View>
        {hint ? <Text className={`${p}-step__hint`}>{hint}</Text> : null}
        {children}
      </View>
    );
  }

  /** One choice (value) or several (an array of values) among large tap targets. */
  function Chips<T extends string | number>({ options, value, onChange, testid }: {
    options: { value: T; label: string }[];
    value: T | T[] | null | undefined;
    onChange: (v: T) => void;
    testid?: string;
  }) {
    const selected = (v: T) => (Array.isArray(value) ? value.includes(v) : value === v);
    return (
      <View className={`${p}-chips`} data-testid={testid}>
        {options.map((o) => (
          <View key={String(o.value)} className={selected(o.value) ? `${p}-chip ${p}-chip--on` : `${p}-chip`} onClick={() => onChange(o.value)}>
            <Text>{selected(o.value) ? '✓ ' : ''}{o.label}</Text>
          </View>
        ))}
      </View>
    );
  }

  function Field({ label, value, onChange, placeholder, type, maxlength, error, testid }: {
    label: string;
    value: string;
    onChange: (v: string) => void;
    placeholder?: string;
    type?: 'text' | 'number' | 'digit';
    maxlength?: number;
    error?: string;
    testid?: string;
  }) {
    return (
      <View className={`${p}-field`} data-testid={testid}>
        <Text className={`${p}-field__label`}>{label}</Text>
        <Input
          className={`${p}-input`}
          value={value}
          type={type ?? 'text'}
          maxlength={maxlength ?? fieldMaxlength}
          placeholder={placeholder ?? `请输入${label}`}
          placeholderClass={`${p}-placeholder`}
          onInput={(e) => onChange(e.detail.value)}
        />
        {error ? <Text className={`${p}-error`}>{error}</Text> : null}
      </View>
    );
  }

  function Area({ label, value, onChange, placeholder, maxlength, error, testid }: {
    label?: string;
    value: string;
    onChange: (v: string) => void;
    placeholder: string;
    maxlength?: number;
    error?: string;
    testid?: string;
  }) {
    return (
      <View className={`${p}-field`} data-testid={testid}>
        {label ? <Text className={`${p}-field__label`}>{label}</Text> : null}
        <Textarea
          className={`${p}-textarea`}
          value={value}
          maxlength={maxlength ?? 2000}
          placeholder={placeholder}
          placeholderClass={`${p}-placeholder`}
          autoHeight
          onInput={(e) => onChange(e.detail.value)}
        />
        {error ? <Text className={`${p}-error`}>{error}</Text> : null}
      </View>
    );
  }

  return { Step, Chips, Field, Area };
}

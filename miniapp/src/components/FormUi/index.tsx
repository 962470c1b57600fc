import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { useRef, useState, type PropsWithChildren } from 'react';
import { beijingDateInput, formatDate } from '@wbt/shared';
import { IS_WEAPP } from '../../services/config';
import './index.css';

export { fieldId, firstErrorPath, issuesByPath, scrollToField } from './errors';
import { fieldId } from './errors';

/**
 * The elder-friendly form primitives (numbered step, option chips, text field, text area, date and
 * time pickers) shared by the guardian pages and the report / staff forms. One implementation, two
 * skins: each skin keeps its own class prefix and stylesheet ('gd' → guardian/guardian.css, 'rp' →
 * pages/report/report.css); the parts both skins share (the field box, its error state, the
 * pickers) live in ./index.css.
 *
 * A field's whole box takes the tap: the box, not the smaller native control inside it, draws the
 * border, and tapping anywhere in it focuses the control. A field with `name` can be scrolled to
 * (scrollToField) and shows its error in red next to it.
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

export interface DateTimeValue {
  /** "YYYY-MM-DD" (Beijing), '' when not chosen. */
  date: string;
  /** "HH:mm" (Beijing), '' when not chosen. */
  time: string;
}

export function createFormUi({ prefix: p, mustTag, optionalTag, fieldMaxlength }: FormSkin) {
  function Step({ n, title, must, hint, name, error, children }: PropsWithChildren<{ n: number | string; title: string; must?: boolean; hint?: string; name?: string; error?: string }>) {
    return (
      <View className={error ? `${p}-step wbt-step--error` : `${p}-step`} id={name ? fieldId(name) : undefined}>
        <View className={`${p}-step__head`}>
          <Text className={`${p}-step__n`}>{n}</Text>
          <Text className={`${p}-step__title`}>{title}</Text>
          <Text className={must ? mustTag : optionalTag}>{must ? '必填' : '选填'}</Text>
        </View>
        {hint ? <Text className={`${p}-step__hint`}>{hint}</Text> : null}
        {children}
        {error ? <Text className='wbt-field-error' data-testid={name ? `error-${name}` : undefined}>{error}</Text> : null}
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

  /**
   * The bordered box around a text control: a tap anywhere in it focuses the control. The
   * mini-program focuses through the control's `focus` property; in H5 the box focuses the native
   * element it holds (Taro's H5 control is a wrapper whose own `focus` would be overwritten by that
   * property).
   */
  function useBoxFocus() {
    const [focus, setFocus] = useState(false);
    const boxRef = useRef<{ querySelector?: (s: string) => { focus(): void } | null } | null>(null);
    const onBoxTap = () => {
      if (IS_WEAPP) setFocus(true);
      else boxRef.current?.querySelector?.('input, textarea')?.focus();
    };
    return { boxRef, control: IS_WEAPP ? { focus } : {}, onBoxTap, onBlur: () => setFocus(false) };
  }

  function Field({ label, value, onChange, placeholder, type, maxlength, error, testid, name }: {
    label: string;
    value: string;
    onChange: (v: string) => void;
    placeholder?: string;
    type?: 'text' | 'number' | 'digit' | 'idcard';
    maxlength?: number;
    error?: string;
    testid?: string;
    /** The field's path in the request body (e.g. "child.age"): its id for scrolling to it. */
    name?: string;
  }) {
    const box = useBoxFocus();
    return (
      <View className={`${p}-field`} data-testid={testid} id={name ? fieldId(name) : undefined}>
        <Text className={`${p}-field__label`}>{label}</Text>
        <View ref={box.boxRef as never} className={`wbt-box wbt-box--line ${p}-box${error ? ' wbt-box--error' : ''}`} onClick={box.onBoxTap}>
          <Input
            {...box.control}
            className={`wbt-control ${p}-input`}
            value={value}
            type={type ?? 'text'}
            maxlength={maxlength ?? fieldMaxlength}
            placeholder={placeholder ?? `请输入${label}`}
            placeholderClass='wbt-placeholder'
            onInput={(e) => onChange(e.detail.value)}
            onBlur={box.onBlur}
          />
        </View>
        {error ? <Text className='wbt-field-error' data-testid={name ? `error-${name}` : undefined}>{error}</Text> : null}
      </View>
    );
  }

  function Area({ label, value, onChange, placeholder, maxlength, error, testid, name }: {
    label?: string;
    value: string;
    onChange: (v: string) => void;
    placeholder: string;
    maxlength?: number;
    error?: string;
    testid?: string;
    name?: string;
  }) {
    const box = useBoxFocus();
    return (
      <View className={`${p}-field`} data-testid={testid} id={name ? fieldId(name) : undefined}>
        {label ? <Text className={`${p}-field__label`}>{label}</Text> : null}
        <View ref={box.boxRef as never} className={`wbt-box wbt-box--area ${p}-box${error ? ' wbt-box--error' : ''}`} onClick={box.onBoxTap}>
          <Textarea
            {...box.control}
            className={`wbt-control ${p}-textarea`}
            value={value}
            maxlength={maxlength ?? 2000}
            placeholder={placeholder}
            placeholderClass='wbt-placeholder'
            autoHeight
            onInput={(e) => onChange(e.detail.value)}
            onBlur={box.onBlur}
          />
        </View>
        {error ? <Text className='wbt-field-error' data-testid={name ? `error-${name}` : undefined}>{error}</Text> : null}
      </View>
    );
  }

  /**
   * A date, or a date and a time, chosen with the system pickers (never typed): Beijing time.
   * `optional` adds a "不填" choice that clears it.
   */
  function DateTime({ label, value, onChange, dateOnly, optional, end, initialDate, hint, error, name, testid }: {
    label: string;
    value: DateTimeValue;
    onChange: (v: DateTimeValue) => void;
    dateOnly?: boolean;
    optional?: string;
    /** Latest date that can be chosen ("YYYY-MM-DD"). */
    end?: string;
    /** Where the date picker opens when nothing is chosen yet (default: today). */
    initialDate?: string;
    hint?: string;
    error?: string;
    name?: string;
    testid?: string;
  }) {
    const today = initialDate ?? beijingDateInput(new Date());
    return (
      <View className={`${p}-field`} id={name ? fieldId(name) : undefined} data-testid={testid}>
        <Text className={`${p}-field__label`}>{label}</Text>
        <View className='wbt-when'>
          <Picker className='wbt-when__item' mode='date' value={value.date || today} end={end} onChange={(e) => onChange({ date: String(e.detail.value), time: value.time || (dateOnly ? '' : '09:00') })}>
            <View className={`wbt-box wbt-when__pick${error ? ' wbt-box--error' : ''}`} data-testid={testid ? `${testid}-date` : undefined}>
              <Text className={value.date ? 'wbt-when__value' : 'wbt-when__empty'}>{value.date ? formatDate(`${value.date}T12:00:00+08:00`) : '选择日期'}</Text>
            </View>
          </Picker>
          {dateOnly ? null : (
            <Picker className='wbt-when__item' mode='time' value={value.time || '09:00'} onChange={(e) => onChange({ date: value.date || today, time: String(e.detail.value) })}>
              <View className={`wbt-box wbt-when__pick wbt-when__pick--time${error ? ' wbt-box--error' : ''}`} data-testid={testid ? `${testid}-time` : undefined}>
                <Text className={value.time ? 'wbt-when__value' : 'wbt-when__empty'}>{value.time || '选择时间'}</Text>
              </View>
            </Picker>
          )}
        </View>
        {optional && (value.date || value.time) ? (
          <View className='wbt-when__clear' onClick={() => onChange({ date: '', time: '' })}>
            <Text>{optional}</Text>
          </View>
        ) : null}
        {hint ? <Text className='wbt-field-hint'>{hint}</Text> : null}
        {error ? <Text className='wbt-field-error' data-testid={name ? `error-${name}` : undefined}>{error}</Text> : null}
      </View>
    );
  }

  return { Step, Chips, Field, Area, DateTime };
}

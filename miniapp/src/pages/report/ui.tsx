import Taro from '@tarojs/taro';
import { Image, Input, Text, Textarea, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { formatReceiptCode } from '@wbt/shared';
import type { PhotoRef } from './draft';
import './report.css';

export function call(phoneNumber: string): void {
  Taro.makePhoneCall({ phoneNumber }).catch(() => {
    // The person closed the call sheet.
  });
}

/** Danger now → 110 in one tap; the station's own number beside it. */
export function CallBar({ stationPhone, stationName }: { stationPhone?: string; stationName?: string }) {
  return (
    <View className='rp-call'>
      <View className='rp-call__sos' onClick={() => call('110')} data-testid='call-110'>
        <Text className='rp-call__ask'>孩子正处于危险中？</Text>
        <Text className='rp-call__big'>立即拨打 110</Text>
      </View>
      {stationPhone ? (
        <View className='rp-call__station' onClick={() => call(stationPhone)} data-testid='call-station'>
          <Text className='rp-call__station-label'>{stationName ?? ''}未保站</Text>
          <Text className='rp-call__station-phone'>{stationPhone}</Text>
          <Text className='rp-call__station-label'>点此拨打</Text>
        </View>
      ) : null}
    </View>
  );
}

export function Step({ n, title, must, hint, children }: PropsWithChildren<{ n: number | string; title: string; must?: boolean; hint?: string }>) {
  return (
    <View className='rp-step'>
      <View className='rp-step__head'>
        <Text className='rp-step__n'>{n}</Text>
        <Text className='rp-step__title'>{title}</Text>
        <Text className={must ? 'rp-tag rp-tag--must' : 'rp-tag'}>{must ? '必填' : '选填'}</Text>
      </View>
      {hint ? <Text className='rp-step__hint'>{hint}</Text> : null}
      {children}
    </View>
  );
}

export function Chips<T extends string | number>({
  options,
  value,
  onChange,
  testid,
}: {
  options: { value: T; label: string }[];
  value: T | T[] | null;
  onChange: (v: T) => void;
  testid?: string;
}) {
  const selected = (v: T) => (Array.isArray(value) ? value.includes(v) : value === v);
  return (
    <View className='rp-chips' data-testid={testid}>
      {options.map((o) => (
        <View key={String(o.value)} className={selected(o.value) ? 'rp-chip rp-chip--on' : 'rp-chip'} onClick={() => onChange(o.value)}>
          <Text>{selected(o.value) ? '✓ ' : ''}{o.label}</Text>
        </View>
      ))}
    </View>
  );
}

/** A checklist row: large tap target with a box that fills when chosen. */
export function Check({ on, label, onToggle }: { on: boolean; label: string; onToggle: () => void }) {
  return (
    <View className={on ? 'rp-check rp-check--on' : 'rp-check'} onClick={onToggle}>
      <Text className='rp-check__box'>{on ? '✓' : ''}</Text>
      <Text className='rp-check__label'>{label}</Text>
    </View>
  );
}

export function Field({
  label,
  value,
  onChange,
  placeholder,
  type,
  maxlength,
  error,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  type?: 'text' | 'number' | 'digit';
  maxlength?: number;
  error?: string;
}) {
  return (
    <View className='rp-field'>
      <Text className='rp-field__label'>{label}</Text>
      <Input
        className='rp-input'
        value={value}
        type={type ?? 'text'}
        maxlength={maxlength ?? 120}
        placeholder={placeholder ?? `请输入${label}`}
        placeholderClass='rp-placeholder'
        onInput={(e) => onChange(e.detail.value)}
      />
      {error ? <Text className='rp-error'>{error}</Text> : null}
    </View>
  );
}

export function Area({ label, value, onChange, placeholder, maxlength, error, testid }: {
  label?: string;
  value: string;
  onChange: (v: string) => void;
  placeholder: string;
  maxlength?: number;
  error?: string;
  testid?: string;
}) {
  return (
    <View className='rp-field' data-testid={testid}>
      {label ? <Text className='rp-field__label'>{label}</Text> : null}
      <Textarea
        className='rp-textarea'
        value={value}
        maxlength={maxlength ?? 2000}
        placeholder={placeholder}
        placeholderClass='rp-placeholder'
        autoHeight
        onInput={(e) => onChange(e.detail.value)}
      />
      {error ? <Text className='rp-error'>{error}</Text> : null}
    </View>
  );
}

export function PhotoStrip({ photos, onRemove, onAdd, busy, max }: { photos: PhotoRef[]; onRemove: (i: number) => void; onAdd: () => void; busy: boolean; max: number }) {
  return (
    <View className='rp-photos'>
      {photos.map((p, i) => (
        <View key={p.fileId} className='rp-photo'>
          {p.path ? <Image className='rp-photo__img' src={p.path} mode='aspectFill' /> : <Text className='rp-photo__none'>照片{i + 1}</Text>}
          <Text className='rp-photo__del' onClick={() => onRemove(i)}>删除</Text>
        </View>
      ))}
      {photos.length < max ? (
        <View className='rp-photo rp-photo--add' onClick={busy ? undefined : onAdd} data-testid='add-photo'>
          <Text className='rp-photo__plus'>{busy ? '上传中…' : '＋'}</Text>
          {!busy ? <Text className='rp-photo__hint'>添加照片</Text> : null}
        </View>
      ) : null}
    </View>
  );
}

/** The receipt code, once: large, grouped, with a copy button. */
export function ReceiptCard({ code }: { code: string }) {
  const shown = formatReceiptCode(code);
  return (
    <View className='rp-receipt'>
      <Text className='rp-receipt__label'>您的回执码</Text>
      <View className='rp-receipt__code' data-testid='receipt-code' data-code={shown}>
        <Text userSelect>{shown.slice(0, 10)}</Text>
        <Text userSelect>{shown.slice(10)}</Text>
      </View>
      <View
        className='rp-btn rp-btn--light'
        onClick={() => Taro.setClipboardData({ data: shown }).catch(() => undefined)}
        data-testid='copy-receipt'
      >
        <Text>复制回执码</Text>
      </View>
      <Text className='rp-receipt__note'>请抄在纸上或截图保存。凭回执码可以查看办理进度、和未保站留言。回执码只显示这一次，丢失后无法找回。</Text>
    </View>
  );
}

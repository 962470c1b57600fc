import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import {
  ApplicationStatus,
  ConsultationStatus,
  type ConsultationMessage,
  type PublicOrgs, formatDateTime } from '@wbt/shared';
import { createFormUi } from '../components/FormUi';
import { fetchPublicOrgs } from '../pages/report/reportApi';
import { errorText } from './api';
import './guardian.css';

export const { Step, Chips, Field, Area, DateTime } = createFormUi({
  prefix: 'gd',
  mustTag: 'gd-tag gd-tag--red',
  optionalTag: 'gd-tag gd-tag--grey',
  fieldMaxlength: 60,
});

const CONSULT_TAG: Record<string, string> = { waiting: 'gd-tag--orange', answered: 'gd-tag--green', closed: 'gd-tag--grey', converted: '' };
export function ConsultStatusTag({ status, overdue }: { status: ConsultationStatus; overdue?: boolean }) {
  if (overdue) return <Text className='gd-tag gd-tag--red'>已超时未答复</Text>;
  return <Text className={`gd-tag ${CONSULT_TAG[status] ?? ''}`}>{ConsultationStatus.label(status)}</Text>;
}

const APP_TAG: Record<string, string> = { submitted: '', need_more: 'gd-tag--orange', referred: '', done: 'gd-tag--green' };
export function ApplicationStatusTag({ status }: { status: ApplicationStatus }) {
  return <Text className={`gd-tag ${APP_TAG[status] ?? ''}`}>{ApplicationStatus.label(status)}</Text>;
}

const APP_ORDER: ApplicationStatus[] = ['submitted', 'need_more', 'referred', 'done'];
/** 已提交 → 需补充材料 → 已转办 → 已办结, with the current one highlighted. */
export function ApplicationSteps({ status }: { status: ApplicationStatus }) {
  const at = APP_ORDER.indexOf(status);
  return (
    <View className='gd-steps' data-testid='application-steps'>
      {APP_ORDER.map((s, i) => (
        <View key={s} className={`gd-steps__item ${i === at ? 'gd-steps__item--now' : i < at ? 'gd-steps__item--done' : ''}`}>
          <Text className='gd-steps__dot'>{i < at ? '✓' : i + 1}</Text>
          <Text className='gd-steps__label'>{ApplicationStatus.label(s)}</Text>
        </View>
      ))}
    </View>
  );
}

/** The question-and-answer thread: the guardian's messages on the right, the station's on the left. */
export function Thread({ messages, mine }: { messages: ConsultationMessage[]; mine: 'guardian' | 'staff' }) {
  return (
    <View data-testid='thread'>
      {messages.map((m) => {
        const me = m.author === mine;
        return (
          <View key={m.id} className={`gd-msg ${me ? 'gd-msg--me' : ''} ${m.author === 'staff' ? 'gd-msg--station' : ''}`}>
            <Text className='gd-msg__who'>
              {m.authorLabel} · {formatDateTime(m.at)}
            </Text>
            <Text className='gd-msg__body' userSelect>{m.body}</Text>
          </View>
        );
      })}
    </View>
  );
}

/** Township first, then (optionally) the village or community, from the public org list. */
export function OrgPicker({ value, onChange }: { value: number | null; onChange: (orgId: number, label: string, phone: string) => void }) {
  const [orgs, setOrgs] = useState<PublicOrgs | null>(null);
  const [error, setError] = useState('');
  const [townshipId, setTownshipId] = useState<number | null>(null);

  useEffect(() => {
    fetchPublicOrgs()
      .then((o) => {
        setOrgs(o);
        if (o.townships.length === 1) {
          const t = o.townships[0];
          setTownshipId(t.id);
          if (value === null) onChange(t.id, t.name, t.phone);
        }
      })
      .catch((e) => setError(errorText(e, '加载地点失败，请重试')));
  }, []);

  const township = orgs?.townships.find((t) => t.id === townshipId) ?? null;
  if (error) return <Text className='gd-error'>{error}</Text>;
  if (!orgs) return <Text className='gd-muted'>正在加载…</Text>;
  return (
    <View data-testid='org-picker'>
      {orgs.townships.length > 1 ? (
        <Chips
          options={orgs.townships.map((t) => ({ value: t.id, label: t.name }))}
          value={townshipId}
          onChange={(id) => {
            const t = orgs.townships.find((x) => x.id === id)!;
            setTownshipId(id);
            onChange(t.id, t.name, t.phone);
          }}
        />
      ) : (
        <Text className='gd-para'>{township?.name}</Text>
      )}
      {township ? (
        <>
          <Text className='gd-step__hint'>您住在哪个村（社区）？</Text>
          <Chips
            testid='village-picker'
            options={township.villages.map((v) => ({ value: v.id, label: v.name }))}
            value={value}
            onChange={(id) => onChange(id, `${township.name} ${township.villages.find((v) => v.id === id)?.name ?? ''}`, township.phone)}
          />
        </>
      ) : null}
    </View>
  );
}

export interface LocalPhoto {
  fileId: string;
  ticket: string;
  path: string;
}

/** Photos of one checklist item: thumbnails, delete, and a large "add" tile. */
export function PhotoRow({ photos, onAdd, onRemove, busy, testid }: { photos: LocalPhoto[]; onAdd: () => void; onRemove?: (i: number) => void; busy: boolean; testid?: string }) {
  return (
    <View className='gd-photos' data-testid={testid}>
      {photos.map((p, i) => (
        <View key={p.fileId} className='gd-photo'>
          <Image className='gd-photo__img' src={p.path} mode='aspectFill' />
          {onRemove ? (
            <Text className='gd-photo__del' onClick={() => onRemove(i)}>
              删除
            </Text>
          ) : null}
        </View>
      ))}
      <View className='gd-photo gd-photo--add' onClick={busy ? undefined : onAdd}>
        <Text className='gd-photo__plus'>{busy ? '…' : '＋'}</Text>
        <Text className='gd-photo__hint'>{busy ? '上传中' : '拍照/相册'}</Text>
      </View>
    </View>
  );
}

export const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 3000 });

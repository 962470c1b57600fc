import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { TrainingState } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { adminApi, ADMIN_PAGES, type RosterItem } from '../../admin/api';
import { messageOf } from '../../admin/ui';
import { Btn, Empty, ErrorLine } from '../../work/ui';
import '../../work/work.css';

const clockText = (d: RosterItem): string =>
  d.trainingState === 'unknown'
    ? '未填任职日期，无法计算培训时限'
    : d.trainingState === 'overdue'
      ? `培训已超期 ${-(d.trainingDaysLeft ?? 0)} 天（应于 ${d.trainingDueOn} 前）`
      : `下次培训应于 ${d.trainingDueOn} 前（还有 ${d.trainingDaysLeft} 天）`;

/** 儿童主任花名册: village, phone, appointment, trainings — and the training clock of each (seed 003). */
export default function DirectorRosterPage() {
  const [items, setItems] = useState<RosterItem[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState('');
  const load = async (after?: number) => {
    try {
      const page = await adminApi.directors(after);
      setItems((prev) => (after && prev ? [...prev, ...page.items] : page.items));
      setNext(page.nextAfter);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  useDidShow(() => void load());
  const overdue = (items ?? []).filter((d) => d.trainingState === 'overdue').length;
  return (
    <PageShell className='wk-page'>
      <Text className='wk-h1'>儿童主任花名册</Text>
      <Text className='wk-sub'>新任儿童主任应在任职后 3 个月内参加培训，此后每年至少一次。{overdue ? `现有 ${overdue} 人培训已超期。` : ''}</Text>
      <ErrorLine text={error} />
      <View className='wk-card'>
        {items && items.length === 0 ? <Empty text='还没有儿童主任' /> : null}
        {(items ?? []).map((d) => (
          <View key={d.id} className='ad-item' onClick={() => void Taro.navigateTo({ url: ADMIN_PAGES.person(d.id) })} data-testid={`director-${d.username}`}>
            <View className='ad-item__top'>
              <Text className='ad-item__name'>{d.name} · {d.orgName}</Text>
              <Text className={`ad-badge ad-badge--${d.trainingState}`}>{TrainingState.label(d.trainingState)}</Text>
            </View>
            <Text className='ad-item__sub'>电话 {d.phone ?? '—'} · 任职 {d.appointedOn ?? '—'} · 培训 {d.trainings} 次{d.lastTrainedOn ? `（最近 ${d.lastTrainedOn}）` : ''}</Text>
            <Text className='ad-item__sub'>{clockText(d)}</Text>
          </View>
        ))}
      </View>
      {next ? <Btn label='加载更多' kind='light' onClick={() => void load(next)} /> : null}
    </PageShell>
  );
}

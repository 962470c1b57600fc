import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ConsultationStatus, ConsultationTopic, type ConsultationSummary, formatDateTime, formatDeadline } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { errorText } from '../../../guardian/api';
import { Chips, ConsultStatusTag } from '../../../guardian/ui';
import { consultationQueue, type Queue } from './api';
import '../../../guardian/guardian.css';

type Tab = 'waiting' | 'overdue' | 'answered' | 'all';

/** The station's consultation queue: waiting ones by due time, overdue in red, answered and all. */
export default function ConsultationQueuePage() {
  const [tab, setTab] = useState<Tab>('waiting');
  const [items, setItems] = useState<ConsultationSummary[]>([]);
  const [counts, setCounts] = useState<Queue['counts'] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState('');

  async function load(reset: boolean, t: Tab = tab) {
    setLoading(true);
    try {
      const query: Record<string, string | number> = { limit: 20 };
      if (t === 'overdue') query.overdue = '1';
      else if (t !== 'all') query.status = t;
      if (!reset && cursor) query.cursor = cursor;
      const page = await consultationQueue(query);
      setItems((old) => (reset ? page.items : [...old, ...page.items]));
      setCursor(page.nextCursor);
      setCounts(page.counts);
      setError('');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoading(false);
    }
  }

  useDidShow(() => void load(true));
  usePullDownRefresh(() => void load(true).finally(() => Taro.stopPullDownRefresh()));

  const tabs: { value: Tab; label: string }[] = [
    { value: 'waiting', label: `待答复${counts ? ` ${counts.waiting}` : ''}` },
    { value: 'overdue', label: `已超时${counts ? ` ${counts.overdue}` : ''}` },
    { value: 'answered', label: ConsultationStatus.label('answered') },
    { value: 'all', label: '全部' },
  ];

  return (
    <PageShell className='gd-page'>
      <Text className='gd-title'>政策咨询</Text>
      {counts && counts.overdue > 0 ? (
        <Text className='gd-banner gd-banner--danger' data-testid='overdue-banner'>
          有 {counts.overdue} 条咨询超过答复时限，请尽快答复
        </Text>
      ) : null}
      <View className='gd-row-btns' style={{ marginBottom: '24px' }}>
        <View className='gd-btn gd-btn--light' onClick={() => Taro.navigateTo({ url: '/staff/pages/consultations/applications' })}>
          <Text>协助申办</Text>
        </View>
        <View className='gd-btn gd-btn--light' onClick={() => Taro.navigateTo({ url: '/staff/pages/consultations/policies' })}>
          <Text>政策文章</Text>
        </View>
      </View>
      <Chips<Tab>
        testid='queue-tabs'
        options={tabs}
        value={tab}
        onChange={(t) => {
          setTab(t);
          setCursor(null);
          void load(true, t);
        }}
      />
      <View style={{ height: '24px' }} />
      {error ? <Text className='gd-error'>{error}</Text> : null}
      {!loading && items.length === 0 && !error ? <Text className='gd-sub'>这里暂时没有咨询。</Text> : null}
      {items.map((c) => (
        <View key={c.id} className='gd-card gd-card--tap' data-testid='queue-item' onClick={() => Taro.navigateTo({ url: `/staff/pages/consultations/detail?id=${c.id}` })}>
          <View className='gd-card__row'>
            <ConsultStatusTag status={c.status} overdue={c.overdue} />
            <Text className='gd-tag gd-tag--grey'>{ConsultationTopic.label(c.topic)}</Text>
            <Text className='gd-muted'>{c.villageName ?? c.orgName}</Text>
          </View>
          <Text className='gd-para'>{c.preview}</Text>
          <Text className={c.overdue ? 'gd-error' : 'gd-muted'}>
            {c.dueAt ? `${formatDeadline(c.dueAt)}前答复` : `最近 ${formatDateTime(c.lastMessageAt)}`}
          </Text>
        </View>
      ))}
      {cursor ? (
        <View className='gd-btn gd-btn--light' onClick={() => void load(false)}>
          <Text>{loading ? '加载中…' : '加载更多'}</Text>
        </View>
      ) : null}
    </PageShell>
  );
}

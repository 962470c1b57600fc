import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ApplicationStatus, type ApplicationSummary, formatDateTime } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { errorText } from '../../../guardian/api';
import { ApplicationStatusTag, Chips } from '../../../guardian/ui';
import { applicationQueue } from './api';
import '../../../guardian/guardian.css';

type Filter = '' | ApplicationStatus;

/** The township's 协助申办 applications, most recently changed first. */
export default function ApplicationQueuePage() {
  const [status, setStatus] = useState<Filter>('submitted');
  const [items, setItems] = useState<ApplicationSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState('');

  async function load(reset: boolean, s: Filter = status) {
    setLoading(true);
    try {
      const query: Record<string, string | number> = { limit: 20 };
      if (s) query.status = s;
      if (!reset && cursor) query.cursor = cursor;
      const page = await applicationQueue(query);
      setItems((old) => (reset ? page.items : [...old, ...page.items]));
      setCursor(page.nextCursor);
      setError('');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoading(false);
    }
  }

  useDidShow(() => void load(true));
  usePullDownRefresh(() => void load(true).finally(() => Taro.stopPullDownRefresh()));

  return (
    <PageShell className='gd-page'>
      <Text className='gd-title'>协助申办</Text>
      <Chips<Filter>
        options={[...ApplicationStatus.codes.map((c) => ({ value: c as Filter, label: ApplicationStatus.label(c) })), { value: '', label: '全部' }]}
        value={status}
        onChange={(s) => {
          setStatus(s);
          setCursor(null);
          void load(true, s);
        }}
      />
      <View style={{ height: '24px' }} />
      {error ? <Text className='gd-error'>{error}</Text> : null}
      {!loading && items.length === 0 && !error ? <Text className='gd-sub'>这里暂时没有申办事项。</Text> : null}
      {items.map((a) => (
        <View key={a.id} className='gd-card gd-card--tap' onClick={() => Taro.navigateTo({ url: `/staff/pages/consultations/application?id=${a.id}` })}>
          <Text className='gd-card__title'>{a.policyTitle}</Text>
          <View className='gd-card__row'>
            <ApplicationStatusTag status={a.status} />
            <Text className='gd-muted'>
              {a.childName} · {a.villageName ?? a.orgName}
            </Text>
          </View>
          <Text className='gd-muted'>更新于 {formatDateTime(a.updatedAt)}</Text>
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

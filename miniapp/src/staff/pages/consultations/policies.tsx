import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { PolicyStatus, PolicyTopic, type PolicyListItem, formatDateTime } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { errorText } from '../../../guardian/api';
import { Chips } from '../../../guardian/ui';
import { policyList } from './api';
import '../../../guardian/guardian.css';

type Filter = PolicyStatus;

/** Station staff and county admin: the library by status (drafts are not public), and a new article. */
export default function PolicyAdminPage() {
  const [status, setStatus] = useState<Filter>('published');
  const [items, setItems] = useState<PolicyListItem[] | null>(null);
  const [error, setError] = useState('');

  const load = (s: Filter = status) =>
    policyList(s).then(
      (res) => {
        setItems(res.items);
        setError('');
      },
      (e) => setError(errorText(e)),
    );

  useDidShow(() => void load());

  return (
    <PageShell className='gd-page'>
      <Text className='gd-title'>政策文章</Text>
      <View className='gd-actions' style={{ marginTop: 0, marginBottom: '24px' }}>
        <View className='gd-btn' onClick={() => Taro.navigateTo({ url: '/staff/pages/consultations/policy-edit' })}>
          <Text>写一篇新文章</Text>
        </View>
      </View>
      <Chips<Filter>
        options={PolicyStatus.codes.map((c) => ({ value: c, label: PolicyStatus.label(c) }))}
        value={status}
        onChange={(s) => {
          setStatus(s);
          void load(s);
        }}
      />
      <View style={{ height: '24px' }} />
      {error ? <Text className='gd-error'>{error}</Text> : null}
      {items && items.length === 0 ? <Text className='gd-sub'>这里没有文章。</Text> : null}
      {(items ?? []).map((p) => (
        <View key={p.id} className='gd-card gd-card--tap' onClick={() => Taro.navigateTo({ url: `/staff/pages/consultations/policy-edit?id=${p.id}` })}>
          <Text className='gd-card__title'>{p.title}</Text>
          <View className='gd-card__row'>
            <Text className='gd-tag'>{PolicyTopic.label(p.topic)}</Text>
            <Text className='gd-tag gd-tag--grey'>{PolicyStatus.label(p.status)}</Text>
            <Text className='gd-muted'>更新于 {formatDateTime(p.updatedAt)}</Text>
          </View>
        </View>
      ))}
    </PageShell>
  );
}

import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { PolicyTopic, type PolicySearchHit } from '@wbt/shared';
import { PageShell } from '../../components/PageShell';
import { errorText, searchPolicies } from '../../guardian/api';
import '../../guardian/guardian.css';

/** Search results, best first, with the words around the match. */
export default function PolicySearchPage() {
  const initial = decodeURIComponent(useRouter().params.q ?? '');
  const [q, setQ] = useState(initial);
  const [query, setQuery] = useState(initial);
  const [hits, setHits] = useState<PolicySearchHit[] | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    if (!query) return;
    setHits(null);
    searchPolicies(query)
      .then((res) => {
        setHits(res.items);
        setError('');
      })
      .catch((e) => setError(errorText(e, '搜索失败，请重试')));
  }, [query]);

  const go = () => {
    if (q.trim()) setQuery(q.trim());
  };

  return (
    <PageShell className='gd-page'>
      <View className='gd-search'>
        <Input
          className='gd-search__input'
          value={q}
          placeholder='输入您想问的事'
          placeholderClass='gd-placeholder'
          confirmType='search'
          maxlength={50}
          onInput={(e) => setQ(e.detail.value)}
          onConfirm={go}
          data-testid='policy-search-input'
        />
        <Text className='gd-search__btn' onClick={go}>
          搜索
        </Text>
      </View>
      {error ? <Text className='gd-error'>{error}</Text> : null}
      {!hits && !error ? <Text className='gd-muted'>正在搜索…</Text> : null}
      {hits ? (
        <Text className='gd-sub' data-testid='search-count'>
          “{query}”找到 {hits.length} 条
        </Text>
      ) : null}
      {hits && hits.length === 0 ? (
        <View className='gd-card'>
          <Text className='gd-para'>没有找到相关政策。可以换个说法再搜，或者直接问未保站。</Text>
          <View className='gd-actions'>
            <View className='gd-btn' onClick={() => Taro.navigateTo({ url: '/pages/consult/ask' })}>
              <Text>直接问未保站</Text>
            </View>
          </View>
        </View>
      ) : null}
      {(hits ?? []).map((h) => (
        <View key={h.id} className='gd-card gd-card--tap' data-testid='search-hit' onClick={() => Taro.navigateTo({ url: `/pages/policy/article?id=${h.id}` })}>
          <Text className='gd-card__title'>{h.title}</Text>
          <View className='gd-card__row'>
            <Text className='gd-tag'>{PolicyTopic.label(h.topic)}</Text>
            {h.canApply ? <Text className='gd-tag gd-tag--green'>可协助申办</Text> : null}
          </View>
          <Text className='gd-muted'>{h.snippet}</Text>
        </View>
      ))}
    </PageShell>
  );
}

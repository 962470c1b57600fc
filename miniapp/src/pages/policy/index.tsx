import Taro, { useDidShow } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { PolicyTopic, type PolicyListItem } from '@wbt/shared';
import { PageShell } from '../../components/PageShell';
import { errorText, isGuardianSession, listPolicies } from '../../guardian/api';
import '../../guardian/guardian.css';

const EXAMPLES = ['低保', '上学 补助', '看病', '残疾 康复', '事实无人抚养'];

/** 政策咨询: search first (large box), then topics, then the articles of the chosen topic. */
export default function PolicyLibraryPage() {
  const [q, setQ] = useState('');
  const [topic, setTopic] = useState<PolicyTopic | null>(null);
  const [items, setItems] = useState<PolicyListItem[] | null>(null);
  const [error, setError] = useState('');
  const [guardian, setGuardian] = useState(isGuardianSession());

  useDidShow(() => setGuardian(isGuardianSession()));

  useEffect(() => {
    setItems(null);
    listPolicies(topic ?? undefined)
      .then((res) => {
        setItems(res.items);
        setError('');
      })
      .catch((e) => setError(errorText(e)));
  }, [topic]);

  const search = (text: string) => {
    const query = text.trim();
    if (!query) {
      void Taro.showToast({ title: '请输入要找的内容', icon: 'none' });
      return;
    }
    void Taro.navigateTo({ url: `/pages/policy/search?q=${encodeURIComponent(query)}` });
  };

  return (
    <PageShell className='gd-page'>
      <Text className='gd-title'>查政策</Text>
      <Text className='gd-sub'>补贴、救助、上学、看病、监护，输入您想问的事</Text>
      <View className='gd-search'>
        <Input
          className='gd-search__input'
          value={q}
          placeholder='例如：低保、上学补助'
          placeholderClass='gd-placeholder'
          confirmType='search'
          maxlength={50}
          onInput={(e) => setQ(e.detail.value)}
          onConfirm={() => search(q)}
          data-testid='policy-search-input'
        />
        <Text className='gd-search__btn' onClick={() => search(q)} data-testid='policy-search-button'>
          搜索
        </Text>
      </View>
      <View className='gd-hints'>
        {EXAMPLES.map((e) => (
          <Text key={e} className='gd-hint' onClick={() => search(e)}>
            {e}
          </Text>
        ))}
      </View>

      <View className='gd-row-btns' style={{ marginBottom: '32px' }}>
        <View className='gd-btn' onClick={() => Taro.navigateTo({ url: '/pages/consult/ask' })} data-testid='go-ask'>
          <Text>我要提问</Text>
        </View>
        <View className='gd-btn gd-btn--light' onClick={() => Taro.navigateTo({ url: '/pages/consult/mine' })}>
          <Text>{guardian ? '我的咨询' : '查看答复'}</Text>
        </View>
      </View>
      <View className='gd-row-btns' style={{ marginBottom: '16px' }}>
        <View className='gd-btn gd-btn--light' onClick={() => Taro.navigateTo({ url: '/pages/apply/mine' })}>
          <Text>我的申办进度</Text>
        </View>
      </View>

      <Text className='gd-section'>按类别看</Text>
      <View className='gd-topics'>
        {PolicyTopic.codes.map((code) => (
          <View key={code} className={topic === code ? 'gd-topic gd-topic--on' : 'gd-topic'} onClick={() => setTopic(topic === code ? null : code)}>
            <Text>{PolicyTopic.label(code)}</Text>
          </View>
        ))}
      </View>

      <Text className='gd-section'>{topic ? PolicyTopic.label(topic) : '全部政策'}</Text>
      {error ? <Text className='gd-error'>{error}</Text> : null}
      {!items && !error ? <Text className='gd-muted'>正在加载…</Text> : null}
      {(items ?? []).map((p) => (
        <View key={p.id} className='gd-card gd-card--tap' onClick={() => Taro.navigateTo({ url: `/pages/policy/article?id=${p.id}` })}>
          <Text className='gd-card__title'>{p.title}</Text>
          <View className='gd-card__row'>
            <Text className='gd-tag'>{PolicyTopic.label(p.topic)}</Text>
            {p.canApply ? <Text className='gd-tag gd-tag--green'>可协助申办</Text> : null}
          </View>
          <Text className='gd-muted'>{p.summary}</Text>
        </View>
      ))}
    </PageShell>
  );
}

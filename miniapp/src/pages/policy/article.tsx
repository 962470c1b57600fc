import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState, type ReactNode } from 'react';
import { PolicyTopic, type PolicyArticle } from '@wbt/shared';
import { PageShell } from '../../components/PageShell';
import { errorText, getPolicy } from '../../guardian/api';
import '../../guardian/guardian.css';

function Block({ icon, title, children, testid }: { icon: string; title: string; children: ReactNode; testid?: string }) {
  return (
    <View className='gd-block' data-testid={testid}>
      <View className='gd-block__head'>
        <Text className='gd-block__icon'>{icon}</Text>
        <Text className='gd-block__title'>{title}</Text>
      </View>
      {children}
    </View>
  );
}

/** One policy in plain words: what it is, who qualifies, what to bring, where to go, its source. */
export default function PolicyArticlePage() {
  const id = Number(useRouter().params.id);
  const [a, setA] = useState<PolicyArticle | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    getPolicy(id)
      .then((res) => {
        setA(res);
        void Taro.setNavigationBarTitle({ title: res.title.length > 12 ? '政策详情' : res.title });
      })
      .catch((e) => setError(errorText(e)));
  }, [id]);

  if (error) {
    return (
      <PageShell className='gd-page'>
        <Text className='gd-error'>{error}</Text>
      </PageShell>
    );
  }
  if (!a) {
    return (
      <PageShell className='gd-page'>
        <Text className='gd-muted'>正在加载…</Text>
      </PageShell>
    );
  }
  return (
    <PageShell className='gd-page'>
      <Text className='gd-title' data-testid='article-title'>{a.title}</Text>
      <View className='gd-card__row'>
        <Text className='gd-tag'>{PolicyTopic.label(a.topic)}</Text>
        {a.status !== 'published' ? <Text className='gd-tag gd-tag--orange'>未发布</Text> : null}
      </View>
      <Text className='gd-summary'>{a.summary}</Text>

      <Block icon='谁' title='谁可以申请' testid='article-eligibility'>
        <Text className='gd-para'>{a.eligibility}</Text>
      </Block>
      {a.materials.length ? (
        <Block icon='带' title='要带什么材料' testid='article-materials'>
          {a.materials.map((m, i) => (
            <View key={i} className='gd-list-item'>
              <Text className='gd-list-item__n'>{i + 1}</Text>
              <Text>{m}</Text>
            </View>
          ))}
        </Block>
      ) : null}
      <Block icon='去' title='到哪里办' testid='article-where'>
        <Text className='gd-para'>{a.whereToApply}</Text>
      </Block>
      <Block icon='详' title='详细说明'>
        <Text className='gd-para'>{a.body}</Text>
      </Block>
      <Text className='gd-source'>政策依据：{a.source}</Text>

      <View className='gd-bottom'>
        <View
          className='gd-btn'
          data-testid='ask-about-article'
          onClick={() => Taro.navigateTo({ url: `/pages/consult/ask?policyId=${a.id}&topic=${a.topic}` })}
        >
          <Text>问未保站</Text>
        </View>
        {a.canApply ? (
          <View className='gd-btn gd-btn--green' data-testid='apply-for-article' onClick={() => Taro.navigateTo({ url: `/pages/apply/index?policyId=${a.id}` })}>
            <Text>请帮我申办</Text>
          </View>
        ) : null}
      </View>
    </PageShell>
  );
}

import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ConsultationTopic, formatDate } from '@wbt/shared';
import { PageShell } from '../../components/PageShell';
import { myConsultations } from '../../guardian/api';
import { SignInNotice } from '../../guardian/SignInNotice';
import { ConsultStatusTag } from '../../guardian/ui';
import { useMyList } from '../../guardian/useMyList';
import '../../guardian/guardian.css';

/** 我的咨询: the guardian's questions, newest first, with a red dot on unread answers. */
export default function MyConsultationsPage() {
  const { items, error, signedIn, onSignedIn } = useMyList(myConsultations);

  return (
    <PageShell className='gd-page'>
      <Text className='gd-title'>我的咨询</Text>
      {!signedIn ? <SignInNotice reason='登录后可以看到您问过的问题和未保站的答复。不登录提问的，请用回执码在首页「查询进度」里查看。' onSignedIn={onSignedIn} /> : null}
      {signedIn && error ? <Text className='gd-error'>{error}</Text> : null}
      {signedIn && items && items.length === 0 ? (
        <View className='gd-card'>
          <Text className='gd-para'>您还没有提过问题。</Text>
        </View>
      ) : null}
      {(items ?? []).map((c) => (
        <View key={c.id} className='gd-card gd-card--tap' data-testid='my-consultation' onClick={() => Taro.navigateTo({ url: `/pages/consult/detail?id=${c.id}` })}>
          <View className='gd-card__row'>
            {c.unread ? <Text className='gd-dot' /> : null}
            <ConsultStatusTag status={c.status} />
            <Text className='gd-tag gd-tag--grey'>{ConsultationTopic.label(c.topic)}</Text>
            <Text className='gd-muted'>{formatDate(c.createdAt)}</Text>
          </View>
          <Text className='gd-para'>{c.preview}</Text>
          {c.unread ? <Text className='gd-banner gd-banner--ok'>未保站已答复，点开查看</Text> : null}
        </View>
      ))}
      {signedIn ? (
        <View className='gd-actions'>
          <View className='gd-btn' onClick={() => Taro.navigateTo({ url: '/pages/consult/ask' })}>
            <Text>我要提问</Text>
          </View>
        </View>
      ) : null}
    </PageShell>
  );
}

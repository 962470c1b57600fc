import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PageShell } from '../../components/PageShell';
import { myApplications } from '../../guardian/api';
import { day } from '../../guardian/format';
import { ApplicationStatusTag, SignInNotice } from '../../guardian/ui';
import { useMyList } from '../../guardian/useMyList';
import '../../guardian/guardian.css';

/** 我的申办: every application with its status and the latest word from the station. */
export default function MyApplicationsPage() {
  const { items, error, signedIn, signIn } = useMyList(myApplications);

  return (
    <PageShell className='gd-page'>
      <Text className='gd-title'>我的申办</Text>
      {!signedIn ? <SignInNotice onSignIn={signIn} error={error} /> : null}
      {signedIn && error ? <Text className='gd-error'>{error}</Text> : null}
      {signedIn && items && items.length === 0 ? (
        <View className='gd-card'>
          <Text className='gd-para'>还没有申办事项。在政策详情页点“请帮我申办”即可申请。</Text>
        </View>
      ) : null}
      {(items ?? []).map((a) => (
        <View key={a.id} className='gd-card gd-card--tap' onClick={() => Taro.navigateTo({ url: `/pages/apply/detail?id=${a.id}` })}>
          <Text className='gd-card__title'>{a.policyTitle}</Text>
          <View className='gd-card__row'>
            <ApplicationStatusTag status={a.status} />
            <Text className='gd-muted'>
              {a.childName} · {day(a.createdAt)}提交
            </Text>
          </View>
          {a.latestNote ? <Text className={a.status === 'need_more' ? 'gd-banner gd-banner--warn' : 'gd-muted'}>{a.latestNote}</Text> : null}
        </View>
      ))}
    </PageShell>
  );
}

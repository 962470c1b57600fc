import { formatDate } from '@wbt/shared';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PageShell } from '../../components/PageShell';
import { myApplications } from '../../guardian/api';
import { SignInNotice } from '../../guardian/SignInNotice';
import { ApplicationStatusTag } from '../../guardian/ui';
import { useMyList } from '../../guardian/useMyList';
import '../../guardian/guardian.css';

/** 我的申办: every application with its status and the latest word from the station. */
export default function MyApplicationsPage() {
  const { items, error, signedIn, onSignedIn } = useMyList(myApplications);

  return (
    <PageShell className='gd-page'>
      <Text className='gd-title'>我的申办</Text>
      {!signedIn ? <SignInNotice reason='登录后可以看到您请未保站协助申办的事项和每一步进展。' onSignedIn={onSignedIn} /> : null}
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
              {a.childName} · {formatDate(a.createdAt)}提交
            </Text>
          </View>
          {a.latestNote ? <Text className={a.status === 'need_more' ? 'gd-banner gd-banner--warn' : 'gd-muted'}>{a.latestNote}</Text> : null}
        </View>
      ))}
    </PageShell>
  );
}

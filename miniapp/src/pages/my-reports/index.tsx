import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { formatDate, ReportKind, type MyReportItem } from '@wbt/shared';
import { PageShell } from '../../components/PageShell';
import { SignInNotice } from '../../guardian/SignInNotice';
import { useMyList } from '../../guardian/useMyList';
import { api } from '../../services/api';
import '../report/report.css';

const myReports = () => api.get<{ items: MyReportItem[] }>('/api/my/reports');

/** 我的报告: reports and requests for help made by name while signed in (WeChat, or a phone in H5). */
export default function MyReportsPage() {
  const { items, error, signedIn, onSignedIn } = useMyList(myReports);

  return (
    <PageShell className='rp-page'>
      <Text className='rp-title'>我的报告</Text>
      {!signedIn ? (
        <>
          <SignInNotice reason='登录后实名提交的报告和求助会显示在这里。匿名报告请用回执码查询。' onSignedIn={onSignedIn} />
          <View className='rp-btn rp-btn--light' onClick={() => Taro.navigateTo({ url: '/pages/receipt/index' })}>
            <Text>用回执码查询</Text>
          </View>
        </>
      ) : null}
      {signedIn && error ? <Text className='rp-error'>{error}</Text> : null}
      {signedIn && items && items.length === 0 ? (
        <View className='rp-card'>
          <Text className='rp-para'>还没有实名报告。匿名报告请用回执码在「查询进度」里查看。</Text>
        </View>
      ) : null}
      {(items ?? []).map((r) => (
        <View key={r.id} className='rp-card' onClick={() => Taro.navigateTo({ url: `/pages/my-reports/detail?id=${r.id}` })} data-testid='my-report'>
          <Text className='rp-field__label'>
            {ReportKind.label(r.kind)} · {formatDate(r.receivedAt)}
          </Text>
          <Text className='rp-sub'>{r.statusLabel}</Text>
          <Text className='rp-para'>{r.summary}</Text>
        </View>
      ))}
    </PageShell>
  );
}

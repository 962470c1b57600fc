import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ReportKind, type MyReportItem } from '@wbt/shared';
import { PageShell } from '../../components/PageShell';
import { api, ApiError } from '../../services/api';
import { wechatSignIn } from '../../services/auth';
import { IS_WEAPP } from '../../services/config';
import { isPublicSession } from '../report/reportApi';
import '../report/report.css';

/** 我的报告: reports made by name while signed in with WeChat. */
export default function MyReportsPage() {
  const [items, setItems] = useState<MyReportItem[] | null>(null);
  const [error, setError] = useState('');
  const [signedIn, setSignedIn] = useState(isPublicSession());

  async function load() {
    try {
      setItems((await api.get<{ items: MyReportItem[] }>('/api/my/reports')).items);
      setError('');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '加载失败，请重试');
    }
  }

  useDidShow(() => {
    if (isPublicSession()) void load();
  });

  async function signIn() {
    try {
      await wechatSignIn();
      setSignedIn(true);
      await load();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '微信登录失败，请重试');
    }
  }

  return (
    <PageShell className='rp-page'>
      <Text className='rp-title'>我的报告</Text>
      {!signedIn ? (
        <View className='rp-card'>
          <Text className='rp-para'>实名提交的报告和求助会显示在这里。匿名报告请用回执码查询。</Text>
          {IS_WEAPP ? (
            <View className='rp-btn' onClick={signIn}>
              <Text>微信登录后查看</Text>
            </View>
          ) : (
            <Text className='rp-para'>请在微信小程序中打开。</Text>
          )}
          <View className='rp-btn rp-btn--light' onClick={() => Taro.navigateTo({ url: '/pages/receipt/index' })}>
            <Text>用回执码查询</Text>
          </View>
        </View>
      ) : null}
      {error ? <Text className='rp-error'>{error}</Text> : null}
      {items && items.length === 0 ? <Text className='rp-para'>还没有实名报告。</Text> : null}
      {(items ?? []).map((r) => (
        <View key={r.id} className='rp-card' onClick={() => Taro.navigateTo({ url: `/pages/my-reports/detail?id=${r.id}` })}>
          <Text className='rp-field__label'>
            {ReportKind.label(r.kind)} · {new Date(r.receivedAt).toLocaleDateString('zh-CN')}
          </Text>
          <Text className='rp-sub'>{r.statusLabel}</Text>
          <Text className='rp-para'>{r.summary}</Text>
        </View>
      ))}
    </PageShell>
  );
}

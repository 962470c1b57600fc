import Taro from '@tarojs/taro';
import { Text } from '@tarojs/components';
import { useEffect } from 'react';
import { PageShell } from '../../../components/PageShell';
import '../../../pages/report/report.css';

/**
 * The station has one intake: incoming reports are listed, filtered and triaged at 受理台. This old
 * address (bookmarks, older messages) opens it.
 */
export default function IncomingReportsPage() {
  useEffect(() => {
    void Taro.redirectTo({ url: '/staff/pages/intake/index?status=all' });
  }, []);
  return (
    <PageShell className='rp-page'>
      <Text className='rp-para'>正在打开受理台…</Text>
    </PageShell>
  );
}

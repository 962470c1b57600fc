import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Roster } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { LedgerFilterBar } from '../../work/LedgerFilterBar';
import { LEDGER_PAGES, ledgersApi, type LedgerQuery } from '../../work/ledgersApi';
import { ErrorLine } from '../../work/ui';
import '../../work/work.css';
import '../../work/ledgers.css';

const HINTS: Record<Roster, string> = {
  reception: '期间内收到的每一件报告、来电、来访和求助',
  protection: '期间内立案的救助保护个案',
  left_behind: '截至结束日期在档的农村留守儿童',
  plight: '截至结束日期在档的困境儿童（自身、家庭、临时困境）',
  orphans: '截至结束日期在档的散居孤儿和事实无人抚养儿童',
  visits: '期间内的每一次入户走访',
  referrals: '期间内的每一次转介（附件7）',
};

/** The station's ledgers (seed 003 §五(七)): each as .xlsx and as a printable page, for a node and period. */
export default function LedgersPage() {
  const [q, setQ] = useState<LedgerQuery>({});
  const [busy, setBusy] = useState<Roster | null>(null);
  const [error, setError] = useState('');
  const download = async (roster: Roster) => {
    setBusy(roster);
    setError('');
    try {
      await ledgersApi.download(roster, q, `${Roster.label(roster)}.xlsx`);
      void Taro.showToast({ title: '已导出', icon: 'success' });
    } catch (e) {
      setError(e instanceof Error ? e.message : '导出失败');
    } finally {
      setBusy(null);
    }
  };
  return (
    <PageShell className='wk-page'>
      <Text className='wk-h1'>台账与名册</Text>
      <Text className='wk-sub'>导出和打印均记入审计日志；县级导出的身份证号、电话等敏感信息已脱敏。</Text>
      <LedgerFilterBar value={q} onChange={setQ} />
      <ErrorLine text={error} />
      {Roster.codes.map((r) => (
        <View key={r} className='wk-card lg-roster' data-testid={`roster-${r}`}>
          <Text className='lg-roster__title'>{Roster.label(r)}</Text>
          <Text className='lg-roster__hint'>{HINTS[r]}</Text>
          <View className='lg-roster__btns'>
            <View className='lg-btn' onClick={() => void download(r)} data-testid={`download-${r}`}>
              <Text>{busy === r ? '正在导出…' : '导出 Excel'}</Text>
            </View>
            <View className='lg-btn lg-btn--light' onClick={() => void Taro.navigateTo({ url: LEDGER_PAGES.print(r, q) })} data-testid={`print-${r}`}>
              <Text>打印预览</Text>
            </View>
          </View>
        </View>
      ))}
    </PageShell>
  );
}

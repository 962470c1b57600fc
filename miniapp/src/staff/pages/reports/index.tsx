import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { formatDateTime, MandatorySituation, ReportMethod, ReportNature, ReportStatus, ReportTrigger, type IncomingReportItem } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { useCursorList } from '../../../components/useCursorList';
import { api } from '../../../services/api';
import { Chips } from '../../../pages/report/ui';
import '../../../pages/report/report.css';
import './reports.css';

type StatusFilter = '' | ReportStatus;

/** The township's incoming reports, newest first, with "load more" on the server's keyset cursor. */
export default function IncomingReportsPage() {
  const [status, setStatus] = useState<StatusFilter>('');
  const { items, cursor, loading, error, run } = useCursorList<IncomingReportItem, string>(() => load(true));

  function load(reset: boolean, s: StatusFilter = status): Promise<void> {
    return run(reset, (after) => {
      const query: Record<string, string | number> = { limit: 20 };
      if (s) query.status = s;
      if (after) query.cursor = after;
      return api.get<{ items: IncomingReportItem[]; nextCursor: string | null }>('/api/reports', query);
    });
  }

  return (
    <PageShell className='rp-page'>
      <Text className='rp-title'>收到的报告</Text>
      <View className='rp-btn rp-btn--light' onClick={() => Taro.navigateTo({ url: '/pages/report/index' })} data-testid='enter-call'>
        <Text>登记来电、来访报告</Text>
      </View>
      <Chips<StatusFilter>
        options={[{ value: '', label: '全部' }, ...ReportStatus.codes.map((c) => ({ value: c as StatusFilter, label: ReportStatus.label(c) }))]}
        value={status}
        onChange={(s) => {
          setStatus(s);
          void load(true, s);
        }}
      />
      {error ? <Text className='rp-error'>{error}</Text> : null}
      {!loading && items.length === 0 && !error ? <Text className='rp-para'>暂时没有报告。</Text> : null}
      {items.map((r) => (
        <View key={r.id} className='rp-card sr-item' onClick={() => Taro.navigateTo({ url: `/staff/pages/reports/detail?id=${r.id}` })} data-testid='incoming-item'>
          <View className='sr-item__top'>
            <Text className={`sr-badge sr-badge--${r.kind}`}>{ReportNature.label(r.nature)}</Text>
            <Text className='sr-status'>{ReportStatus.label(r.status)}</Text>
          </View>
          <Text className='sr-item__org'>
            {r.org.name} · {formatDateTime(r.receivedAt)} · {ReportMethod.label(r.method)}
            {r.anonymous ? ' · 匿名' : ' · 实名'}
          </Text>
          {r.situations.length || r.triggers.length ? (
            <Text className='sr-item__sit'>{[...r.situations.map((s) => MandatorySituation.label(s)), ...r.triggers.map((s) => ReportTrigger.label(s))].join('；')}</Text>
          ) : null}
          <Text className='rp-para'>{r.summary}</Text>
          <Text className='sr-item__meta'>
            {r.photoCount ? `照片 ${r.photoCount} 张` : ''}
            {r.lastReporterMessageAt ? ' · 报告人有补充' : ''}
          </Text>
        </View>
      ))}
      {cursor ? (
        <View className='rp-btn rp-btn--light' onClick={() => void load(false)}>
          <Text>{loading ? '加载中…' : '加载更多'}</Text>
        </View>
      ) : null}
    </PageShell>
  );
}

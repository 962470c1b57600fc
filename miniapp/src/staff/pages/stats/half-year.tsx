import { useRouter } from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { chinaDate, type Stats } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { ApiError } from '../../../services/api';
import { IS_WEAPP } from '../../../services/config';
import { ledgersApi } from '../../work/ledgersApi';
import { ErrorLine } from '../../work/ui';
import '../../work/work.css';
import '../../work/ledgers.css';

const hours = (h: number | null) => (h === null ? '—（本期无）' : h < 48 ? `${h}小时` : `${Math.round((h / 24) * 10) / 10}天`);

function Table({ head, rows, testid }: { head: string[]; rows: (string | number)[][]; testid: string }) {
  return (
    <View className='lg-table-wrap' style={{ marginBottom: '16px' }}>
      <View className='lg-table' data-testid={testid}>
        <View className='lg-thead'>
          <View className='lg-tr'>
            {head.map((h) => (
              <Text key={h} className='lg-th'>
                {h}
              </Text>
            ))}
          </View>
        </View>
        <View className='lg-tbody'>
          {rows.map((r, i) => (
            <View key={i} className='lg-tr'>
              {r.map((c, j) => (
                <Text key={j} className='lg-td'>
                  {String(c)}
                </Text>
              ))}
            </View>
          ))}
        </View>
      </View>
    </View>
  );
}

/** The half-year work report (seed 003: 每半年汇报) for a chosen half-year: on screen, on paper, or as Word. */
export default function HalfYearPage() {
  const today = chinaDate(new Date());
  const thisYear = Number(today.slice(0, 4));
  // The half-year named in the link, else the last completed one.
  const { params } = useRouter();
  const secondHalfNow = Number(today.slice(5, 7)) > 6;
  const linked = /^\d{4}$/.test(params.year ?? '') && (params.half === '1' || params.half === '2');
  const [year, setYear] = useState(linked ? Number(params.year) : secondHalfNow ? thisYear : thisYear - 1);
  const [half, setHalf] = useState<'1' | '2'>(linked ? (params.half as '1' | '2') : secondHalfNow ? '1' : '2');
  const years = [thisYear, thisYear - 1, thisYear - 2];
  if (!years.includes(year)) years.push(year);
  const [data, setData] = useState<{ periodLabel: string; stats: Stats } | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    ledgersApi
      .halfYear({ year, half })
      .then((r) => {
        setData(r);
        setError('');
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : '加载失败'));
  }, [year, half]);
  const s = data?.stats;
  const download = () => {
    setError('');
    ledgersApi.downloadHalfYear({ year, half }).catch((e: unknown) => setError(e instanceof Error ? e.message : '导出失败'));
  };
  return (
    <PageShell className='wk-page'>
      <View className='lg-noprint'>
        <View className='lg-filter'>
          <Picker mode='selector' range={years.map((y) => `${y}年`)} value={years.indexOf(year)} onChange={(e) => setYear(years[Number(e.detail.value)])}>
            <View className='lg-filter__item' data-testid='pick-year'>
              <Text className='lg-filter__label'>年份</Text>
              <Text className='lg-filter__value'>{year}年</Text>
            </View>
          </Picker>
          <Picker mode='selector' range={['上半年', '下半年']} value={half === '1' ? 0 : 1} onChange={(e) => setHalf(Number(e.detail.value) === 0 ? '1' : '2')}>
            <View className='lg-filter__item' data-testid='pick-half'>
              <Text className='lg-filter__label'>半年</Text>
              <Text className='lg-filter__value'>{half === '1' ? '上半年' : '下半年'}</Text>
            </View>
          </Picker>
        </View>
        <View className='lg-roster__btns' style={{ marginBottom: '16px' }}>
          <View className='lg-btn' onClick={download} data-testid='download-docx'>
            <Text>下载 Word</Text>
          </View>
          {!IS_WEAPP ? (
            <View className='lg-btn lg-btn--light' onClick={() => window.print()} data-testid='print-now'>
              <Text>打印</Text>
            </View>
          ) : null}
        </View>
      </View>
      <ErrorLine text={error} />
      {s && data ? (
        <View className='wk-card' data-testid='half-year-report'>
          <Text className='lg-print__title'>{s.orgName}未成年人保护工作站</Text>
          <Text className='lg-print__title' data-testid='half-year-title'>
            {data.periodLabel}工作情况报告
          </Text>
          <Text className='lg-print__meta'>统计期间：{s.period}</Text>
          <Text className='wk-card__title'>一、基本情况</Text>
          <Text className='st-dur' data-testid='hy-children'>
            在档农村留守儿童{s.kpi.leftBehind}人，困境儿童{s.kpi.plight}人，散居孤儿和事实无人抚养儿童{s.kpi.orphans}人。
          </Text>
          <Text className='wk-card__title'>二、发现报告与个案办理</Text>
          <Text className='st-dur' data-testid='hy-cases'>
            本期共接待报告、来电、来访和求助{s.kpi.reports}件，新立救助保护个案{s.kpi.casesOpened}件，结案{s.kpi.casesArchived}件，目前在办个案{s.kpi.casesOpen}件；转介{s.kpi.referrals}次。
          </Text>
          <Table head={['报告来源', '件数']} rows={s.reportsBySource.map((b) => [b.label, b.value])} testid='hy-source' />
          <Table head={['报告分类', '件数']} rows={s.reportsByCategory.map((b) => [b.label, b.value])} testid='hy-category' />
          <Table head={['事发到报告的时间', '件数']} rows={s.reportingDelay.map((b) => [b.label, b.value])} testid='hy-delay' />
          <Text className='st-dur'>
            报告到受理用时中位数{hours(s.durations.acknowledge.medianHours)}；报告到首次家访{hours(s.durations.firstVisit.medianHours)}；报告到结案{hours(s.durations.closing.medianHours)}。
          </Text>
          <Text className='wk-card__title'>三、走访与关爱服务</Text>
          <Text className='st-dur' data-testid='hy-visits'>
            本期入户走访{s.kpi.visits}次。
          </Text>
          <Table head={['月份', '应走访儿童', '已走访', '走访次数']} rows={s.visitsByMonth.map((m) => [`${Number(m.month.slice(5))}月`, m.due, m.covered, m.visits])} testid='hy-months' />
          <Text className='wk-card__title'>四、超时与督办</Text>
          <Text className='st-dur'>截至制表时，超时未办事项{s.kpi.overdueClocks}项。</Text>
          <Text className='wk-card__title'>五、存在问题和下步打算</Text>
          <Text className='st-dur'>（请在 Word 文件中填写）</Text>
          <View className='lg-print__signs'>
            <Text>填报人：＿＿＿＿</Text>
            <Text>审核人（站长）：＿＿＿＿</Text>
          </View>
        </View>
      ) : null}
    </PageShell>
  );
}

import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { Stats } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { ApiError } from '../../../services/api';
import { LedgerFilterBar } from '../../work/LedgerFilterBar';
import { LEDGER_PAGES, ledgersApi, type LedgerQuery } from '../../work/ledgersApi';
import { ErrorLine } from '../../work/ui';
import '../../work/work.css';
import '../../work/ledgers.css';

type Bar = { key: string; label: string; value: number };

function Bars({ title, bars, testid }: { title: string; bars: Bar[]; testid: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <View className='wk-card' data-testid={testid}>
      <Text className='wk-card__title'>{title}</Text>
      {bars.length === 0 ? <Text className='wk-sub'>无</Text> : null}
      {bars.map((b) => (
        <View key={b.key} className='st-bar'>
          <Text className='st-bar__label'>{b.label}</Text>
          <View className='st-bar__track'>
            <View className='st-bar__fill' style={{ width: `${(b.value / max) * 100}%` }} />
          </View>
          <Text className='st-bar__n'>{b.value}</Text>
        </View>
      ))}
    </View>
  );
}

function Tile({ n, label, danger, testid, onClick }: { n: number; label: string; danger?: boolean; testid: string; onClick?: () => void }) {
  return (
    <View className='st-tile' data-testid={testid} onClick={onClick}>
      <Text className={danger && n > 0 ? 'st-tile__n st-tile__n--danger' : 'st-tile__n'}>{n}</Text>
      <Text className='st-tile__label'>{label}</Text>
    </View>
  );
}

const hours = (h: number | null) => (h === null ? '—' : h < 48 ? `${h} 小时` : `${Math.round((h / 24) * 10) / 10} 天`);

/** Station and county statistics: KPI tiles and plain CSS bars (no chart library). */
export default function StatsPage() {
  const [q, setQ] = useState<LedgerQuery>({});
  const [s, setS] = useState<Stats | null>(null);
  const [error, setError] = useState('');
  const load = () =>
    ledgersApi
      .stats(q)
      .then((r) => {
        setS(r);
        setError('');
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : '加载失败'));
  useDidShow(() => void load());
  useEffect(() => void load(), [q.orgId, q.from, q.to]);
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));
  const roster = () => void Taro.navigateTo({ url: LEDGER_PAGES.index });

  return (
    <PageShell className='wk-page'>
      <Text className='wk-h1'>统计看板</Text>
      <LedgerFilterBar value={q} onChange={setQ} requirePeriod />
      <View className='lg-roster__btns' style={{ marginBottom: '24px' }}>
        <View className='lg-btn lg-btn--light' onClick={roster} data-testid='open-ledgers'>
          <Text>台账与名册</Text>
        </View>
        <View className='lg-btn lg-btn--light' onClick={() => void Taro.navigateTo({ url: LEDGER_PAGES.halfYear })} data-testid='open-half-year'>
          <Text>半年工作报告</Text>
        </View>
      </View>
      <ErrorLine text={error} />
      {s ? (
        <View>
          <Text className='wk-sub' data-testid='stats-scope'>
            {s.orgName}  {s.period}
          </Text>
          <View className='st-tiles'>
            <Tile n={s.kpi.reports} label='收到报告' testid='kpi-reports' onClick={roster} />
            <Tile n={s.kpi.casesOpened} label='新立个案' testid='kpi-cases-opened' />
            <Tile n={s.kpi.casesOpen} label='在办个案（当前）' testid='kpi-cases-open' />
            <Tile n={s.kpi.casesArchived} label='期间结案' testid='kpi-cases-archived' />
            <Tile n={s.kpi.visits} label='入户走访' testid='kpi-visits' />
            <Tile n={s.kpi.referrals} label='转介' testid='kpi-referrals' />
            <Tile n={s.kpi.leftBehind} label='农村留守儿童' testid='kpi-left-behind' />
            <Tile n={s.kpi.plight} label='困境儿童' testid='kpi-plight' />
            <Tile n={s.kpi.orphans} label='散居孤儿和事实无人抚养儿童' testid='kpi-orphans' />
            <Tile n={s.kpi.overdueClocks} label='超时未办（当前）' danger testid='kpi-overdue' />
          </View>
          <Bars title='报告来源' bars={s.reportsBySource} testid='bars-source' />
          <Bars title='报告分类' bars={s.reportsByCategory} testid='bars-category' />
          <Bars title='每月收到报告' bars={s.reportsByMonth} testid='bars-month' />
          <Bars title='报告时延（事发到报告）' bars={s.reportingDelay} testid='bars-delay' />
          <Bars title='在办个案：风险等级' bars={s.openCasesByRisk} testid='bars-risk' />
          <Bars title='在办个案：所处环节' bars={s.openCasesByStep} testid='bars-step' />
          <Bars title='超时：按村（社区）' bars={s.overdueByVillage} testid='bars-overdue-village' />
          <Bars title='超时：按责任人' bars={s.overdueByPerson} testid='bars-overdue-person' />
          <View className='wk-card' data-testid='visits-by-month'>
            <Text className='wk-card__title'>每月走访覆盖（当月应走访儿童中已走访的）</Text>
            {s.visitsByMonth.map((m) => (
              <View key={m.month} className='st-bar'>
                <Text className='st-bar__label'>{Number(m.month.slice(5))}月 走访{m.visits}次</Text>
                <View className='st-bar__track'>
                  <View className='st-bar__fill st-bar__fill--done' style={{ width: `${m.due ? (m.covered / m.due) * 100 : 0}%` }} />
                </View>
                <Text className='st-bar__n'>
                  {m.covered}/{m.due}
                </Text>
              </View>
            ))}
          </View>
          <View className='wk-card' data-testid='durations'>
            <Text className='wk-card__title'>办理用时（中位数 / 平均）</Text>
            <Text className='st-dur'>报告到受理：{hours(s.durations.acknowledge.medianHours)} / {hours(s.durations.acknowledge.avgHours)}（{s.durations.acknowledge.count} 件）</Text>
            <Text className='st-dur'>报告到首次家访：{hours(s.durations.firstVisit.medianHours)} / {hours(s.durations.firstVisit.avgHours)}（{s.durations.firstVisit.count} 件）</Text>
            <Text className='st-dur'>报告到结案：{hours(s.durations.closing.medianHours)} / {hours(s.durations.closing.avgHours)}（{s.durations.closing.count} 件）</Text>
          </View>
        </View>
      ) : null}
    </PageShell>
  );
}

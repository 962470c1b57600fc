import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ChildCategory, type VillageOverview } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { ApiError } from '../../../services/api';
import { getSession } from '../../../services/session';
import { childrenApi, PAGES } from '../../work/api';
import { Btn, ErrorLine } from '../../work/ui';
import '../../work/work.css';

const sum = (vs: VillageOverview[], f: (v: VillageOverview) => number) => vs.reduce((a, v) => a + f(v), 0);

/** The supervisor's township: each village's files by tier and category, visits done against plan, what is late. */
export default function TownshipOverviewPage() {
  const [villages, setVillages] = useState<VillageOverview[] | null>(null);
  const [error, setError] = useState('');
  const load = () =>
    childrenApi
      .overview()
      .then((r) => {
        setVillages(r.villages);
        setError('');
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : '加载失败'));
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  const vs = villages ?? [];
  // The county admin sees counts only: the children's files themselves stay with the township.
  const countyView = getSession()?.user.role === 'county_admin';
  const go = (q: string) => (countyView ? undefined : void Taro.navigateTo({ url: PAGES.childList(q) }));
  return (
    <PageShell className='wk-page'>
      <Text className='wk-h1'>{countyView ? '全县儿童档案概况' : '全镇儿童档案'}</Text>
      <ErrorLine text={error} />
      <View className='wk-counts'>
        <View className='wk-count' onClick={() => go('')}>
          <Text className='wk-count__n'>{sum(vs, (v) => v.files)}</Text>
          <Text className='wk-count__label'>档案</Text>
        </View>
        <View className='wk-count wk-count--danger' onClick={() => go('visitOverdue=true')} data-testid='overview-visits-overdue'>
          <Text className='wk-count__n'>{sum(vs, (v) => v.visitsOverdue)}</Text>
          <Text className='wk-count__label'>走访逾期</Text>
        </View>
        <View className='wk-count wk-count--warn' onClick={() => go('confirm=pending')} data-testid='overview-confirm'>
          <Text className='wk-count__n'>{sum(vs, (v) => v.confirmPending)}</Text>
          <Text className='wk-count__label'>待确认</Text>
        </View>
      </View>
      <View className='wk-btns' style={countyView ? { display: 'none' } : undefined}>
        <Btn label={`待我确认的档案（${sum(vs, (v) => v.confirmPending)}，其中逾期 ${sum(vs, (v) => v.confirmOverdue)}）`} onClick={() => go('confirm=pending')} testid='pending-confirm' />
      </View>
      {vs.map((v) => (
        <View key={v.orgId} className='wk-card wk-village' onClick={() => go(`orgId=${v.orgId}`)} data-testid={`village-${v.orgId}`}>
          <View className='wk-village__head'>
            <Text className='wk-village__name'>{v.orgName}</Text>
            <Text className='wk-sub'>{v.files} 份档案{countyView ? '' : ' ›'}</Text>
          </View>
          <View className='wk-stats'>
            <Text className='wk-stat'>高 {v.byTier.high}</Text>
            <Text className='wk-stat'>中 {v.byTier.medium}</Text>
            <Text className='wk-stat'>低 {v.byTier.low}</Text>
            {v.visitsOverdue ? <Text className='wk-stat wk-stat--danger'>走访逾期 {v.visitsOverdue}</Text> : null}
            {v.confirmOverdue ? <Text className='wk-stat wk-stat--danger'>确认逾期 {v.confirmOverdue}</Text> : null}
            {v.confirmPending - v.confirmOverdue > 0 ? <Text className='wk-stat'>待确认 {v.confirmPending - v.confirmOverdue}</Text> : null}
            <Text className='wk-stat'>本月已走访 {v.visitedThisMonth}/{v.activeFiles}</Text>
          </View>
          {Object.keys(v.byCategory).length ? (
            <Text className='wk-sub'>
              {Object.entries(v.byCategory)
                .map(([k, n]) => `${ChildCategory.label(k as never)} ${n}`)
                .join('，')}
            </Text>
          ) : null}
          {v.directors.map((d) => (
            <Text key={String(d.userId)} className='wk-sub'>
              {d.name}：近30天应走访 {d.planned30d} 次，已完成 {d.done30d} 次{d.overdue ? `，逾期 ${d.overdue} 项` : ''}
            </Text>
          ))}
        </View>
      ))}
    </PageShell>
  );
}

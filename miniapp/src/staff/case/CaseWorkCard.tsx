import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { Role } from '@wbt/shared';
import { NOTIFY_PAGES } from '../notify/api';
import { caseApi, CASE_PAGES } from './api';
import './case.css';

/** Workbench entry to the station's case work, with the clocks that ran out. Not shown to directors. */
export function CaseWorkCard({ role }: { role: Role | undefined }) {
  const [summary, setSummary] = useState<{ overdue: number; dueSoon: number } | null>(null);
  const [untriaged, setUntriaged] = useState<number | null>(null);
  const station = role === 'supervisor' || role === 'station_head' || role === 'county_admin';
  const load = () => {
    if (!role || role === 'director' || role === 'public') return;
    caseApi.deadlineSummary().then(setSummary).catch(() => undefined);
    if (station)
      caseApi
        .intake({ status: 'untriaged', limit: 50 })
        .then((r) => setUntriaged(r.items.length))
        .catch(() => undefined);
  };
  // The role arrives after the profile loads; come back to the workbench and the counts refresh.
  useEffect(load, [role]);
  useDidShow(load);
  if (!role || role === 'director' || role === 'public') return null;
  return (
    <View className='wbt-card cs-workcard' data-testid='casework-card'>
      <Text className='cs-section__title'>个案办理</Text>
      {summary && summary.overdue > 0 ? (
        <View className='cs-alert' onClick={() => Taro.navigateTo({ url: NOTIFY_PAGES.board })} data-testid='casework-overdue'>
          <Text>⚠ {summary.overdue} 项工作已超时（任务与时限）</Text>
        </View>
      ) : null}
      <View className='cs-actions'>
        {station ? (
          <View className='cs-action' onClick={() => Taro.navigateTo({ url: CASE_PAGES.intake })} data-testid='go-intake'>
            <Text>报告受理台{untriaged ? `（待受理 ${untriaged}）` : ''}</Text>
          </View>
        ) : null}
        <View className={`cs-action ${station ? 'cs-action--secondary' : ''}`} onClick={() => Taro.navigateTo({ url: CASE_PAGES.list })} data-testid='go-case-list'>
          <Text>{role === 'social_worker' ? '我的个案' : '个案列表'}</Text>
        </View>
      </View>
    </View>
  );
}

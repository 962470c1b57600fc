import { Picker, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { ledgersApi, type LedgerQuery } from './ledgersApi';
import './ledgers.css';

/** Node and period of a roster or of the statistics: the caller's own node or one below it, and two dates. */
export function LedgerFilterBar({ value, onChange, requirePeriod }: { value: LedgerQuery; onChange: (q: LedgerQuery) => void; requirePeriod?: boolean }) {
  const [orgs, setOrgs] = useState<{ id: number; name: string; level: string }[]>([]);
  useEffect(() => {
    ledgersApi
      .orgs()
      .then((r) => setOrgs(r.items.filter((o) => o.level !== 'village' || r.items.length < 60)))
      .catch(() => setOrgs([]));
  }, []);
  const names = ['全部（本级）', ...orgs.slice(1).map((o) => o.name)];
  const index = value.orgId ? Math.max(0, orgs.findIndex((o) => o.id === value.orgId)) : 0;
  return (
    <View className='lg-filter' data-testid='ledger-filter'>
      <Picker mode='selector' range={names} value={index} onChange={(e) => onChange({ ...value, orgId: Number(e.detail.value) === 0 ? undefined : orgs[Number(e.detail.value)]?.id })}>
        <View className='lg-filter__item' data-testid='filter-org'>
          <Text className='lg-filter__label'>范围</Text>
          <Text className='lg-filter__value'>{names[index] ?? '全部（本级）'}</Text>
        </View>
      </Picker>
      <Picker mode='date' value={value.from ?? ''} onChange={(e) => onChange({ ...value, from: String(e.detail.value) })}>
        <View className='lg-filter__item' data-testid='filter-from'>
          <Text className='lg-filter__label'>开始</Text>
          <Text className='lg-filter__value'>{value.from ?? (requirePeriod ? '本年1月1日' : '不限')}</Text>
        </View>
      </Picker>
      <Picker mode='date' value={value.to ?? ''} onChange={(e) => onChange({ ...value, to: String(e.detail.value) })}>
        <View className='lg-filter__item' data-testid='filter-to'>
          <Text className='lg-filter__label'>结束</Text>
          <Text className='lg-filter__value'>{value.to ?? (requirePeriod ? '今天' : '不限')}</Text>
        </View>
      </Picker>
      {value.from || value.to || value.orgId ? (
        <View className='lg-filter__item lg-filter__clear' onClick={() => onChange({})} data-testid='filter-clear'>
          <Text className='lg-filter__value'>清除</Text>
        </View>
      ) : null}
    </View>
  );
}

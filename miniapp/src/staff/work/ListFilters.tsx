import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { api } from '../../services/api';
import { Chips, Field } from '../../pages/report/ui';
import { Btn } from './ui';

export interface ListFilterValue {
  name: string;
  villageId: number | null;
  risk: 'high' | 'medium' | 'low' | null;
}

export const NO_FILTER: ListFilterValue = { name: '', villageId: null, risk: null };

const RISKS = [
  { value: 'high' as const, label: '高风险' },
  { value: 'medium' as const, label: '中风险' },
  { value: 'low' as const, label: '低风险' },
];

/**
 * Search by the child's exact name, and filters by village (township staff) and risk, for the child
 * and case lists. Tapping a chosen chip again clears it.
 */
export function ListFilters({ value, onChange, villages: showVillages }: { value: ListFilterValue; onChange: (v: ListFilterValue) => void; villages: boolean }) {
  const [name, setName] = useState(value.name);
  const [villages, setVillages] = useState<{ id: number; name: string }[]>([]);
  useEffect(() => {
    if (!showVillages) return;
    api
      .get<{ items: { id: number; name: string; level: string }[] }>('/api/orgs')
      .then((r) => setVillages(r.items.filter((o) => o.level === 'village')))
      .catch(() => undefined);
  }, [showVillages]);
  return (
    <View data-testid='list-filters'>
      <Field label='按儿童姓名查找（须完整姓名）' name='searchName' value={name} onChange={setName} maxlength={30} placeholder='输入完整姓名' testid='search-name' />
      <View className='wk-btns'>
        <Btn label='查找' onClick={() => onChange({ ...value, name: name.trim() })} testid='search-go' />
        {value.name ? <Btn label='清除姓名' kind='light' onClick={() => (setName(''), onChange({ ...value, name: '' }))} /> : null}
      </View>
      {showVillages && villages.length ? (
        <Chips<number>
          testid='filter-village'
          options={villages.map((v) => ({ value: v.id, label: v.name }))}
          value={value.villageId}
          onChange={(id) => onChange({ ...value, villageId: value.villageId === id ? null : id })}
        />
      ) : null}
      <Chips<'high' | 'medium' | 'low'> testid='filter-risk' options={RISKS} value={value.risk} onChange={(r) => onChange({ ...value, risk: value.risk === r ? null : r })} />
    </View>
  );
}

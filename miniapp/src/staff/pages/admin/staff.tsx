import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { StaffRole, StaffView } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { adminApi, ADMIN_PAGES } from '../../admin/api';
import { ChoiceRow, messageOf } from '../../admin/ui';
import { Btn, Empty, ErrorLine } from '../../work/ui';
import '../../work/work.css';

type RoleFilter = StaffRole | 'all';
const FILTERS: { value: RoleFilter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'director', label: '儿童主任' },
  { value: 'supervisor', label: '儿童督导员' },
  { value: 'social_worker', label: '儿童社工' },
  { value: 'station_head', label: '站长' },
  { value: 'county_admin', label: '县级管理员' },
];

/** Every staff account in reach: the township's (station head) or the county's (county admin). */
export default function StaffListPage() {
  const [role, setRole] = useState<RoleFilter>('all');
  const [items, setItems] = useState<StaffView[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState('');
  const load = async (r: RoleFilter, after?: number) => {
    try {
      const page = await adminApi.staff({ limit: 50, ...(r === 'all' ? {} : { role: r }), ...(after ? { after } : {}) });
      setItems((prev) => (after && prev ? [...prev, ...page.items] : page.items));
      setNext(page.nextAfter);
      setError('');
    } catch (e) {
      setError(messageOf(e));
    }
  };
  useDidShow(() => void load(role));

  return (
    <PageShell className='wk-page'>
      <Text className='wk-h1'>人员账号</Text>
      <Btn label='＋ 新建账号' onClick={() => void Taro.navigateTo({ url: ADMIN_PAGES.newStaff })} testid='staff-new' />
      <ChoiceRow options={FILTERS} value={role} onChange={(r) => { setRole(r); void load(r); }} testid='staff-filter' />
      <ErrorLine text={error} />
      <View className='wk-card'>
        {items && items.length === 0 ? <Empty text='没有符合条件的账号' /> : null}
        {(items ?? []).map((s) => (
          <View key={s.id} className='ad-item' onClick={() => void Taro.navigateTo({ url: ADMIN_PAGES.person(s.id) })} data-testid={`staff-${s.username}`}>
            <View className='ad-item__top'>
              <Text className='ad-item__name'>{s.name}</Text>
              <Text className={s.active ? 'ad-badge' : 'ad-badge ad-badge--off'}>{s.active ? s.roleLabel : '已停用'}</Text>
            </View>
            <Text className='ad-item__sub'>{s.orgName ?? '—'} · 用户名 {s.username}{s.mustChangePassword ? ' · 待改初始密码' : ''}</Text>
          </View>
        ))}
      </View>
      {next ? <Btn label='加载更多' kind='light' onClick={() => void load(role, next)} /> : null}
    </PageShell>
  );
}

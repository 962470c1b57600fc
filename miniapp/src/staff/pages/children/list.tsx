import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ChildCategory, type ChildSummary, formatDateWeekday, dueText } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { Chips } from '../../../pages/report/ui';
import '../../../pages/report/report.css';
import { ApiError } from '../../../services/api';
import { getSession } from '../../../services/session';
import { childrenApi, PAGES, tasksApi } from '../../work/api';
import { Btn, Empty, ErrorLine, TierBadge } from '../../work/ui';
import { ListFilters, NO_FILTER, type ListFilterValue } from '../../work/ListFilters';
import '../../work/work.css';

type Filter = 'all' | 'pending' | 'overdue' | 'visitOverdue';
const FILTERS: { value: Filter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'visitOverdue', label: '走访逾期' },
  { value: 'pending', label: '待确认' },
  { value: 'overdue', label: '确认逾期' },
];

/** Files in my scope (a village, or the township), with the late ones one tap away. */
export default function ChildListPage() {
  const params = useRouter().params;
  const orgId = params.orgId ? Number(params.orgId) : undefined;
  /** Picking the file for a visit task dispatched before the child had one. */
  const pickForTask = params.pickForTask ? Number(params.pickForTask) : null;
  const initial: Filter = params.confirm === 'overdue' ? 'overdue' : params.confirm === 'pending' ? 'pending' : params.visitOverdue === 'true' ? 'visitOverdue' : 'all';
  const [filter, setFilter] = useState<Filter>(initial);
  const [search, setSearch] = useState<ListFilterValue>(NO_FILTER);
  const [items, setItems] = useState<ChildSummary[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState('');
  const role = getSession()?.user.role;

  async function load(reset: boolean, fl: Filter = filter, sv: ListFilterValue = search) {
    const q: Record<string, string | number | boolean> = { limit: 30 };
    if (orgId) q.orgId = orgId;
    else if (sv.villageId) q.orgId = sv.villageId;
    if (sv.name) q.name = sv.name;
    if (sv.risk) q.riskTier = sv.risk;
    if (fl === 'pending' || fl === 'overdue') q.confirm = fl;
    if (fl === 'visitOverdue') q.visitOverdue = 'true';
    if (!reset && next) q.after = next;
    try {
      const page = await childrenApi.list(q);
      setItems((old) => (reset ? page.items : [...old, ...page.items]));
      setNext(page.nextAfter);
      setError('');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '加载失败');
    }
  }
  useDidShow(() => void load(true));

  async function open(childId: number) {
    if (!pickForTask) return void Taro.navigateTo({ url: PAGES.child(childId) });
    try {
      await tasksApi.linkChild(pickForTask, childId);
      await Taro.redirectTo({ url: PAGES.newVisit(childId, pickForTask) });
    } catch (e) {
      void Taro.showToast({ title: e instanceof ApiError ? e.message : '关联失败', icon: 'none' });
    }
  }
  usePullDownRefresh(() => void load(true).finally(() => Taro.stopPullDownRefresh()));

  return (
    <PageShell className='wk-page rp-page'>
      <Text className='wk-h1'>{pickForTask ? '选择要走访的儿童' : '儿童档案'}</Text>
      <Chips options={FILTERS} value={filter} onChange={(v) => { setFilter(v); void load(true, v); }} testid='child-filter' />
      <ListFilters
        value={search}
        villages={!orgId && role !== 'director'}
        onChange={(v) => {
          setSearch(v);
          void load(true, filter, v);
        }}
      />
      {role === 'director' || role === 'supervisor' || role === 'station_head' ? (
        <View className='wk-btns'>
          <Btn label='＋ 新建儿童档案' kind='light' onClick={() => void Taro.navigateTo({ url: PAGES.editChild() })} testid='new-child' />
        </View>
      ) : null}
      <ErrorLine text={error} />
      {items.length === 0 && !error ? <Empty text='没有符合条件的档案' /> : null}
      {items.map((c) => (
        <View key={c.id} className='wk-card' onClick={() => void open(c.id)} data-testid={`child-${c.id}`}>
          <View className='wk-task__who'>
            <Text className='wk-task__name'>{c.name}</Text>
            <TierBadge tier={c.riskTier} />
            <Text className='wk-sub'>{c.age}岁 · {c.orgName}</Text>
          </View>
          <View className='wk-tags'>
            {c.categories.map((k) => (
              <Text key={k} className='wk-tag'>{ChildCategory.label(k)}</Text>
            ))}
          </View>
          {c.nextVisitDue ? (
            <Text className={c.visitOverdue ? 'wk-error' : 'wk-task__when'}>下次走访：{formatDateWeekday(c.nextVisitDue)}（{dueText(c.nextVisitDue)}）</Text>
          ) : null}
          {c.confirmStatus === 'pending' ? (
            <Text className={c.confirmOverdue ? 'wk-error' : 'wk-task__when'}>{c.confirmOverdue ? '督导员确认已逾期' : '待督导员确认'}</Text>
          ) : null}
        </View>
      ))}
      {next ? <Btn label='加载更多' kind='light' onClick={() => void load(false)} /> : null}
    </PageShell>
  );
}

import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { PageShell } from '../../../components/PageShell';
import { useCursorList } from '../../../components/useCursorList';
import { caseApi, CASE_PAGES, type CaseClockView, type CaseListItem } from '../../case/api';
import { Badge, Check, Chips, DueBadge } from '../../case/ui';
import { ListFilters, NO_FILTER, type ListFilterValue } from '../../work/ListFilters';
import { getSession } from '../../../services/session';
import '../../../pages/report/report.css';

type Status = 'active' | 'archived' | 'all';

/** Cases in reach, with the next clock of each and the overdue ones marked; the overdue clocks on top. */
export default function CaseListPage() {
  const params = useRouter().params;
  const [status, setStatus] = useState<Status>('active');
  const [mine, setMine] = useState(false);
  const [overdue, setOverdue] = useState(params.overdue === '1');
  const [clocks, setClocks] = useState<CaseClockView[]>([]);
  const [search, setSearch] = useState<ListFilterValue>(NO_FILTER);
  const role = getSession()?.user.role;
  const { items, cursor, loading, error, run } = useCursorList<CaseListItem, number>(() => load(true));

  function load(reset: boolean, f = { status, mine, overdue }, sv: ListFilterValue = search): Promise<void> {
    return run(reset, async (before) => {
      const query: Record<string, string | number> = { status: f.status, limit: 30 };
      if (sv.name) query.name = sv.name;
      if (sv.villageId) query.villageId = sv.villageId;
      if (sv.risk) query.riskLevel = sv.risk;
      if (f.mine) query.mine = 'true';
      if (f.overdue) query.overdue = 'true';
      if (before) query.before = before;
      const [page, late] = await Promise.all([caseApi.list(query), caseApi.deadlines(true)]);
      setClocks(late.items);
      return page;
    });
  }

  return (
    <PageShell className='rp-page'>
      <Text className='rp-title'>个案</Text>
      {clocks.length ? (
        <View className='cs-section' data-testid='overdue-clocks'>
          <Text className='cs-section__title'>⚠ 时限已到（{clocks.length}）</Text>
          {clocks.map((c) => (
            <View key={c.id} className={c.link ? 'cs-kv cs-kv--tap' : 'cs-kv'} onClick={() => c.link && Taro.navigateTo({ url: c.link })}>
              <Text className='cs-kv__k'>{c.kindLabel}</Text>
              <Text className='cs-kv__v'>
                {c.subject}
                {c.ownerName ? ` · ${c.ownerName}` : ''} · {c.dueText}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
      <Chips<Status>
        options={[
          { value: 'active', label: '办理中' },
          { value: 'archived', label: '已归档' },
          { value: 'all', label: '全部' },
        ]}
        value={status}
        onChange={(s) => {
          setStatus(s);
          void load(true, { status: s, mine, overdue });
        }}
      />
      <ListFilters
        value={search}
        villages={role !== 'director'}
        onChange={(v) => {
          setSearch(v);
          void load(true, { status, mine, overdue }, v);
        }}
      />
      <Check on={mine} label='只看我负责的' onToggle={() => (setMine(!mine), void load(true, { status, mine: !mine, overdue }))} />
      <Check on={overdue} label='只看已超时' onToggle={() => (setOverdue(!overdue), void load(true, { status, mine, overdue: !overdue }))} />
      {error ? <Text className='rp-error'>{error}</Text> : null}
      {!loading && items.length === 0 && !error ? <Text className='rp-para'>没有个案。</Text> : null}
      {items.map((c) => (
        <View
          key={c.id}
          className={`cs-item ${c.overdue ? 'cs-item--overdue' : ''}`}
          onClick={() => Taro.navigateTo({ url: CASE_PAGES.detail(c.id) })}
          data-testid='case-item'
          data-case-id={c.id}
        >
          <View className='cs-item__top'>
            <Badge tone={c.status === 'archived' ? 'muted' : 'info'}>{c.statusLabel}</Badge>
            {c.riskLabel ? <Badge tone={c.riskLevel === 'high' ? 'danger' : c.riskLevel === 'medium' ? 'warn' : 'ok'}>{c.riskLabel}</Badge> : null}
            {c.serious ? <Badge tone='danger'>严重侵害</Badge> : null}
            {c.nextDue ? <DueBadge overdue={c.nextDue.overdue} text={`${c.nextDue.kindLabel} ${c.nextDue.dueText}`} dueAt={c.nextDue.dueAt} /> : null}
          </View>
          <Text className='cs-item__title'>
            个案 {c.code} · {c.childName ?? '儿童姓名未知'}
          </Text>
          <Text className='cs-item__meta'>
            {c.kindLabel} · {c.villageName ?? '村（社区）未定'}
            {c.ownerName ? ` · 负责人 ${c.ownerName}` : ''}
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

import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { MandatorySituation, ReportNature, ReportTrigger } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { useCursorList } from '../../../components/useCursorList';
import { caseApi, CASE_PAGES, type IntakeItem } from '../../case/api';
import { Badge, Check, Chips, DueBadge } from '../../case/ui';
import { NOTIFY_PAGES } from '../../notify/api';
import '../../../pages/report/report.css';

type Status = 'untriaged' | 'triaged' | 'all';
type Category = '' | 'harm' | 'help';

/** 受理台, the station's one intake (群众报告、求助、来电来访): new reports with their age and the 24-hour acknowledgement clock; overdue ones stand out. */
export default function IntakePage() {
  const initial = useRouter().params.status;
  const [status, setStatus] = useState<Status>(initial === 'all' || initial === 'triaged' ? initial : 'untriaged');
  const [category, setCategory] = useState<Category>('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [summary, setSummary] = useState<{ overdue: number; dueSoon: number } | null>(null);
  const { items, cursor, loading, error, run } = useCursorList<IntakeItem, string>(() => load(true));

  function load(reset: boolean, f = { status, category, overdueOnly }): Promise<void> {
    return run(reset, async (after) => {
      const query: Record<string, string | number> = { status: f.status, limit: 30 };
      if (f.category) query.category = f.category;
      if (f.overdueOnly) query.overdue = 'true';
      if (after) query.cursor = after;
      const [page, sum] = await Promise.all([caseApi.intake(query), caseApi.deadlineSummary()]);
      setSummary(sum);
      return page;
    });
  }

  const open = (r: IntakeItem) =>
    Taro.navigateTo({ url: r.triage?.caseId ? CASE_PAGES.detail(r.triage.caseId) : r.triage ? CASE_PAGES.reportDetail(r.id) : CASE_PAGES.triage(r.id) });
  const openReport = (r: IntakeItem) => Taro.navigateTo({ url: CASE_PAGES.reportDetail(r.id) });

  return (
    <PageShell className='rp-page'>
      <Text className='rp-title'>受理台</Text>
      {summary && summary.overdue > 0 ? (
        <View className='cs-alert' data-testid='overdue-summary' onClick={() => Taro.navigateTo({ url: NOTIFY_PAGES.board })}>
          <Text>⚠ 有 {summary.overdue} 项工作已超时，请尽快处理（点此查看）</Text>
        </View>
      ) : null}
      <View className='cs-actions'>
        <View className='cs-action cs-action--secondary' onClick={() => Taro.navigateTo({ url: CASE_PAGES.list })} data-testid='go-cases'>
          <Text>个案列表</Text>
        </View>
        <View className='cs-action cs-action--secondary' onClick={() => Taro.navigateTo({ url: '/pages/report/index' })} data-testid='enter-call'>
          <Text>登记来电来访</Text>
        </View>
      </View>
      <Chips<Status>
        testid='filter-status'
        options={[
          { value: 'untriaged', label: '待受理' },
          { value: 'triaged', label: '已受理' },
          { value: 'all', label: '全部' },
        ]}
        value={status}
        onChange={(s) => {
          setStatus(s);
          void load(true, { status: s, category, overdueOnly });
        }}
      />
      <Chips<Category>
        options={[
          { value: '', label: '全部类别' },
          { value: 'harm', label: '报告案例' },
          { value: 'help', label: '求助' },
        ]}
        value={category}
        onChange={(c) => {
          setCategory(c);
          void load(true, { status, category: c, overdueOnly });
        }}
      />
      <Check
        on={overdueOnly}
        label='只看已超时'
        onToggle={() => {
          setOverdueOnly(!overdueOnly);
          void load(true, { status, category, overdueOnly: !overdueOnly });
        }}
      />
      {error ? <Text className='rp-error'>{error}</Text> : null}
      {!loading && items.length === 0 && !error ? <Text className='rp-para'>没有需要受理的报告。</Text> : null}
      {items.map((r) => (
        <View
          key={r.id}
          className={`cs-item ${r.ackOverdue || r.firstAnswerOverdue ? 'cs-item--overdue' : ''}`}
          onClick={() => void open(r)}
          data-testid='intake-item'
          data-report-id={r.id}
        >
          <View className='cs-item__top'>
            <Badge tone={r.kind === 'harm' ? 'danger' : 'ok'}>{ReportNature.label(r.nature)}</Badge>
            <Badge tone='muted'>{r.anonymous ? '匿名' : '实名'}</Badge>
            <Badge tone='muted'>{r.methodLabel}</Badge>
            {r.triage ? <Badge tone='info'>{r.triage.categoryLabel}{r.triage.caseCode ? ` · 个案 ${r.triage.caseCode}` : ''}</Badge> : <DueBadge overdue={r.ackOverdue} text={r.ackOverdue ? `受理${r.ackDueText}` : `受理时限${r.ackDueText}`} dueAt={r.ackDueAt} testid='ack-badge' />}
            {r.firstAnswerOverdue ? <Badge tone='danger'>⚠ 未按时答复报告人</Badge> : null}
          </View>
          <Text className='cs-item__title'>
            {r.org.name} · {r.age}
          </Text>
          {r.situations.length || r.triggers.length ? (
            <Text className='cs-item__meta'>{[...r.situations.map((s) => MandatorySituation.label(s)), ...r.triggers.map((s) => ReportTrigger.label(s))].join('；')}</Text>
          ) : null}
          <Text className='cs-item__text'>{r.summary}</Text>
          <Text className='cs-item__meta'>{r.triage ? '点此查看' : '点此分类受理 ›'}</Text>
          <View
            className='cs-link'
            onClick={(e) => {
              e.stopPropagation();
              void openReport(r);
            }}
            data-testid='intake-report'
          >
            <Text>报告全文与留言 ›</Text>
          </View>
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

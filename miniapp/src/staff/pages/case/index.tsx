import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Authority, CASE_STATUS_STAGE, REPORT_READ_ROLES, CLOCK_RULES, ChildSex, describeDue, type CaseDetail, type ClockKind, type DirectorCaseView, type TaskView, formatDateTime, formatDeadline } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { ApiError } from '../../../services/api';
import { caseApi, CASE_PAGES } from '../../case/api';
import { Badge, DueBadge, KV, Section } from '../../case/ui';
import { ReporterThread } from '../../case/ReporterThread';
import { FORM_PAGES, formsApi } from '../../work/formsApi';
import { getSession } from '../../../services/session';
import '../../../pages/report/report.css';

/** The flow's stages (seed 002 附件4), named short so six fit on one line at a readable size. */
const STAGES = [
  { n: 3, label: '评估', full: '危机评估' },
  { n: 4, label: '干预', full: '强制干预' },
  { n: 5, label: '支持', full: '支持服务' },
  { n: 6, label: '转介', full: '跟踪转介' },
  { n: 7, label: '回访', full: '跟踪回访' },
  { n: 8, label: '归档', full: '组卷归档' },
];

const riskTone = (r: string | null) => (r === 'high' ? 'danger' : r === 'medium' ? 'warn' : 'ok') as 'danger' | 'warn' | 'ok';

function childLine(c: CaseDetail['child']): string {
  if (!c) return '未填写';
  return [c.name ?? '姓名未知', c.sex ? ChildSex.labels[c.sex] : null, c.age !== undefined ? `${c.age}岁` : null].filter(Boolean).join('，');
}

function TaskCard({ task }: { task: TaskView }) {
  const due = describeDue(new Date(task.dueAt), new Date());
  const open = task.status === 'open';
  return (
    <View className={`cs-item ${open && due.overdue ? 'cs-item--overdue' : open && !due.overdue && new Date(task.dueAt).getTime() - Date.now() < 24 * 3600_000 ? 'cs-item--soon' : ''}`} data-testid='case-task'>
      <View className='cs-item__top'>
        <Badge tone='info'>{task.kindLabel}</Badge>
        <Badge tone={task.status === 'done' ? 'ok' : 'muted'}>{task.status === 'open' ? '待办' : task.status === 'done' ? '已完成' : '已取消'}</Badge>
        {open ? <DueBadge overdue={due.overdue} text={due.text} dueAt={task.dueAt} testid='task-due' /> : null}
      </View>
      <Text className='cs-item__title'>截止 {formatDeadline(task.dueAt)}</Text>
      <Text className='cs-item__meta'>
        {task.orgName} · 执行人 {task.assigneeName ?? '本村儿童主任'}
      </Text>
      {task.reason ? <Text className='cs-item__text'>{task.reason}</Text> : null}
    </View>
  );
}

function DirectorView({ c }: { c: DirectorCaseView }) {
  return (
    <>
      <Text className='rp-title'>个案 {c.code}</Text>
      <View className='cs-item__top'>
        <Badge tone='info'>{c.statusLabel}</Badge>
        {c.riskLabel ? <Badge tone={riskTone(c.riskLevel)}>{c.riskLabel}</Badge> : null}
        {c.serious ? <Badge tone='danger'>严重侵害，24小时内首次家访</Badge> : null}
      </View>
      <Section title='儿童'>
        <KV k='儿童' v={childLine(c.child)} />
        <KV k='住址' v={c.child?.address} />
        <KV k='村（社区）' v={c.village?.name} />
      </Section>
      <Section title='派给本村的任务' testid='director-tasks'>
        {c.tasks.length ? c.tasks.map((t) => <TaskCard key={t.id} task={t} />) : <Text className='rp-para'>暂无任务。</Text>}
      </Section>
      <Text className='cs-hint'>报告人信息与办理记录由乡镇未保站保管，儿童主任不可查看。</Text>
    </>
  );
}

/** A case: the chronology, its clocks and the steps the state machine allows now, as actions. */
export default function CasePage() {
  const id = Number(useRouter().params.id);
  const [c, setC] = useState<CaseDetail | DirectorCaseView | null>(null);
  const [error, setError] = useState('');

  async function load() {
    try {
      setC(await caseApi.get(id));
      setError('');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '加载失败，请重试');
    }
  }
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  if (!c)
    return (
      <PageShell className='rp-page'>
        <Text className={error ? 'rp-error' : 'rp-para'}>{error || '正在加载…'}</Text>
      </PageShell>
    );
  if (c.restricted)
    return (
      <PageShell className='rp-page'>
        <DirectorView c={c} />
      </PageShell>
    );

  const stage = CASE_STATUS_STAGE[c.status];
  // 4 强制干预 and 5 支持服务 are alternatives: the risk level decides which one the case went through.
  const skipped = c.riskLevel === 'low' ? 4 : c.riskLevel ? 5 : 0;
  const openClocks = c.clocks.filter((k) => !k.dueText.startsWith('已完成') && k.dueText !== '已停止');
  const actions = c.allowedSteps.filter((s) => s.step !== 'referral_update');
  const go = (step: string, extra = '') => Taro.navigateTo({ url: CASE_PAGES.step(c.id, step, extra) });

  return (
    <PageShell className='rp-page'>
      <Text className='rp-title' data-testid='case-code'>
        个案 {c.code}
      </Text>
      <View className='cs-item__top'>
        <Badge tone={c.status === 'archived' ? 'muted' : 'info'} testid='case-status'>
          {c.statusLabel}
        </Badge>
        <Badge tone='muted'>{c.kindLabel}</Badge>
        {c.riskLabel ? <Badge tone={riskTone(c.riskLevel)}>{c.riskLabel}</Badge> : null}
        {c.serious ? <Badge tone='danger'>严重侵害</Badge> : null}
      </View>
      <View className='cs-stages'>
        {STAGES.map((s) => (
          <Text key={s.n} aria-label={s.full} className={`cs-stage ${s.n === stage ? 'cs-stage--now' : s.n < stage && s.n !== skipped ? 'cs-stage--done' : ''}`}>
            {s.label}
          </Text>
        ))}
      </View>
      {c.readOnly ? <View className='cs-readonly'>个案已于 {c.archivedAt ? formatDateTime(c.archivedAt) : ''} 归档，只读。{actions.length ? '站长可重新开启。' : ''}</View> : null}
      {c.status === 'archived' && (REPORT_READ_ROLES as readonly string[]).includes(getSession()?.user.role ?? '') ? (
        <View
          className='rp-btn rp-btn--light'
          onClick={() => formsApi.downloadBundle(c.id).catch((e: unknown) => void Taro.showToast({ title: e instanceof Error ? e.message : '导出失败', icon: 'none' }))}
          data-testid='download-bundle'
        >
          <Text>组卷：下载个案卷宗（Word，含登记表、转介表、办理经过）</Text>
        </View>
      ) : null}

      {openClocks.length ? (
        <Section title='时限' testid='case-clocks'>
          {openClocks.map((k) => (
            <View key={k.id} className='cs-kv'>
              <Text className='cs-kv__k'>{k.kindLabel}</Text>
              <View className='cs-kv__v'>
                <DueBadge overdue={k.overdue} text={k.dueText} dueAt={k.dueAt} testid={`clock-${k.kind}`} />
                <Text className='cs-item__meta'>
                  截止 {formatDeadline(k.dueAt)}
                  {k.ownerName ? ` · ${k.ownerName}` : ''}
                </Text>
                {CLOCK_RULES[k.kind as ClockKind]?.unit === 'working_days' ? <Text className='cs-item__meta'>{CLOCK_RULES[k.kind as ClockKind].source}</Text> : null}
              </View>
            </View>
          ))}
        </Section>
      ) : null}

      {actions.length ? (
        <Section title='下一步' testid='case-actions'>
          <View className='cs-actions'>
            {actions.map((s) => (
              <View key={s.step} className={`cs-action ${s.suggested ? '' : 'cs-action--secondary'}`} onClick={() => go(s.step)} data-testid={`action-${s.step}`}>
                <Text>{s.label}</Text>
              </View>
            ))}
          </View>
        </Section>
      ) : null}

      {c.harmSuspected ? (
        <Section title='报告公安机关、民政部门' testid='case-authority'>
          {c.policeReportMissing ? (
            <View className='cs-alert' data-testid='police-missing'>
              <Text>疑似伤害：还没有向公安机关报告的记录。请记录「报告公安/民政」或「记录报警（110）」；未报告的，归档时须写明原因。</Text>
            </View>
          ) : null}
          {c.authorityReports.map((a, i) => (
            <KV key={i} k={a.step === 'police_call' ? '报警（110）' : Authority.label(a.authority)} v={`${formatDateTime(a.at)}${a.unit ? ` · ${a.unit}` : ''}`} />
          ))}
        </Section>
      ) : null}

      <Section title='儿童与负责人'>
        <KV k='儿童' v={childLine(c.child)} />
        <KV k='儿童联系方式' v={c.child?.phone} />
        <KV k='住址' v={c.child?.address} />
        <KV k='监护人' v={c.child?.guardian ? [c.child.guardian.name, c.child.guardian.relation].filter(Boolean).join('，') : null} />
        <KV k='监护人联系方式' v={c.child?.guardian?.phone} />
        <KV k='监护人住址' v={c.child?.guardian?.address} />
        <KV k='村（社区）' v={c.village?.name ?? '未指定'} />
        <KV k='负责人' v={c.owner.name} />
        <KV k='儿童社工' v={c.socialWorker?.name} />
        <KV k='最早报告' v={formatDateTime(c.firstReportedAt)} />
        <KV k='回访计划' v={c.followUpIntervalDays ? (c.followUpFinished ? '已结束' : `每${c.followUpIntervalDays}天`) : null} />
        <KV k='结案小结' v={c.summary} />
      </Section>

      {c.tasks.length ? (
        <Section title='派发的任务' testid='case-tasks'>
          {c.tasks.map((t) => (
            <TaskCard key={t.id} task={t} />
          ))}
        </Section>
      ) : null}

      {c.referrals.length ? (
        <Section title='转介记录（附件7）' testid='case-referrals'>
          {c.referrals.map((r) => (
            <View key={r.id} className={`cs-item ${r.stale ? 'cs-item--overdue' : ''}`}>
              <View className='cs-item__top'>
                <Badge tone={r.status === 'done' ? 'ok' : r.status === 'rejected' ? 'muted' : 'info'}>{r.statusLabel}</Badge>
                <Badge tone='muted'>{r.unitTypeLabel}</Badge>
                {r.stale ? <Badge tone='danger'>⚠ 14天无进展</Badge> : null}
              </View>
              <Text className='cs-item__title'>{r.unit}</Text>
              <KV k='单位地址' v={r.unitAddress} />
              <KV k='对接负责人' v={`${r.contactName} ${r.contactPhone}`} />
              <KV k='转介理由' v={r.reason} />
              <KV k='后续跟进计划' v={r.followUpPlan} />
              <KV k='公安机关处理结果' v={r.policeOutcomeLabel} />
              <KV k='结果' v={r.result} />
              <KV k='转介时间' v={formatDateTime(r.sentAt)} />
              <KV k='填表人' v={r.filledByName} />
              <View className='rp-btn rp-btn--light' onClick={() => void Taro.navigateTo({ url: FORM_PAGES.referral(c.id, r.id) })} data-testid='print-referral'>
                <Text>打印转介记录表（附件7）</Text>
              </View>
              {(r.status === 'sent' || r.status === 'accepted') && c.allowedSteps.some((s) => s.step === 'referral_update') ? (
                <View className='rp-btn rp-btn--light' onClick={() => go('referral_update', `&referralId=${r.id}`)} data-testid='referral-update'>
                  <Text>记录转介进展</Text>
                </View>
              ) : null}
            </View>
          ))}
        </Section>
      ) : null}

      <ReporterThread caseId={c.id} reportIds={c.reports.map((r) => r.reportId)} role={getSession()?.user.role} />

      {c.reports.length ? (
        <Section title='关联的报告'>
          {c.reports.map((r) => (
            <View key={r.reportId} className='cs-kv cs-kv--tap' onClick={() => Taro.navigateTo({ url: CASE_PAGES.reportDetail(r.reportId) })} data-testid='case-report'>
              <Text className='cs-kv__k'>报告</Text>
              <Text className='cs-kv__v'>
                {r.categoryLabel} · 受理于 {formatDateTime(r.triagedAt)} ›
              </Text>
            </View>
          ))}
        </Section>
      ) : null}

      <Section title='办理记录' extra={`共${c.events.length}条`} testid='case-chronology'>
        <View className='cs-timeline'>
          {[...c.events].reverse().map((e) => (
            <View key={e.id} className='cs-event' data-testid='case-event'>
              <View className='cs-event__dot' />
              <Text className='cs-event__head'>{e.stepLabel}</Text>
              <Text className='cs-event__meta'>
                {formatDateTime(e.at)} · {e.actorName ?? '系统'}
              </Text>
              {e.changes.map((ch) => (
                <Text key={ch.field} className='cs-event__change'>
                  {ch.label}：{ch.from ?? '—'} → {ch.to ?? '—'}
                </Text>
              ))}
              {e.lines.map((l, i) => (
                <Text key={i} className='cs-event__line'>
                  {l}
                </Text>
              ))}
            </View>
          ))}
        </View>
      </Section>
    </PageShell>
  );
}

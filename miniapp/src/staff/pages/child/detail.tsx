import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import {
  ChildBenefit,
  ChildCategory,
  ChildFileSex,
  ChildGuardianRelation,
  ChildSchooling,
  GuardianshipState,
  ParentsAway,
  TaskStatus,
  type ChildDetail,
  type TaskView,
  type VisitView, formatDateWeekday, formatDate, dueText, formatDeadline,
  CarerRelation, FileCloseReason, HukouType, ParentStatus,
} from '@wbt/shared';
import { FileActions, NationalSystemCard } from './fileActions';
import { PageShell } from '../../../components/PageShell';
import { ApiError } from '../../../services/api';
import { getSession } from '../../../services/session';
import { childrenApi, PAGES } from '../../work/api';
import { FORM_PAGES } from '../../work/formsApi';
import { Btn, ErrorLine, InfoRow, Section, TierBadge } from '../../work/ui';
import '../../work/work.css';

const maskId = (id: string) => `${id.slice(0, 4)}**********${id.slice(-4)}`;

/** One child's file (一人一档): who, guardianship, school and health, the visit plan, visits and history. */
export default function ChildDetailPage() {
  const id = Number(useRouter().params.id);
  const role = getSession()?.user.role;
  const canConfirm = role === 'supervisor' || role === 'station_head';
  const canEdit = canConfirm || role === 'director';
  const [c, setC] = useState<ChildDetail | null>(null);
  const [visits, setVisits] = useState<VisitView[]>([]);
  const [tasks, setTasks] = useState<TaskView[]>([]);
  const [showId, setShowId] = useState(false);
  const [error, setError] = useState('');
  const [confirming, setConfirming] = useState(false);

  const load = async () => {
    try {
      const [detail, vs, ts] = await Promise.all([childrenApi.get(id), childrenApi.visits(id), childrenApi.tasks(id)]);
      setC(detail);
      setVisits(vs.items);
      setTasks(ts.items.filter((t) => t.status === 'open'));
      setError('');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '加载失败');
    }
  };
  useDidShow(() => void load());

  async function confirm() {
    setConfirming(true);
    try {
      setC(await childrenApi.confirm(id));
      void Taro.showToast({ title: '已确认', icon: 'success' });
      const ts = await childrenApi.tasks(id);
      setTasks(ts.items.filter((t) => t.status === 'open'));
    } catch (e) {
      void Taro.showToast({ title: e instanceof ApiError ? e.message : '确认失败', icon: 'none' });
    } finally {
      setConfirming(false);
    }
  }

  if (!c) return <PageShell className='wk-page'>{error ? <ErrorLine text={error} /> : <Text className='wbt-muted'>正在加载…</Text>}</PageShell>;
  return (
    <PageShell className='wk-page'>
      <View className='wk-card'>
        <View className='wk-task__who'>
          <Text className='wk-task__name' data-testid='child-name'>{c.name}</Text>
          <TierBadge tier={c.riskTier} />
        </View>
        <Text className='wk-task__addr'>
          {ChildFileSex.label(c.sex)} · {c.age}岁 · {c.orgName}
        </Text>
        <View className='wk-tags'>
          {c.categories.map((k) => (
            <Text key={k} className='wk-tag'>{ChildCategory.label(k)}</Text>
          ))}
        </View>
      </View>

      {c.status === 'closed' ? (
        <View className='wk-banner wk-banner--warn' data-testid='closed-banner'>
          <Text className='wk-banner__big'>已销档</Text>
          <Text>{c.closeReason ? FileCloseReason.label(c.closeReason) : ''}{c.closedAt ? `（${formatDate(c.closedAt)}）` : ''}，不再安排走访</Text>
        </View>
      ) : null}

      {c.confirmStatus === 'pending' ? (
        <View className={`wk-banner ${c.confirmOverdue ? 'wk-banner--danger' : 'wk-banner--warn'}`} data-testid='confirm-banner'>
          <Text className='wk-banner__big'>{c.confirmOverdue ? '督导员确认已逾期' : '等待乡镇督导员确认'}</Text>
          {c.confirmDueAt ? <Text>应于 {formatDeadline(c.confirmDueAt)} 前确认（5个工作日）</Text> : null}
          {canConfirm ? <Btn label='核对无误，确认档案' busy={confirming} onClick={() => void confirm()} testid='confirm-file' /> : null}
        </View>
      ) : (
        <View className='wk-banner wk-banner--ok' data-testid='confirm-banner'>
          <Text>✓ 档案已确认{c.confirmedByName ? `（${c.confirmedByName}，${c.confirmedAt ? formatDate(c.confirmedAt) : ''}）` : ''}</Text>
        </View>
      )}

      <View className={`wk-card`} data-testid='visit-plan'>
        <Text className='wk-card__title'>走访计划</Text>
        <InfoRow label='走访频次' value={`每${c.visitIntervalDays}天一次（${c.riskTier === 'high' ? '高' : c.riskTier === 'medium' ? '中' : '低'}风险）`} />
        <InfoRow label='上次走访' value={c.lastVisitAt ? formatDateWeekday(c.lastVisitAt) : '还没有走访记录'} />
        <InfoRow label='下次走访' value={c.nextVisitDue ? `${formatDateWeekday(c.nextVisitDue)}前（${dueText(c.nextVisitDue)}）` : '—'} testid='next-visit-due' />
        {canEdit ? <Btn label='填写走访记录' onClick={() => void Taro.navigateTo({ url: PAGES.newVisit(c.id, tasks.find((t) => t.kind !== 'file_confirm')?.id) })} testid='child-new-visit' /> : null}
      </View>

      <View className='wk-card'>
        <Text className='wk-card__title'>基本信息</Text>
        <InfoRow label='出生日期' value={formatDate(`${c.dob}T00:00:00+08:00`)} />
        <View onClick={() => setShowId((s) => !s)}>
          <InfoRow label='身份证号' value={c.idNumber ? (showId ? c.idNumber : `${maskId(c.idNumber)}（点此显示）`) : '无'} />
        </View>
        <InfoRow label='户籍地' value={c.householdReg ?? '无户籍'} />
        <InfoRow label='户籍性质' value={c.hukouType ? HukouType.label(c.hukouType) : '未填'} />
        <InfoRow label='民族' value={c.ethnicity ?? '未填'} />
        <InfoRow label='现住址' value={c.address} />
        <InfoRow label='联系电话' value={c.phone} />
      </View>

      <View className='wk-card'>
        <Text className='wk-card__title'>监护情况</Text>
        <InfoRow label='监护状况' value={GuardianshipState.label(c.guardianshipState)} />
        <InfoRow label='父母外出' value={`${ParentsAway.label(c.parentsAway)}${c.parentsAwayWhere ? `（${c.parentsAwayWhere}）` : ''}`} />
        <InfoRow label='父亲情况' value={c.fatherStatus ? ParentStatus.label(c.fatherStatus) : '未填'} />
        <InfoRow label='母亲情况' value={c.motherStatus ? ParentStatus.label(c.motherStatus) : '未填'} />
        <InfoRow label='实际抚养人' value={c.actualCarer ? `${c.actualCarer.name}（${CarerRelation.label(c.actualCarer.relation)}）${c.actualCarer.phone ? ` ${c.actualCarer.phone}` : ''}` : '未填'} />
        <InfoRow label='委托照护确认书' value={c.entrustmentSigned ? '已签订' : '未签订'} />
        {c.entrustedCarer ? (
          <View data-testid='entrusted-carer'>
            <InfoRow label='被委托人' value={`${c.entrustedCarer.name}（${CarerRelation.label(c.entrustedCarer.relation)}）${c.entrustedCarer.phone ? ` ${c.entrustedCarer.phone}` : ''}`} />
            <InfoRow label='被委托人条件' value={c.entrustedCarer.checked ? `已核实${c.entrustedCarer.checkNote ? `：${c.entrustedCarer.checkNote}` : ''}` : '未核实'} />
            <InfoRow label='书面告知' value={`学校${c.entrustedCarer.schoolNotified ? '已告知' : '未告知'}；村（居）委会${c.entrustedCarer.villageNotified ? '已告知' : '未告知'}`} />
            <InfoRow label='父母每周联系' value={c.entrustedCarer.weeklyContact ? '能做到' : '未做到'} />
          </View>
        ) : null}
        {c.guardians.map((g, i) => (
          <View key={i} className='wk-row' onClick={() => g.phone && void Taro.makePhoneCall({ phoneNumber: g.phone }).catch(() => undefined)}>
            <Text className='wk-row__label'>{g.entrusted ? '委托监护人' : '监护人'}</Text>
            <Text className='wk-row__value'>
              {g.name}（{ChildGuardianRelation.label(g.relation)}）{g.idNumber ? ` 身份证 ${maskId(g.idNumber)}` : ''}{g.phone ? ` ${g.phone}（点此拨打）` : ''}
            </Text>
          </View>
        ))}
      </View>

      <View className='wk-card'>
        <Text className='wk-card__title'>就学、健康与保障</Text>
        <InfoRow label='就学' value={[ChildSchooling.label(c.schooling), c.schoolName, c.grade].filter(Boolean).join(' · ')} />
        <InfoRow label='健康状况' value={c.health} />
        <InfoRow label='残疾情况' value={c.disability} />
        {c.disabilityCertNo ? <InfoRow label='残疾人证号' value={maskId(c.disabilityCertNo)} /> : null}
        <InfoRow label='送教上门' value={c.homeSchooling ? '是' : '否'} />
        <InfoRow label='保障待遇' value={c.benefits.map((b) => ChildBenefit.label(b)).join('、') || '无'} />
        <InfoRow label='已接受服务' value={c.servicesNote} />
        <InfoRow label='风险理由' value={c.riskReason} />
        {c.caseIds.length ? <InfoRow label='关联个案' value={c.caseIds.map((x) => `#${x}`).join('、')} /> : null}
      </View>

      <NationalSystemCard c={c} canRecord={canConfirm} onChange={setC} />

      {tasks.length ? (
        <Section title='待办任务' count={tasks.length}>
          {tasks.map((t) => (
            <View key={t.id} className='wk-card' onClick={() => void Taro.navigateTo({ url: PAGES.task(t.id) })}>
              <InfoRow label={t.kindLabel} value={`${formatDateWeekday(t.dueAt)}前 · ${t.overdue ? '已逾期' : TaskStatus.label(t.status)}`} />
            </View>
          ))}
        </Section>
      ) : null}

      <Section title='走访记录' count={visits.length}>
        {visits.length === 0 ? <Text className='wk-sub'>还没有走访记录</Text> : null}
        {visits.slice(0, 10).map((v) => (
          <View key={v.id} className='wk-card' onClick={() => void Taro.navigateTo({ url: PAGES.visit(v.id) })} data-testid={`visit-${v.id}`}>
            <InfoRow label={formatDate(v.visitedAt)} value={`${v.visitorName}${v.harmSigns ? ' · 发现侵害迹象' : ''}${v.photoIds.length ? ` · ${v.photoIds.length}张照片` : ''}`} />
          </View>
        ))}
      </Section>

      <View className='wk-btns'>
        {canEdit && c.status === 'active' ? <Btn label='修改档案' kind='light' onClick={() => void Taro.navigateTo({ url: PAGES.editChild(c.id) })} testid='edit-child' /> : null}
        <Btn label='查看修改历史' kind='light' onClick={() => void Taro.navigateTo({ url: PAGES.history(c.id) })} testid='child-history' />
        <Btn label='打印一人一档' kind='light' onClick={() => void Taro.navigateTo({ url: FORM_PAGES.child(c.id) })} testid='print-child-file' />
      </View>
      {canConfirm ? <FileActions c={c} onChange={setC} /> : null}
    </PageShell>
  );
}

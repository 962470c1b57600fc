import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { TaskSource, TaskStatus, VISIT_TASK_KINDS, type TaskView, formatDateWeekday, formatDateTime, dueText } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { ApiError } from '../../../services/api';
import { PAGES, tasksApi } from '../../work/api';
import { actOn } from '../../work/MyTasksCard';
import { Btn, ErrorLine, InfoRow, TierBadge } from '../../work/ui';
import { TaskBriefCard } from '../../work/TaskBriefCard';
import '../../work/work.css';

/** One task: why, by when, the child and where to find them; the case number (never the reporter). */
export default function TaskDetailPage() {
  const id = Number(useRouter().params.id);
  const [task, setTask] = useState<TaskView | null>(null);
  const [error, setError] = useState('');

  useDidShow(() => {
    tasksApi
      .get(id)
      .then(setTask)
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : '加载失败'));
  });

  if (!task) return <PageShell className='wk-page'>{error ? <ErrorLine text={error} /> : <Text className='wbt-muted'>正在加载…</Text>}</PageShell>;
  const isVisit = VISIT_TASK_KINDS.includes(task.kind);
  return (
    <PageShell className='wk-page'>
      <View className='wk-task__top'>
        {task.serious ? <Text className='wk-serious'>严重侵害</Text> : null}
        <Text className='wk-h1'>{task.kindLabel}</Text>
      </View>
      <View className={`wk-banner ${task.overdue ? 'wk-banner--danger' : task.status === 'open' ? 'wk-banner--warn' : 'wk-banner--ok'}`}>
        <Text className='wk-banner__big'>{task.status === 'open' ? dueText(task.dueAt) : TaskStatus.label(task.status)}</Text>
        <Text>截止时间：{formatDateWeekday(task.dueAt)} {formatDateTime(task.dueAt).split(' ')[1]}</Text>
      </View>
      {task.brief ? <TaskBriefCard brief={task.brief} /> : null}
      <View className='wk-card'>
        <Text className='wk-card__title'>为什么要做</Text>
        <Text className='wk-task__why'>{task.reason}</Text>
        <InfoRow label='来源' value={TaskSource.label(task.source)} />
        {task.caseId ? (
          <View className='wk-row-tap' onClick={() => void Taro.navigateTo({ url: `/staff/pages/case/index?id=${task.caseId}` })}>
            <InfoRow label='个案编号' value={task.caseCode ? `${task.caseCode} ›` : '查看个案 ›'} testid='task-case-code' />
          </View>
        ) : null}
        <InfoRow label='负责人' value={task.assigneeName ?? `${task.orgName}的工作人员`} />
        {task.completedAt ? <InfoRow label='完成时间' value={formatDateTime(task.completedAt)} /> : null}
      </View>
      {task.child ? (
        <View className='wk-card' onClick={() => void Taro.navigateTo({ url: PAGES.child(task.child!.id) })}>
          <Text className='wk-card__title'>儿童</Text>
          <View className='wk-task__who'>
            <Text className='wk-task__name'>{task.child.name}</Text>
            <TierBadge tier={task.child.riskTier} />
          </View>
          <Text className='wk-task__addr'>地址：{task.child.address}（{task.child.orgName}）</Text>
          <Text className='wk-link'>查看儿童档案 ›</Text>
        </View>
      ) : null}
      <View className='wk-btns'>
        {task.status === 'open' && task.childId ? <Btn label={isVisit ? '去走访，填写记录' : '核对并确认档案'} onClick={() => actOn(task)} testid='task-act' /> : null}
        {task.status === 'open' && isVisit && !task.childId ? (
          <>
            <View className='wk-banner wk-banner--warn'>
              <Text>这名儿童还没有关联档案。走访前，请先从本村档案中选择，或为孩子新建档案。</Text>
            </View>
            <Btn label='从本村档案中选择' onClick={() => void Taro.navigateTo({ url: PAGES.pickChildForTask(task.id) })} testid='pick-child' />
            <Btn label='为这名儿童新建档案' kind='light' onClick={() => void Taro.navigateTo({ url: PAGES.newChildForTask(task.id) })} testid='file-child' />
          </>
        ) : null}
        {task.visitId ? <Btn label='查看走访记录' kind='light' onClick={() => void Taro.navigateTo({ url: PAGES.visit(task.visitId!) })} /> : null}
      </View>
    </PageShell>
  );
}

import { Text, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { RiskTier, VISIT_TASK_KINDS, type TaskView, formatDateTime, formatDateWeekday, dueText } from '@wbt/shared';
import './work.css';

export function TierBadge({ tier }: { tier: 'high' | 'medium' | 'low' }) {
  return <Text className={`wk-tier wk-tier--${tier}`}>{RiskTier.label(tier)}风险</Text>;
}

export function Section({ title, count, tone, children }: PropsWithChildren<{ title: string; count?: number; tone?: 'danger' | 'warn' | 'plain' }>) {
  return (
    <View className='wk-section'>
      <View className={`wk-section__head wk-section__head--${tone ?? 'plain'}`}>
        <Text className='wk-section__title'>{title}</Text>
        {count !== undefined ? <Text className='wk-section__count'>{count}</Text> : null}
      </View>
      {children}
    </View>
  );
}

export function InfoRow({ label, value, testid }: { label: string; value: string | null | undefined; testid?: string }) {
  return (
    <View className='wk-row'>
      <Text className='wk-row__label'>{label}</Text>
      <Text className='wk-row__value' data-testid={testid}>
        {value || '—'}
      </Text>
    </View>
  );
}

/** One task, big enough to read and tap outdoors: who, where, why, when — and the one next step. */
export function TaskCard({ task, onOpen, onAct }: { task: TaskView; onOpen: () => void; onAct?: () => void }) {
  const isVisit = VISIT_TASK_KINDS.includes(task.kind);
  // A serious-harm first visit is as urgent as late work even before it is due.
  const tone = task.overdue || (task.serious && task.status === 'open') ? 'overdue' : task.bucket === 'today' ? 'today' : 'week';
  return (
    <View className={`wk-task wk-task--${tone}`} data-testid={`task-${task.id}`}>
      <View className='wk-task__main' onClick={onOpen}>
        <View className='wk-task__top'>
          {task.serious ? <Text className='wk-serious' data-testid='task-serious'>严重侵害</Text> : null}
          <Text className='wk-task__kind'>{task.kindLabel}</Text>
          <Text className={`wk-due wk-due--${tone}`}>{task.status === 'open' ? dueText(task.dueAt) : task.status === 'done' ? '已完成' : '已取消'}</Text>
        </View>
        {task.child ? (
          <View className='wk-task__who'>
            <Text className='wk-task__name'>{task.child.name}</Text>
            <TierBadge tier={task.child.riskTier} />
          </View>
        ) : null}
        {task.child ? <Text className='wk-task__addr'>地址：{task.child.address}</Text> : <Text className='wk-task__addr'>{task.orgName}</Text>}
        <Text className='wk-task__why'>{task.reason}</Text>
        <Text className='wk-task__when'>
          截止：{formatDateWeekday(task.dueAt)} {formatDateTime(task.dueAt).split(' ')[1]}
          {task.serious ? '（报告后24小时内须首次入户）' : ''}
        </Text>
      </View>
      {onAct && task.status === 'open' ? (
        <View className='wk-btn wk-btn--primary wk-task__act' onClick={onAct} data-testid={`task-act-${task.id}`}>
          <Text>{isVisit ? '去走访，填写记录' : '核对并确认档案'}</Text>
        </View>
      ) : null}
    </View>
  );
}

export function Empty({ text }: { text: string }) {
  return (
    <View className='wk-empty'>
      <Text>{text}</Text>
    </View>
  );
}

export function ErrorLine({ text }: { text: string }) {
  return text ? <Text className='wk-error'>{text}</Text> : null;
}

export function Btn({ label, onClick, kind, busy, testid }: { label: string; onClick: () => void; kind?: 'primary' | 'light' | 'danger'; busy?: boolean; testid?: string }) {
  return (
    <View className={`wk-btn wk-btn--${kind ?? 'primary'}${busy ? ' wk-btn--busy' : ''}`} onClick={busy ? undefined : onClick} data-testid={testid}>
      <Text>{busy ? '请稍候…' : label}</Text>
    </View>
  );
}

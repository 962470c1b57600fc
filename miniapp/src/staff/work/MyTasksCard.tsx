import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { VISIT_TASK_KINDS, type TaskList, type TaskView } from '@wbt/shared';
import { ApiError } from '../../services/api';
import { getSession } from '../../services/session';
import { notifyApi, NOTIFY_PAGES, OVERSEERS } from '../notify/api';
import { PAGES, tasksApi } from './api';
import { flushOutbox, installOutbox, onOutboxChange, pendingVisits } from './outbox';
import { Btn, Empty, ErrorLine, TaskCard } from './ui';
import './work.css';

/** Open a task's next step: a visit form, or the file to confirm. */
export function actOn(task: TaskView): void {
  if (VISIT_TASK_KINDS.includes(task.kind) && task.childId) void Taro.navigateTo({ url: PAGES.newVisit(task.childId, task.id) });
  else if (task.childId) void Taro.navigateTo({ url: PAGES.child(task.childId) });
  // A visit for a child with no file yet: the task page offers to file or pick the child first.
  else void Taro.navigateTo({ url: PAGES.task(task.id) });
}

/**
 * The workbench's "我的待办": how many tasks are late, due today and due this week, and the most
 * urgent ones with their one next step; visit records still waiting on the phone; the ways into
 * child files (the township overview for supervisors).
 */
export function MyTasksCard({ limit = 3 }: { limit?: number }) {
  const [list, setList] = useState<TaskList | null>(null);
  const [error, setError] = useState('');
  const [pending, setPending] = useState(pendingVisits().length);
  // Supervisors, station heads and county admins answer for the whole township / county: their
  // "已逾期" is the board's count (one definition of overdue), not only the tasks in their own name.
  const [scopeOverdue, setScopeOverdue] = useState<number | null>(null);
  const role = getSession()?.user.role;
  const oversees = OVERSEERS.includes(role ?? '');

  const load = () =>
    tasksApi
      .mine()
      .then((l) => {
        setList(l);
        setError('');
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : '任务加载失败'));

  useEffect(() => {
    installOutbox();
    return onOutboxChange((p) => setPending(p.length));
  }, []);
  useDidShow(() => {
    setPending(pendingVisits().length);
    void flushOutbox().then((sent) => {
      if (sent) void load();
    });
    void load();
    if (oversees) notifyApi.summary().then((c) => setScopeOverdue(c.overdue)).catch(() => undefined);
  });

  const top = list?.items.slice(0, limit) ?? [];
  return (
    <View className='wk-mytasks' data-testid='my-tasks'>
      {pending > 0 ? (
        <View className='wk-banner wk-banner--warn' data-testid='outbox-banner'>
          <Text>有 {pending} 份走访记录保存在手机上，联网后自动发送。</Text>
          <Btn label='立即发送' kind='light' onClick={() => void flushOutbox().then(() => load())} />
        </View>
      ) : null}
      {list ? (
        <View className='wk-counts'>
          {oversees ? (
            <View className='wk-count wk-count--danger' onClick={() => void Taro.navigateTo({ url: NOTIFY_PAGES.board })}>
              <Text className='wk-count__n' data-testid='count-overdue'>{scopeOverdue ?? '…'}</Text>
              <Text className='wk-count__label'>辖区已逾期</Text>
            </View>
          ) : (
            <View className='wk-count wk-count--danger'>
              <Text className='wk-count__n' data-testid='count-overdue'>{list.counts.overdue}</Text>
              <Text className='wk-count__label'>已逾期</Text>
            </View>
          )}
          <View className='wk-count wk-count--warn'>
            <Text className='wk-count__n'>{list.counts.today}</Text>
            <Text className='wk-count__label'>今天到期</Text>
          </View>
          <View className='wk-count'>
            <Text className='wk-count__n'>{list.counts.week}</Text>
            <Text className='wk-count__label'>7天内</Text>
          </View>
        </View>
      ) : null}
      <ErrorLine text={error} />
      {list && top.length === 0 ? <Empty text='近7天没有待办任务' /> : null}
      {top.map((task) => (
        <TaskCard key={task.id} task={task} onOpen={() => void Taro.navigateTo({ url: PAGES.task(task.id) })} onAct={() => actOn(task)} />
      ))}
      <View className='wk-btns'>
        {list && list.items.length > limit ? <Btn label={`查看全部任务（${list.items.length}）`} kind='light' onClick={() => void Taro.navigateTo({ url: PAGES.tasks })} testid='all-tasks' /> : null}
        {role === 'director' ? <Btn label='本村儿童档案' kind='light' onClick={() => void Taro.navigateTo({ url: PAGES.childList('') })} testid='my-children' /> : null}
        {role === 'supervisor' || role === 'station_head' ? (
          <Btn label='全镇儿童档案概况' kind='light' onClick={() => void Taro.navigateTo({ url: PAGES.overview })} testid='township-overview' />
        ) : null}
      </View>
    </View>
  );
}

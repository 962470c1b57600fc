import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { TaskBucket, type TaskList, type TaskView } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { ApiError } from '../../../services/api';
import { PAGES, tasksApi } from '../../work/api';
import { actOn } from '../../work/MyTasksCard';
import { flushOutbox, installOutbox, pendingVisits } from '../../work/outbox';
import { Empty, ErrorLine, Section, TaskCard } from '../../work/ui';
import '../../work/work.css';

const TONE = { overdue: 'danger', today: 'warn', week: 'plain' } as const;

/** My tasks: late first, then today, then the next 7 days — each with the child, the address and why. */
export default function MyTasksPage() {
  const [list, setList] = useState<TaskList | null>(null);
  const [error, setError] = useState('');

  const load = () =>
    tasksApi
      .mine()
      .then((l) => {
        setList(l);
        setError('');
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : '加载失败，请下拉重试'));

  useDidShow(() => {
    installOutbox();
    void flushOutbox();
    void load();
  });
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  const pending = pendingVisits();
  const serious = list?.items.filter((t) => t.serious) ?? [];
  const byBucket = (b: TaskView['bucket']) => list?.items.filter((t) => t.bucket === b && !t.serious) ?? [];
  return (
    <PageShell className='wk-page'>
      <Text className='wk-h1'>我的任务</Text>
      <Text className='wk-sub'>最紧急的排在最前面。点“去走访”直接填写走访记录。</Text>
      {pending.length ? <View className='wk-banner wk-banner--warn'>有 {pending.length} 份走访记录保存在手机上，联网后自动发送。</View> : null}
      <ErrorLine text={error} />
      {list && list.items.length === 0 ? <Empty text='近7天没有待办任务' /> : null}
      {serious.length ? (
        <Section title='严重侵害 · 24小时内首次入户' count={serious.length} tone='danger'>
          {serious.map((task) => (
            <TaskCard key={task.id} task={task} onOpen={() => void Taro.navigateTo({ url: PAGES.task(task.id) })} onAct={() => actOn(task)} />
          ))}
        </Section>
      ) : null}
      {(['overdue', 'today', 'week'] as const).map((b) =>
        byBucket(b).length ? (
          <Section key={b} title={TaskBucket.label(b)} count={byBucket(b).length} tone={TONE[b]}>
            {byBucket(b).map((task) => (
              <TaskCard key={task.id} task={task} onOpen={() => void Taro.navigateTo({ url: PAGES.task(task.id) })} onAct={() => actOn(task)} />
            ))}
          </Section>
        ) : null,
      )}
    </PageShell>
  );
}

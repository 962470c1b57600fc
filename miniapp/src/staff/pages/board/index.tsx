import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { formatDateTime, formatDeadline, type Board } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { ApiError } from '../../../services/api';
import { getSession } from '../../../services/session';
import { notifyApi, OVERSEERS } from '../../notify/api';
import { Empty, ErrorLine } from '../../work/ui';
import '../../work/work.css';
import '../../notify/notify.css';

/**
 * The overdue / due-soon board: the work of the township (or the county) that ran late or is due
 * within a day — tasks and clocks alike — and who was told when.
 */
export default function BoardPage() {
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState('');
  const oversees = OVERSEERS.includes(getSession()?.user.role ?? '');

  const load = () =>
    notifyApi
      .board(false)
      .then((b) => {
        setBoard(b);
        setError('');
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : '加载失败，请下拉重试'));
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  return (
    <PageShell className='wk-page'>
      <Text className='wk-h1'>{oversees ? '超时看板' : '我的时限'}</Text>
      <Text className='wk-sub'>{oversees ? '辖区内已超时和24小时内到期的工作，最紧急的在前。' : '我负责的已超时和24小时内到期的工作。'}</Text>
      <ErrorLine text={error} />
      {board ? (
        <View className='wk-counts'>
          <View className='wk-count wk-count--danger'>
            <Text className='wk-count__n' data-testid='board-overdue'>{board.overdue}</Text>
            <Text className='wk-count__label'>已超时</Text>
          </View>
          <View className='wk-count wk-count--warn'>
            <Text className='wk-count__n' data-testid='board-due-soon'>{board.dueSoon}</Text>
            <Text className='wk-count__label'>24小时内到期</Text>
          </View>
        </View>
      ) : null}
      {board && board.items.length === 0 ? <Empty text='没有超时或即将到期的工作' /> : null}
      {board?.items.map((x) => (
        <View
          key={`${x.type}-${x.id}`}
          className={`nt-row${x.overdue ? ' nt-row--overdue' : ''}`}
          onClick={() => x.link && void Taro.navigateTo({ url: x.link })}
          data-testid={`board-item-${x.type}-${x.id}`}
        >
          <View className='nt-row__top'>
            {x.serious ? <Text className='nt-serious'>严重侵害</Text> : null}
            <Text className='nt-row__kind'>{x.kindLabel}</Text>
            <Text className='nt-row__due'>{x.dueText}</Text>
          </View>
          <Text className='nt-row__line'>
            {x.subject}
            {x.ownerName ? ` · ${x.ownerName}` : ''}
          </Text>
          <Text className='nt-row__line'>截止：{formatDeadline(x.dueAt)}</Text>
          {x.escalatedAt ? (
            <Text className='nt-row__line' data-testid='board-escalation'>
              已于 {formatDateTime(x.escalatedAt)} 通知：{x.escalatedTo.join('、') || '—'}
            </Text>
          ) : x.overdue ? (
            <Text className='nt-row__line'>尚未发出超时提醒（每分钟检查一次）</Text>
          ) : null}
        </View>
      ))}
    </PageShell>
  );
}

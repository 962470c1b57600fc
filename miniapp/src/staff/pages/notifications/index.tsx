import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { formatDateTime } from '@wbt/shared';
import { PageShell } from '../../../components/PageShell';
import { ApiError } from '../../../services/api';
import { notifyApi, type InboxItem } from '../../notify/api';
import { Btn, Empty, ErrorLine } from '../../work/ui';
import '../../work/work.css';
import '../../notify/notify.css';

/** The staff inbox: new reports, reporters' messages, tasks done or assigned, clocks that ran out. */
export default function InboxPage() {
  const [items, setItems] = useState<InboxItem[] | null>(null);
  const [unread, setUnread] = useState(0);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState('');

  const load = (before?: number) =>
    notifyApi
      .inbox(before)
      .then((r) => {
        setItems((old) => (before && old ? [...old, ...r.items] : r.items));
        setUnread(r.unread);
        setNext(r.nextBefore);
        setError('');
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : '加载失败，请下拉重试'));

  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  async function open(n: InboxItem) {
    if (!n.read) {
      await notifyApi.read(n.id).catch(() => undefined);
      setItems((old) => old?.map((x) => (x.id === n.id ? { ...x, read: true } : x)) ?? null);
      setUnread((u) => Math.max(0, u - 1));
    }
    if (n.link) void Taro.navigateTo({ url: n.link });
  }

  async function readAll() {
    await notifyApi.readAll();
    await load();
  }

  return (
    <PageShell className='wk-page'>
      <Text className='wk-h1'>通知</Text>
      <Text className='wk-sub' data-testid='inbox-unread'>{unread ? `${unread} 条未读` : '没有未读通知'}</Text>
      <ErrorLine text={error} />
      {unread ? (
        <View className='wk-btns'>
          <Btn label='全部标为已读' kind='light' onClick={() => void readAll()} testid='inbox-read-all' />
        </View>
      ) : null}
      {items && items.length === 0 ? <Empty text='还没有通知' /> : null}
      {items?.map((n) => (
        <View key={n.id} className={`nt-item${n.read ? '' : ' nt-item--unread'}`} onClick={() => void open(n)} data-testid={`inbox-${n.kind}`}>
          <View className='nt-item__top'>
            {n.read ? null : <View className='nt-dot' />}
            <Text className='nt-item__title'>{n.title}</Text>
          </View>
          {n.body ? <Text className='nt-item__body'>{n.body}</Text> : null}
          <Text className='nt-item__time'>{formatDateTime(n.createdAt)}</Text>
        </View>
      ))}
      {next ? <Btn label='加载更早的通知' kind='light' onClick={() => void load(next)} /> : null}
    </PageShell>
  );
}

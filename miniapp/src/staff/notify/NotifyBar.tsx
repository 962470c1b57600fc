import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { BoardCounts, Role } from '@wbt/shared';
import { notifyApi, NOTIFY_PAGES, OVERSEERS } from './api';
import './notify.css';

/**
 * Top of the workbench: the inbox with its unread count (a red badge), and for the people who
 * oversee a township or the county, the overdue board's counts (the same numbers as the API).
 */
export function NotifyBar({ role }: { role: Role | undefined }) {
  const [unread, setUnread] = useState<number | null>(null);
  const [counts, setCounts] = useState<BoardCounts | null>(null);
  const load = () => {
    if (!role || role === 'public') return;
    notifyApi.unread().then((r) => setUnread(r.unread)).catch(() => undefined);
    notifyApi.summary().then(setCounts).catch(() => undefined);
  };
  useEffect(load, [role]);
  useDidShow(load);
  if (!role || role === 'public') return null;
  const oversees = OVERSEERS.includes(role);
  return (
    <View className='nt-bar'>
      <View className='nt-bell' onClick={() => void Taro.navigateTo({ url: NOTIFY_PAGES.inbox })} data-testid='inbox-entry'>
        <Text>通知</Text>
        {unread ? (
          <Text className='nt-badge' data-testid='inbox-badge'>
            {unread > 99 ? '99+' : unread}
          </Text>
        ) : null}
      </View>
      <View className='nt-bell' onClick={() => void Taro.navigateTo({ url: NOTIFY_PAGES.board })} data-testid='board-entry'>
        <Text>{oversees ? '超时看板' : '我的时限'}</Text>
        {counts && counts.overdue > 0 ? (
          <Text className='nt-badge' data-testid='board-overdue-badge'>
            {counts.overdue}
          </Text>
        ) : null}
      </View>
    </View>
  );
}

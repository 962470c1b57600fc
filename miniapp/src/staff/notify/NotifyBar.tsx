import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { BoardCounts, Role } from '@wbt/shared';
import { ApiError } from '../../services/api';
import { IS_WEAPP } from '../../services/config';
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
  /** In WeChat: bind this WeChat and allow the work-reminder subscribe message (generic text only). */
  async function enableWechat() {
    try {
      const { code } = await Taro.login();
      await notifyApi.bindWechat(code);
      await Taro.requestSubscribeMessage({ tmplIds: ['status-update'], entityIds: [] } as never).catch(() => undefined);
      void Taro.showToast({ title: '已开启微信提醒', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: e instanceof ApiError ? e.message : '开启失败，请重试', icon: 'none' });
    }
  }
  const oversees = OVERSEERS.includes(role);
  return (
    <>
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
      {IS_WEAPP ? (
        <View className='nt-bell nt-bell--wide' onClick={() => void enableWechat()} data-testid='enable-wechat'>
          <Text>开启微信工作提醒（不含个人信息）</Text>
        </View>
      ) : null}
    </>
  );
}

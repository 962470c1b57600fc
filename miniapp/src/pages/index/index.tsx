import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { PageShell } from '../../components/PageShell';
import { signOut } from '../../services/auth';
import { LOGIN_PAGE, WORKBENCH_PAGE } from '../../services/config';
import { getSession } from '../../services/session';
import './index.css';

interface Action {
  key: string;
  title: string;
  hint: string;
  badge: string;
  url: string;
}

const ACTIONS: Action[] = [
  { key: 'report', title: '我要报告', hint: '发现孩子被伤害、被忽视', badge: '报', url: '/pages/report/index' },
  { key: 'help', title: '我要求助', hint: '孩子受到或可能受到伤害', badge: '助', url: '/pages/help/index' },
  // Hardship (money, schooling, paperwork) is a policy question or an application, not a harm report.
  { key: 'policy', title: '政策咨询', hint: '家里有困难：补贴、救助、上学、监护', badge: '问', url: '/pages/policy/index' },
  { key: 'apply', title: '协助申办', hint: '帮您申请补贴、救助等', badge: '办', url: '/pages/apply/index' },
  { key: 'receipt', title: '查询进度', hint: '凭回执码查看办理情况', badge: '查', url: '/pages/receipt/index' },
];

function callPolice() {
  Taro.makePhoneCall({ phoneNumber: '110' }).catch(() => {
    // The user cancelled the call sheet; nothing to do.
  });
}

/** Where a signed-in resident or guardian follows up what they sent. */
const MINE = [
  { key: 'reports', title: '我的报告', url: '/pages/my-reports/index' },
  { key: 'consult', title: '我的咨询', url: '/pages/consult/mine' },
  { key: 'apply', title: '我的申办', url: '/pages/apply/mine' },
];

export default function IndexPage() {
  const [session, setSession] = useState(getSession);
  useDidShow(() => setSession(getSession()));
  const staff = !!session && session.user.role !== 'public';
  const go = (url: string) => void Taro.navigateTo({ url });

  async function leave() {
    await signOut();
    setSession(null);
  }

  return (
    <PageShell className='wbt-home'>
      <View className='wbt-home__header'>
        <Text className='wbt-home__brand'>未保通</Text>
        <Text className='wbt-home__slogan'>未成年人保护 · 守护每一个孩子</Text>
      </View>

      <View className='wbt-home__sos' onClick={callPolice} data-testid='call-110'>
        <Text className='wbt-home__sos-ask'>孩子正处于危险中？</Text>
        <Text className='wbt-home__sos-call'>立即拨打110</Text>
      </View>

      <View className='wbt-home__actions'>
        {ACTIONS.map((a) => (
          <View
            key={a.key}
            className={`wbt-home__action wbt-home__action--${a.key}`}
            hoverClass='wbt-home__action--pressed'
            onClick={() => Taro.navigateTo({ url: a.url })}
          >
            <Text className='wbt-home__badge'>{a.badge}</Text>
            <View className='wbt-home__action-text'>
              <Text className='wbt-home__action-title'>{a.title}</Text>
              <Text className='wbt-home__action-hint'>{a.hint}</Text>
            </View>
            <Text className='wbt-home__chevron'>›</Text>
          </View>
        ))}
      </View>

      {!staff ? (
        <View className='wbt-home__mine' data-testid='home-mine'>
          <View className='wbt-home__mine-head'>
            <Text className='wbt-home__mine-title'>我的</Text>
            {session ? <Text className='wbt-home__mine-who'>已登录</Text> : <Text className='wbt-home__mine-who'>查看我提交的事项</Text>}
          </View>
          <View className='wbt-home__mine-row'>
            {MINE.map((m) => (
              <View key={m.key} className='wbt-home__mine-item' onClick={() => go(m.url)} data-testid={`home-mine-${m.key}`}>
                <Text>{m.title}</Text>
              </View>
            ))}
          </View>
          {session ? (
            <View className='wbt-home__mine-out' onClick={() => void leave()} data-testid='home-sign-out'>
              <Text>退出登录</Text>
            </View>
          ) : null}
        </View>
      ) : null}

      <View className='wbt-home__footer'>
        <Text className='wbt-home__note'>可以匿名报告，我们会为您保密</Text>
        {staff ? (
          <View className='wbt-home__staff' onClick={() => go(WORKBENCH_PAGE)} data-testid='home-workbench'>
            <Text>进入工作台</Text>
          </View>
        ) : (
          <View className='wbt-home__staff' onClick={() => go(LOGIN_PAGE)}>
            <Text>工作人员登录</Text>
          </View>
        )}
      </View>
    </PageShell>
  );
}

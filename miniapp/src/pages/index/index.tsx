import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PageShell } from '../../components/PageShell';
import { LOGIN_PAGE } from '../../services/config';
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
  { key: 'help', title: '我要求助', hint: '家里有困难，需要帮助', badge: '助', url: '/pages/help/index' },
  { key: 'policy', title: '政策咨询', hint: '补贴、救助、上学、监护', badge: '问', url: '/pages/policy/index' },
  { key: 'receipt', title: '查询进度', hint: '凭回执码查看办理情况', badge: '查', url: '/pages/receipt/index' },
];

function callPolice() {
  Taro.makePhoneCall({ phoneNumber: '110' }).catch(() => {
    // The user cancelled the call sheet; nothing to do.
  });
}

export default function IndexPage() {
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

      <View className='wbt-home__footer'>
        <Text className='wbt-home__note'>可以匿名报告，我们会为您保密</Text>
        <Text className='wbt-home__staff' onClick={() => Taro.navigateTo({ url: LOGIN_PAGE })}>
          工作人员登录
        </Text>
      </View>
    </PageShell>
  );
}

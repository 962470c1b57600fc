import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Role } from '@wbt/shared';
import './StaffMenu.css';

interface Entry {
  label: string;
  hint: string;
  url: string;
  roles: Role[];
  testid: string;
}

const STATION: Role[] = ['supervisor', 'station_head', 'county_admin'];

/** Workbench shortcuts to the station's desks, by role (directors work from their task list). */
const ENTRIES: Entry[] = [
  { label: '报告来件', hint: '群众报告与求助、录入来电', url: '/staff/pages/reports/index', roles: STATION, testid: 'menu-reports' },
  { label: '政策咨询', hint: '监护人提问与答复', url: '/staff/pages/consultations/index', roles: [...STATION, 'social_worker'], testid: 'menu-consultations' },
  { label: '协助申办', hint: '申请材料与办理状态', url: '/staff/pages/consultations/applications', roles: [...STATION, 'social_worker'], testid: 'menu-applications' },
  { label: '统计看板', hint: '报告、个案、走访与超时', url: '/staff/pages/stats/index', roles: STATION, testid: 'menu-stats' },
  { label: '台账与名册', hint: '导出 Excel、打印', url: '/staff/pages/ledgers/index', roles: STATION, testid: 'menu-ledgers' },
  { label: '政策文章', hint: '编辑与发布政策解读', url: '/staff/pages/consultations/policies', roles: [...STATION, 'social_worker'], testid: 'menu-policies' },
];

export function StaffMenu({ role }: { role: Role | undefined }) {
  const entries = role ? ENTRIES.filter((e) => e.roles.includes(role)) : [];
  if (entries.length === 0) return null;
  return (
    <View className='wbt-card wbt-staffmenu' data-testid='staff-menu'>
      <Text className='wbt-staffmenu__title'>工作入口</Text>
      <View className='wbt-staffmenu__grid'>
        {entries.map((e) => (
          <View key={e.url} className='wbt-staffmenu__item' data-testid={e.testid} onClick={() => void Taro.navigateTo({ url: e.url })}>
            <Text className='wbt-staffmenu__label'>{e.label}</Text>
            <Text className='wbt-staffmenu__hint'>{e.hint}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

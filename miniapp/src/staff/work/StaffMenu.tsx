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
const ADMINS: Role[] = ['station_head', 'county_admin'];
const EVERY_STAFF: Role[] = ['director', 'supervisor', 'social_worker', 'station_head', 'county_admin'];

/** Workbench shortcuts to the station's desks, by role (directors work from their task list; reports come in at 受理台). */
const ENTRIES: Entry[] = [
  { label: '政策咨询', hint: '监护人提问与答复', url: '/staff/pages/consultations/index', roles: [...STATION, 'social_worker'], testid: 'menu-consultations' },
  { label: '协助申办', hint: '申请材料与办理状态', url: '/staff/pages/consultations/applications', roles: [...STATION, 'social_worker'], testid: 'menu-applications' },
  { label: '统计看板', hint: '报告、个案、走访与超时', url: '/staff/pages/stats/index', roles: STATION, testid: 'menu-stats' },
  { label: '台账与名册', hint: '导出 Excel、打印', url: '/staff/pages/ledgers/index', roles: STATION, testid: 'menu-ledgers' },
  { label: '资源名录', hint: '派出所、卫生院、学校等转介单位', url: '/staff/pages/resources/index', roles: [...STATION, 'social_worker', 'director'], testid: 'menu-resources' },
  { label: '政策文章', hint: '编辑与发布政策解读', url: '/staff/pages/consultations/policies', roles: [...STATION, 'social_worker'], testid: 'menu-policies' },
  { label: '档案概况', hint: '各村儿童档案与走访完成情况', url: '/staff/pages/children/index', roles: ['county_admin'], testid: 'menu-overview' },
  { label: '人员账号', hint: '新建、停用、重置密码、交接', url: '/staff/pages/admin/staff', roles: ADMINS, testid: 'menu-staff' },
  { label: '儿童主任花名册', hint: '任职、培训记录与培训时限', url: '/staff/pages/admin/directors', roles: ADMINS, testid: 'menu-directors' },
  { label: '组织架构', hint: '乡镇、村（社区）与站点电话', url: '/staff/pages/admin/orgs', roles: ['county_admin'], testid: 'menu-orgs' },
  { label: '时限设置', hint: '本县各项时限与走访频次', url: '/staff/pages/admin/settings', roles: ['county_admin'], testid: 'menu-settings' },
  { label: '操作日志', hint: '谁在何时查看或修改了什么', url: '/staff/pages/admin/audit', roles: ADMINS, testid: 'menu-audit' },
  { label: '修改密码', hint: '设置新的登录密码', url: '/staff/pages/admin/password', roles: EVERY_STAFF, testid: 'menu-password' },
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

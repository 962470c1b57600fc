import type { StaffRole } from '@wbt/shared';
import type { AppDeps } from '../../deps';
import { demoSeeders, type Services } from '../../modules';

/** Demo password of every demo account (listed in the README). */
export const DEMO_PASSWORD = 'Demo@2026';

/** Real place names from seed 003 (铜罐驿镇); every person's name is invented. */
export const DEMO_VILLAGES = [
  { name: '双骑龙村', director: '刘春梅' },
  { name: '建设村', director: '张丽华' },
  { name: '观音桥村', director: '杨秀英' },
  { name: '英雄湾村', director: '黄志强' },
  { name: '新合村', director: '吴桂芳' },
  { name: '大碑村', director: '徐建平' },
  { name: '黄金堡村', director: '孙玉兰' },
  { name: '冬笋坝社区', director: '马晓燕' },
  { name: '铜罐社区', director: '朱红霞' },
] as const;

export const DEMO_TOWNSHIP_STAFF: { username: string; name: string; role: StaffRole }[] = [
  { username: 'zhanzhang', name: '林晓岚', role: 'station_head' },
  { username: 'dudao', name: '陈思远', role: 'supervisor' },
  { username: 'shegong', name: '王文静', role: 'social_worker' },
];

/** Usernames the demo seed creates; production refuses to start while one of them opens with DEMO_PASSWORD. */
export const DEMO_USERNAMES = ['admin', ...DEMO_TOWNSHIP_STAFF.map((s) => s.username), ...DEMO_VILLAGES.map((_, i) => `zhuren${String(i + 1).padStart(2, '0')}`)];

export interface DemoOrgIds {
  county: number;
  township: number;
  villages: Record<string, number>;
}

/** A module's own demo data (listed in modules/index.ts); runs after orgs and staff exist. */
export type DemoSeeder = (deps: AppDeps, services: Services, orgs: DemoOrgIds) => Promise<void>;

export async function seedDemoIfEmpty(deps: AppDeps, services: Services): Promise<boolean> {
  if (!(await services.org.isEmpty())) return false;
  const county = await services.org.create({ parentId: null, level: 'county', name: '重庆市九龙坡区' });
  const township = await services.org.create({ parentId: county.id, level: 'township', name: '铜罐驿镇', phone: deps.config.stationPhone });
  const villages: Record<string, number> = {};
  for (const v of DEMO_VILLAGES) villages[v.name] = (await services.org.create({ parentId: township.id, level: 'village', name: v.name })).id;

  const accounts = [
    { username: 'admin', name: '赵明辉', role: 'county_admin' as const, orgId: county.id },
    ...DEMO_TOWNSHIP_STAFF.map((s) => ({ ...s, orgId: township.id })),
    ...DEMO_VILLAGES.map((v, i) => ({
      username: `zhuren${String(i + 1).padStart(2, '0')}`,
      name: v.director,
      role: 'director' as const,
      orgId: villages[v.name],
    })),
  ];
  await Promise.all(accounts.map((a) => services.auth.createStaff({ ...a, password: DEMO_PASSWORD })));
  const ids: DemoOrgIds = { county: county.id, township: township.id, villages };
  for (const seeder of demoSeeders) await seeder(deps, services, ids);
  deps.logger.info({ accounts: accounts.length }, 'demo township seeded');
  return true;
}

import type { ResourceKind } from '@wbt/shared';
import type { DemoSeeder } from '../../db/seed/demo';

/**
 * The demo directory of 铜罐驿镇 and its district. Unit names follow the usual pattern of such
 * offices; contact people are invented and the phone numbers are placeholders (023-000000xx), like
 * the demo station's own number.
 */
const TOWNSHIP: { kind: ResourceKind; name: string; address: string; contactName: string; contactPhone: string; services: string }[] = [
  { kind: 'police_station', name: '铜罐驿派出所', address: '铜罐驿镇正街（示例地址）', contactName: '何志刚', contactPhone: '023-00000011', services: '接报侵害未成年人案件、出警、立案、告诫' },
  { kind: 'health_center', name: '铜罐驿镇卫生院', address: '铜罐驿镇卫生院路（示例地址）', contactName: '邓丽', contactPhone: '023-00000012', services: '伤情检查和救治、心理初筛' },
  { kind: 'school', name: '铜罐驿镇中心小学', address: '铜罐驿镇学府路（示例地址）', contactName: '蒋文', contactPhone: '023-00000013', services: '控辍保学、送教上门、校园欺凌处置' },
  { kind: 'school', name: '铜罐驿中学', address: '铜罐驿镇学府路（示例地址）', contactName: '袁华', contactPhone: '023-00000014', services: '控辍保学、心理健康教育' },
  { kind: 'justice_office', name: '铜罐驿司法所', address: '铜罐驿镇政府内（示例地址）', contactName: '丁勇', contactPhone: '023-00000015', services: '法律咨询、人民调解、法律援助申请' },
  { kind: 'women_federation', name: '铜罐驿镇妇联', address: '铜罐驿镇政府内（示例地址）', contactName: '罗敏', contactPhone: '023-00000016', services: '家庭教育指导、反家暴支持' },
  { kind: 'disabled_federation', name: '铜罐驿镇残联', address: '铜罐驿镇政府内（示例地址）', contactName: '田军', contactPhone: '023-00000017', services: '残疾人证办理、残疾儿童康复救助申请' },
  { kind: 'civil_affairs', name: '铜罐驿镇社会事务办', address: '铜罐驿镇政府内（示例地址）', contactName: '彭云', contactPhone: '023-00000018', services: '低保、临时救助、事实无人抚养儿童认定申请' },
];
const COUNTY = [
  { kind: 'county_center' as const, name: '九龙坡区未成年人救助保护中心', address: '九龙坡区（示例地址）', contactName: '范丽', contactPhone: '023-00000021', services: '临时监护、临时照料、个案会商' },
];

export const resourcesDemoSeeder: DemoSeeder = async (deps, s, orgs) => {
  const township = (await s.org.get(orgs.township))!;
  const countyId = township.parentId!;
  const county = (await s.org.get(countyId))!;
  const actor = { userId: 0, role: 'county_admin' as const, name: '演示数据', orgId: county.id, orgPath: county.path, orgLevel: 'county' as const, sessionId: 'demo-seed' };
  for (const r of TOWNSHIP) await s.resources.create(actor, { ...r, orgId: township.id });
  for (const r of COUNTY) await s.resources.create(actor, { ...r, orgId: county.id });
  void deps;
};

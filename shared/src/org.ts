import { labelled } from './labels';

export const OrgLevel = labelled({
  county: '县/区',
  township: '乡镇/街道',
  village: '村/社区',
});
export type OrgLevel = (typeof OrgLevel.codes)[number];

/** Staff roles and the public role. Each staff role belongs to one org level. */
export const Role = labelled({
  public: '公众用户',
  director: '儿童主任',
  supervisor: '儿童督导员',
  social_worker: '儿童社工',
  station_head: '未保站站长',
  county_admin: '县级管理员',
});
export type Role = (typeof Role.codes)[number];
export type StaffRole = Exclude<Role, 'public'>;

export const STAFF_ROLES: readonly StaffRole[] = ['director', 'supervisor', 'social_worker', 'station_head', 'county_admin'];

export const ROLE_ORG_LEVEL: Record<StaffRole, OrgLevel> = {
  director: 'village',
  supervisor: 'township',
  social_worker: 'township',
  station_head: 'township',
  county_admin: 'county',
};

export function isStaffRole(role: string): role is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role);
}

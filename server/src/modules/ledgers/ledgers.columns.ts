import type { Roster } from '@wbt/shared';
import type { Sensitivity } from './ledgers.mask';

export interface LedgerColumn {
  key: string;
  header: string;
  /** Column width in characters (xlsx) — the print page scales from it. */
  width: number;
  /** Masked for roles that may not see it in full. */
  sensitive?: Sensitivity;
}

const c = (key: string, header: string, width: number, sensitive?: Sensitivity): LedgerColumn => ({ key, header, width, sensitive });

/** The columns every child roster shares: who the child is, where, and who looks after them. */
const childIdentity: LedgerColumn[] = [
  c('village', '所属村（社区）', 14),
  c('name', '姓名', 10, 'name'),
  c('sex', '性别', 6),
  c('dob', '出生日期', 12, 'dob'),
  c('idNumber', '身份证号', 21, 'idNumber'),
  c('householdReg', '户籍地', 18, 'address'),
  c('address', '家庭住址', 24, 'address'),
];
const guardian: LedgerColumn[] = [
  c('guardianName', '监护人姓名', 10, 'name'),
  c('guardianRelation', '与儿童关系', 12),
  c('guardianPhone', '监护人电话', 14, 'phone'),
];
const plan: LedgerColumn[] = [c('riskTier', '风险等级', 8), c('lastVisit', '上次走访', 12), c('nextVisit', '下次走访', 12)];

/**
 * The columns of each ledger. Seed 003 §五(七) names the ledgers but gives no layout; these follow the
 * fields the child file carries (seed 002 附件2 4.1, seed 004 附件3) and the forms of 附件5–7.
 */
export const ROSTER_COLUMNS: Record<Roster, LedgerColumn[]> = {
  reception: [
    c('receivedAt', '接待时间', 18),
    c('method', '接待方式', 8),
    c('entry', '来源', 12),
    c('kind', '类型', 10),
    c('reporter', '报告人', 8),
    c('reporterIdentity', '报告人身份', 14),
    c('childName', '涉及儿童', 10, 'name'),
    c('village', '所属村（社区）', 14),
    c('situations', '情形', 30),
    c('category', '分类', 10),
    c('acknowledgedAt', '受理时间', 18),
    c('handler', '经办人', 10),
    c('status', '办理状态', 10),
    c('caseCode', '案件编号', 13),
  ],
  protection: [
    c('caseCode', '案件编号', 13),
    c('openedAt', '立案日期', 12),
    c('childName', '儿童姓名', 10, 'name'),
    c('sex', '性别', 6),
    c('age', '年龄', 6),
    c('address', '住址', 24, 'address'),
    c('village', '所属村（社区）', 14),
    c('kind', '案件类型', 10),
    c('serious', '严重侵害', 8),
    c('riskLevel', '风险等级', 8),
    c('status', '当前环节', 10),
    c('owner', '主办人', 10),
    c('archivedAt', '结案日期', 12),
  ],
  left_behind: [
    ...childIdentity,
    c('parentsAway', '父母外出情况', 14),
    c('parentsAwayWhere', '外出务工地', 14),
    c('guardianshipState', '监护状况', 18),
    ...guardian,
    c('entrustment', '委托监护确认书', 12),
    c('schooling', '就学情况', 10),
    c('school', '就读学校', 16),
    ...plan,
  ],
  plight: [
    ...childIdentity,
    c('plightType', '困境类型', 24),
    c('health', '健康状况', 16, 'text'),
    c('disability', '残疾情况', 16, 'text'),
    c('benefits', '保障待遇', 24),
    c('guardianshipState', '监护状况', 18),
    ...guardian,
    c('schooling', '就学情况', 10),
    ...plan,
  ],
  orphans: [
    ...childIdentity,
    c('orphanType', '类别', 20),
    c('guardianshipState', '监护状况', 18),
    ...guardian,
    c('entrustment', '委托监护确认书', 12),
    c('benefits', '保障待遇', 24),
    c('schooling', '就学情况', 10),
    ...plan,
  ],
  visits: [
    c('visitedAt', '走访时间', 18),
    c('village', '所属村（社区）', 14),
    c('childName', '儿童姓名', 10, 'name'),
    c('visitor', '走访人', 10),
    c('metWith', '见到', 16),
    c('harmSigns', '发现侵害迹象', 10),
    c('findings', '走访情况', 30, 'text'),
    c('nextSteps', '下一步', 24, 'text'),
  ],
  referrals: [
    c('sentAt', '转介日期', 12),
    c('caseCode', '案件编号', 13),
    c('unitType', '接收单位类型', 14),
    c('unit', '接收单位', 20),
    c('unitAddress', '单位地址', 22),
    c('contactName', '联系人', 10),
    c('contactPhone', '联系电话', 14, 'phone'),
    c('reason', '转介理由', 30, 'text'),
    c('followUpPlan', '跟进计划', 24, 'text'),
    c('status', '状态', 14),
    c('lastMovedAt', '最近进展', 12),
    c('closedAt', '结束日期', 12),
  ],
};

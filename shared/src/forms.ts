/**
 * The printable forms of the station's paperwork (seed 002 附件5/6/7 and the child's file), as the
 * fields they are filled with: the same values fill the Word templates (server/templates, one
 * {tag} per field) and the print pages of the mini-program. Every value is already in words.
 */

/** 附件5 未成年人疑似伤害事件求助登记表 (a 求助) or 附件6 未成年人保护强制报告登记表 (a report of harm). */
export interface ReportFormData {
  form: 'help' | 'harm';
  /** "附件5" / "附件6". */
  formNo: string;
  title: string;
  reportId: number;
  orgName: string;
  townshipName: string;
  /** "☑公开 □匿名" (full-width space between). */
  disclosureBoxes: string;
  /** The reporter's name and phone, or 匿名 / 已隐去 for a caller who may not see them. */
  reporterName: string;
  reporterPhone: string;
  /** True when a name on file was hidden from this caller. */
  reporterHidden: boolean;
  /** 附件6's identity and method choices, the chosen one ticked ("☑学校老师 □…", full-width spaces). */
  identityBoxes: string;
  identityNote: string;
  methodBoxes: string;
  methodNote: string;
  /** "2026年5月10日 21时05分". */
  reportedAt: string;
  childName: string;
  childSex: string;
  childAge: string;
  childAddress: string;
  childPhone: string;
  guardianName: string;
  guardianRelation: string;
  guardianPhone: string;
  place: string;
  occurredAt: string;
  account: string;
  /** The situations ticked by the reporter, "；"-separated. */
  situations: string;
  perpetratorName: string;
  perpetratorRelation: string;
  perpetratorAddress: string;
  perpetratorPhone: string;
  physical: string;
  mental: string;
  behaviour: string;
  view: string;
  /** "照片2张，录音1个" or "无". */
  attachments: string;
  filler: string;
  filledDate: string;
}

/** 附件7 未成年人保护服务转介记录表. */
export interface ReferralFormData {
  caseCode: string;
  referralId: number;
  sentYear: number;
  sentMonth: number;
  sentDay: number;
  sentDate: string;
  childName: string;
  childSex: string;
  childAge: string;
  childAddress: string;
  childPhone: string;
  guardianName: string;
  guardianRelation: string;
  guardianPhone: string;
  reason: string;
  unit: string;
  unitType: string;
  unitAddress: string;
  contactName: string;
  contactPhone: string;
  followUpPlan: string;
  status: string;
  result: string;
  filler: string;
}

/** 一人一档: the child's file with its guardians and visits. */
export interface ChildFileFormData {
  id: number;
  orgName: string;
  village: string;
  createdAt: string;
  today: string;
  name: string;
  sex: string;
  dob: string;
  idNumber: string;
  householdReg: string;
  phone: string;
  address: string;
  categories: string;
  riskTier: string;
  guardianshipState: string;
  parentsAway: string;
  parentsAwayWhere: string;
  entrustment: string;
  schooling: string;
  school: string;
  health: string;
  disability: string;
  benefits: string;
  visitIntervalDays: number;
  guardians: { name: string; relation: string; phone: string; entrusted: string }[];
  riskReason: string;
  servicesNote: string;
  visits: { visitedAt: string; visitor: string; harmSigns: string; findings: string }[];
}


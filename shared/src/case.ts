import { z } from 'zod';
import { labelled } from './labels';
import type { CaseStatus } from './caseFlow';
import { ChildSex, type IncomingReportItem } from './report';
import type { TaskView } from './task';

/**
 * Case work of the township station (seed 002 附件4 发现报告处置流程图, 附件7 转介记录表, §5.2, §6.2):
 * the request bodies of every step, with Chinese messages that name the field. The state machine that
 * decides which step may follow which is in caseFlow.ts.
 */

// ---------- enums with their Chinese labels ----------

/** 2 分类: what an incoming report turns out to be. */
export const IntakeCategory = labelled({
  consultation: '咨询',
  help: '求助案例',
  harm: '报告案例',
});
export type IntakeCategory = (typeof IntakeCategory.codes)[number];

/** The consultation branch of 附件4. */
export const ConsultationType = labelled({
  policy: '政策咨询',
  application: '协助申办',
  incident: '事件咨询',
});
export type ConsultationType = (typeof ConsultationType.codes)[number];

/** A case is opened for a help request or a harm report. */
export const CaseKind = labelled({
  help: '求助案例',
  harm: '报告案例',
});
export type CaseKind = (typeof CaseKind.codes)[number];

/** 3 危机评估. */
export const RiskLevel = labelled({
  low: '低危',
  medium: '中危',
  high: '高危',
});
export type RiskLevel = (typeof RiskLevel.codes)[number];

/** 4 强制干预 (medium/high risk), the measures of 附件4 box 4. */
export const InterventionMeasure = labelled({
  reported_upward: '报告上级',
  removal: '带离现场',
  emergency_shelter: '紧急庇护',
  protection_order: '协助申请（紧急）人身安全保护令',
  temporary_placement: '协助、联络安排临时安置',
  professional_assessment: '联系专业人士对个案进行专业评估',
  agencies_involved: '配合相关部门介入，陪伴协助受害儿童及家庭',
  other_services: '协调其他专业服务（个案服务、心理咨询、医护、教育等）',
});
export type InterventionMeasure = (typeof InterventionMeasure.codes)[number];

/** The low-risk branch (附件4 box 5 lists these services; 协助安置 is only one of them). */
export const SupportService = labelled({
  family_education: '家庭教育指导、监护指导',
  family_relations: '协调家庭关系、修复亲子关系',
  hardship: '未成年人及其家庭困难帮扶',
  psychological: '情绪处理、压力等心理服务',
  other_professional: '其他专业服务',
});
export type SupportService = (typeof SupportService.codes)[number];

/** 6 跟踪转介: kinds of receiving unit (附件4 box 6: 公安立案, 个案服务, 心理服务, 医院…). */
export const ReferralUnitType = labelled({
  police: '公安机关',
  procuratorate: '检察院',
  court: '人民法院',
  hospital: '医疗机构',
  psychological: '心理服务机构',
  social_work: '社会工作服务机构',
  education: '教育部门/学校',
  civil_affairs: '民政部门/救助保护机构',
  legal_aid: '法律援助机构',
  women_federation: '妇联',
  other: '其他',
});
export type ReferralUnitType = (typeof ReferralUnitType.codes)[number];

/** What the police did with a referral (附件4 box 6 公安立案; 反家庭暴力法 第十六条 告诫书). */
export const PoliceOutcome = labelled({
  filed: '立案侦查',
  education: '批评教育',
  warning_letter: '出具告诫书',
  not_filed: '不予立案',
  other: '其他',
});
export type PoliceOutcome = (typeof PoliceOutcome.codes)[number];

/** A referral is sent → accepted / rejected (with reason) → done. */
export const ReferralStatus = labelled({
  sent: '已转介，待接收',
  accepted: '已接收，服务中',
  rejected: '已拒绝',
  done: '已完成',
});
export type ReferralStatus = (typeof ReferralStatus.codes)[number];

export const ReferralAction = labelled({
  accept: '接收单位已接收',
  reject: '接收单位拒绝',
  done: '转介服务完成',
  progress: '记录跟进情况',
});
export type ReferralAction = (typeof ReferralAction.codes)[number];

/** 7 跟踪回访: where the child lives now (附件4 box 7). */
export const Placement = labelled({
  home_school: '已回归家庭和学校生活',
  temporary: '临时安置',
  long_term: '长期安置（收养、寄养、机构教育等）',
  other: '其他',
});
export type Placement = (typeof Placement.codes)[number];

export const VisitMethod = labelled({
  home: '入户走访',
  school: '到校了解',
  phone: '电话回访',
  other: '其他',
});
export type VisitMethod = (typeof VisitMethod.codes)[number];

/** 个案会商 participants' units (seed 002 §6.2). */
export const ConferenceUnit = labelled({
  education: '教育',
  public_security: '公安',
  civil_affairs: '民政',
  health: '卫生健康',
  youth_league: '共青团',
  women_federation: '妇联',
  village_committee: '村（居）民委员会',
  family: '儿童亲属',
  social_work: '社会工作专业服务机构',
  county_office: '县（区）未保办',
  station: '未保站',
  other: '其他',
});
export type ConferenceUnit = (typeof ConferenceUnit.codes)[number];

/**
 * The authorities told of suspected harm (未保法 第十一条; 九部门意见 第二条; seed 002 §6.3.1): the
 * police (公安机关) and civil affairs (民政部门).
 */
export const Authority = labelled({ police: '公安机关', civil_affairs: '民政部门' });
export type Authority = (typeof Authority.codes)[number];

/** Tasks a case dispatches to the village (the tasks module carries them out). */
export const CaseTaskKind = labelled({
  first_visit: '首次家访',
  verification: '核查',
  follow_up: '回访',
});
export type CaseTaskKind = (typeof CaseTaskKind.codes)[number];

// ---------- field helpers ----------

const text = (field: string, min: number, max: number) =>
  z
    .string({ error: `请填写${field}` })
    .trim()
    .min(min, min <= 1 ? `请填写${field}` : `${field}至少${min}个字`)
    .max(max, `${field}不能超过${max}个字`);
const optText = (field: string, max: number) =>
  z
    .string({ error: `${field}格式不正确` })
    .trim()
    .max(max, `${field}不能超过${max}个字`)
    .optional()
    .transform((v) => (v === '' ? undefined : v));
const id = (field: string) => z.coerce.number({ error: `${field}不正确` }).int(`${field}不正确`).positive(`${field}不正确`);
/** An instant sent as ISO-8601 text. */
const instant = (field: string) =>
  z
    .string({ error: `请填写${field}` })
    .trim()
    .min(1, `请填写${field}`)
    .refine((v) => !Number.isNaN(Date.parse(v)), `${field}不是有效的时间`)
    .transform((v) => new Date(v));
const phone = (field: string) =>
  z
    .string({ error: `请填写${field}` })
    .trim()
    .min(5, `${field}格式不正确`)
    .max(40, `${field}不能超过40个字`)
    .regex(/^[0-9+\-() 转]+$/, `${field}只能包含数字、空格和 + - ( )`);
const enumOf = <T extends readonly [string, ...string[]]>(codes: T, field: string) => z.enum(codes, { error: `请选择${field}` });

// ---------- the child as the station knows it on the case ----------

const optPhone = (field: string) =>
  z
    .string({ error: `${field}格式不正确` })
    .trim()
    .refine((v) => v === '' || /^[0-9+\-() 转]{5,40}$/.test(v), `${field}只能包含数字、空格和 + - ( )`)
    .optional()
    .transform((v) => (v === '' ? undefined : v));

/** 附件7's guardian block: who, their relation, phone and address. */
export const CaseGuardian = z.object({
  name: optText('监护人姓名', 40),
  relation: optText('与儿童关系', 20),
  phone: optPhone('监护人联系方式'),
  address: optText('监护人住址', 200),
});
export type CaseGuardian = z.infer<typeof CaseGuardian>;

export const CaseChild = z.object({
  name: optText('儿童姓名', 40),
  sex: enumOf(ChildSex.codes, '儿童性别').optional(),
  age: z.coerce.number({ error: '儿童年龄应为数字' }).int('儿童年龄应为整数').min(0, '儿童年龄不能小于0').max(17, '未成年人年龄应小于18岁').optional(),
  address: optText('居住地址', 200),
  /** 附件7 儿童联系方式. */
  phone: optPhone('儿童联系方式'),
  /** 附件7 监护人信息 (sealed with the child on the case). */
  guardian: CaseGuardian.optional(),
});
export type CaseChild = z.infer<typeof CaseChild>;

// ---------- 2 分类 (triage of an incoming report) ----------

export const TriageRequest = z
  .object({
    category: enumOf(IntakeCategory.codes, '分类'),
    consultationType: enumOf(ConsultationType.codes, '咨询类型').optional(),
    /** Link the report to this open case (several reports about the same child) instead of opening one. */
    caseId: id('关联个案编号').optional(),
    /** The child's village or community (where tasks go). */
    villageId: id('所在村（社区）').optional(),
    child: CaseChild.optional(),
    note: optText('分类说明', 1000),
  })
  .superRefine((v, ctx) => {
    if (v.category === 'consultation' && !v.consultationType)
      ctx.addIssue({ code: 'custom', path: ['consultationType'], message: '咨询类请选择咨询类型（政策咨询 / 协助申办 / 事件咨询）' });
    if (v.category === 'consultation' && v.caseId)
      ctx.addIssue({ code: 'custom', path: ['caseId'], message: '咨询类不能关联个案' });
  });
export type TriageRequest = z.infer<typeof TriageRequest>;

// ---------- case steps ----------

/** 指定负责人与村居: owner, social worker, the child's village and child file. */
export const AssignInput = z
  .object({
    ownerUserId: id('负责人').optional(),
    socialWorkerUserId: id('儿童社工').nullable().optional(),
    villageId: id('所在村（社区）').optional(),
    childId: id('儿童档案').nullable().optional(),
    child: CaseChild.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: '请至少修改一项' });
export type AssignInput = z.infer<typeof AssignInput>;

export const LinkReportInput = z.object({ reportId: id('报告编号'), note: optText('说明', 500) });
export type LinkReportInput = z.infer<typeof LinkReportInput>;

/** 3 危机评估: suspected harm or not, risk, reasons; it sets the follow-up plan. */
export const AssessmentInput = z.object({
  harmSuspected: z.boolean({ error: '请选择是否疑似伤害' }),
  injured: z.boolean({ error: '请选择是否有伤情' }).default(false),
  /** 严重家庭暴力或不法侵害 (seed 002 §5.2): the first home visit is due within 24 h of the report. */
  serious: z.boolean({ error: '请选择是否属于严重家庭暴力或不法侵害' }),
  riskLevel: enumOf(RiskLevel.codes, '风险等级'),
  reasons: text('评估理由', 4, 2000),
  /** Days between follow-up visits; defaults to the county setting for the risk level. */
  followUpIntervalDays: z.coerce.number({ error: '回访间隔应为天数' }).int('回访间隔应为整数天').min(1, '回访间隔至少1天').max(180, '回访间隔不能超过180天').optional(),
});
export type AssessmentInput = z.infer<typeof AssessmentInput>;

export const PoliceCaller = labelled({ station: '本站工作人员', reporter: '报告人', other: '其他人员' });

/** 报警（110）: when, which police station, case number if any. */
export const PoliceCallInput = z.object({
  calledAt: instant('报警时间'),
  calledBy: enumOf(PoliceCaller.codes, '报警人').default('station'),
  policeStation: text('出警派出所', 2, 100),
  policeCaseNumber: optText('警情/案件编号', 60),
  note: optText('出警情况', 2000),
});
export type PoliceCallInput = z.infer<typeof PoliceCallInput>;

/**
 * The report of suspected harm to the police or to civil affairs, as a step of the case: when, to
 * which unit, the receipt (回执 / 受案回执 number) and the officer who took it.
 */
export const AuthorityReportInput = z.object({
  authority: enumOf(Authority.codes, '报告对象'),
  /** Not in the future: checked by the server against its clock. */
  reportedAt: instant('报告时间'),
  unit: text('接收单位', 2, 100),
  receipt: optText('回执/受案回执编号', 60),
  officer: optText('接收人员', 40),
  note: optText('报告情况', 1000),
});
export type AuthorityReportInput = z.infer<typeof AuthorityReportInput>;

/** 4 强制干预 measures taken. */
export const InterventionInput = z.object({
  measures: z.array(enumOf(InterventionMeasure.codes, '干预措施'), { error: '请选择干预措施' }).min(1, '请至少选择一项干预措施'),
  reportedTo: optText('报告的上级单位', 100),
  placementPlace: optText('庇护/安置地点', 200),
  agencies: optText('参与的其他部门', 300),
  details: text('干预情况', 4, 2000),
});
export type InterventionInput = z.infer<typeof InterventionInput>;

/** 5 支持服务 provided (the low-risk branch). */
export const SupportInput = z.object({
  services: z.array(enumOf(SupportService.codes, '支持服务'), { error: '请选择支持服务' }).min(1, '请至少选择一项支持服务'),
  provider: optText('服务提供方', 100),
  details: text('服务情况', 4, 2000),
});
export type SupportInput = z.infer<typeof SupportInput>;

/** Dispatch a first visit, verification or follow-up visit to the village director (or a social worker). */
export const DispatchTaskInput = z.object({
  kind: enumOf(CaseTaskKind.codes, '任务类型'),
  /**
   * Default: the child director of the case's village; for the first visit of a serious case, the
   * case's supervisor (seed 002 §5.2: the 督导员 visits with the social worker within 24 hours).
   */
  assigneeUserId: id('执行人').optional(),
  /** Default: the clock of the kind (a serious case's first visit is due 24 h after the report). */
  dueAt: instant('完成时限').optional(),
  reason: text('任务说明', 2, 500),
});
export type DispatchTaskInput = z.infer<typeof DispatchTaskInput>;

/** 6 跟踪转介: every field of 附件7 未成年人保护服务转介记录表 (the child block comes from the case). */
export const ReferralInput = z.object({
  unitType: enumOf(ReferralUnitType.codes, '接收单位类型'),
  reason: text('转介理由', 4, 2000),
  unit: text('转介接收单位', 2, 100),
  unitAddress: text('单位地址', 2, 200),
  contactName: text('对接负责人姓名', 1, 40),
  contactPhone: phone('对接负责人联系方式'),
  followUpPlan: text('未保工作站后续跟进计划', 4, 1000),
});
export type ReferralInput = z.infer<typeof ReferralInput>;

export const ReferralUpdateInput = z
  .object({
    referralId: id('转介记录'),
    action: enumOf(ReferralAction.codes, '转介进展'),
    note: optText('跟进情况', 1000),
    rejectReason: optText('拒绝原因', 500),
    outcome: optText('服务结果', 1000),
    /** A police referral: what the police did (the server requires it when a police referral is done). */
    policeOutcome: enumOf(PoliceOutcome.codes, '公安处理结果').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.action === 'reject' && !v.rejectReason) ctx.addIssue({ code: 'custom', path: ['rejectReason'], message: '请填写接收单位拒绝的原因' });
    if (v.action === 'done' && !v.outcome) ctx.addIssue({ code: 'custom', path: ['outcome'], message: '请填写转介服务的结果' });
    if (v.action === 'progress' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: '请填写跟进情况' });
    if (v.policeOutcome === 'other' && !v.outcome && !v.note)
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: '公安处理结果选择“其他”时，请在服务结果或跟进情况中写明' });
  });
export type ReferralUpdateInput = z.infer<typeof ReferralUpdateInput>;

/** 7 跟踪回访: recovery, risk of repeated harm, return to home and school. */
export const FollowUpInput = z.object({
  visitedAt: instant('回访时间'),
  method: enumOf(VisitMethod.codes, '回访方式'),
  recovery: text('康复状况', 2, 1000),
  repeatHarmRisk: enumOf(RiskLevel.codes, '再受伤害可能'),
  placement: enumOf(Placement.codes, '安置情况'),
  findings: text('回访情况', 4, 2000),
  /** No further follow-up visits are planned (the case may then be archived). */
  planFinished: z.boolean().default(false),
});
export type FollowUpInput = z.infer<typeof FollowUpInput>;

export const ConferenceParticipant = z.object({
  name: text('参会人员姓名', 1, 40),
  unitType: enumOf(ConferenceUnit.codes, '参会单位类别'),
  unit: optText('参会单位名称', 100),
});

/** 个案会商 (seed 002 §6.2): date, participants and their units, decisions. */
export const ConferenceInput = z.object({
  heldAt: instant('会商日期'),
  participants: z.array(ConferenceParticipant, { error: '请填写参会人员' }).min(2, '个案会商至少需要两名参会人员'),
  topic: optText('会商议题', 500),
  decisions: text('会商决定', 4, 2000),
  /** 重点个案应及时提请县（区）未保办进行个案会商. */
  escalateToCounty: z.boolean().default(false),
});
export type ConferenceInput = z.infer<typeof ConferenceInput>;

/** An answer to the reporter(s) on their report thread; generic enough to be safe for them to read. */
export const AnswerReporterInput = z.object({
  message: text('答复内容', 4, 1000),
});
export type AnswerReporterInput = z.infer<typeof AnswerReporterInput>;

/** 8 组卷归档: the summary, and the outcome the reporter is told (未保法 Art. 11). */
export const ArchiveInput = z.object({
  summary: text('结案小结', 10, 4000),
  outcomeForReporter: optText('告知报告人的处理结果', 1000),
  /** A case assessed as suspected harm with no report to the police on record: why not. */
  noPoliceReportReason: optText('未向公安机关报告的原因', 1000),
});
export type ArchiveInput = z.infer<typeof ArchiveInput>;

export const ReopenInput = z.object({ reason: text('重新开启原因', 4, 1000) });
export type ReopenInput = z.infer<typeof ReopenInput>;

export const NoteInput = z.object({ text: text('工作记录', 2, 2000) });
export type NoteInput = z.infer<typeof NoteInput>;

// ---------- queries ----------

export const IntakeQuery = z.object({
  status: z.enum(['untriaged', 'triaged', 'all'], { error: '状态筛选不正确' }).default('untriaged'),
  category: enumOf(IntakeCategory.codes, '分类').optional(),
  overdue: z
    .enum(['true', 'false'], { error: '超时筛选不正确' })
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
});
export type IntakeQuery = z.infer<typeof IntakeQuery>;

export const CaseListQuery = z.object({
  status: z.enum(['active', 'archived', 'all'], { error: '状态筛选不正确' }).default('active'),
  mine: z
    .enum(['true', 'false'], { error: '筛选条件不正确' })
    .optional()
    .transform((v) => v === 'true'),
  overdue: z
    .enum(['true', 'false'], { error: '超时筛选不正确' })
    .optional()
    .transform((v) => v === 'true'),
  /** A village of the caller's township. */
  villageId: id('村（社区）').optional(),
  riskLevel: z.enum(['low', 'medium', 'high'], { error: '风险等级筛选不正确' }).optional(),
  /** The child's exact name (spaces ignored). */
  name: z.string({ error: '姓名格式不正确' }).trim().min(1, '请输入要查找的姓名').max(40, '姓名最多40个字').optional(),
  /** Keyset cursor: the last id of the previous page. */
  before: id('分页位置').optional(),
  limit: z.coerce.number({ error: '每页条数应为数字' }).int().min(1).max(100).default(30),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;

// ---------- what the API answers (shared by the server and the mini-program) ----------

/** A field a step changed on the case, already in words. */
export interface CaseFieldChange {
  field: string;
  label: string;
  from: string | null;
  to: string | null;
}

export interface CaseEventView {
  id: number;
  at: string;
  step: string;
  stepLabel: string;
  actorName: string | null;
  actorRole: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  changes: CaseFieldChange[];
  /** The step's input in the words of the forms. */
  lines: string[];
}

export interface CaseClockView {
  id: number;
  kind: string;
  kindLabel: string;
  subjectType: string;
  subjectId: number;
  caseId: number | null;
  subject: string;
  link: string;
  ownerUserId: number | null;
  ownerName: string | null;
  startedAt: string;
  dueAt: string;
  overdue: boolean;
  dueText: string;
  breachedAt: string | null;
}

export interface CaseReferralView {
  id: number;
  caseId: number;
  status: ReferralStatus;
  policeOutcome: PoliceOutcome | null;
  policeOutcomeLabel: string | null;
  statusLabel: string;
  unitType: ReferralUnitType;
  unitTypeLabel: string;
  unit: string;
  unitAddress: string;
  contactName: string;
  contactPhone: string;
  reason: string;
  followUpPlan: string;
  result: string | null;
  /** 附件7 填表人: who recorded the referral. */
  sentBy: number;
  filledByName: string | null;
  sentAt: string;
  lastMovedAt: string;
  closedAt: string | null;
  /** When the 14-day no-movement clock of an open referral runs out. */
  staleAt: string | null;
  stale: boolean;
}


export interface CaseReportRef {
  reportId: number;
  category: string;
  categoryLabel: string;
  triagedAt: string;
}

export interface CaseDetail {
  restricted: false;
  id: number;
  code: string;
  kind: CaseKind;
  kindLabel: string;
  status: CaseStatus;
  statusLabel: string;
  /** The step of 附件4 (3 危机评估 … 8 组卷归档). */
  stage: number;
  readOnly: boolean;
  riskLevel: RiskLevel | null;
  riskLabel: string | null;
  harmSuspected: boolean | null;
  serious: boolean;
  /** Reports of the suspected harm to the police (110 call or written report) and to civil affairs. */
  authorityReports: { step: string; authority: Authority; at: string; unit: string | null }[];
  /** Suspected harm with no police report on record: archiving needs a reason. */
  policeReportMissing: boolean;
  township: { id: number; name: string };
  village: { id: number; name: string } | null;
  childId: number | null;
  child: CaseChild | null;
  owner: { id: number; name: string };
  socialWorker: { id: number; name: string } | null;
  followUpIntervalDays: number | null;
  followUpFinished: boolean;
  firstReportedAt: string;
  openedAt: string;
  updatedAt: string;
  archivedAt: string | null;
  summary: string | null;
  reopenCount: number;
  sourceConsultationId: number | null;
  reports: CaseReportRef[];
  referrals: CaseReferralView[];
  tasks: TaskView[];
  clocks: CaseClockView[];
  events: CaseEventView[];
  /** Steps the actor may take now; `suggested` ones are the next stage of 附件4. */
  allowedSteps: { step: string; label: string; suggested: boolean }[];
}

/** What a village director sees of a case: the child and the tasks, never the reporter or the chronology. */
export interface DirectorCaseView {
  restricted: true;
  id: number;
  code: string;
  kindLabel: string;
  status: CaseStatus;
  statusLabel: string;
  riskLevel: RiskLevel | null;
  riskLabel: string | null;
  serious: boolean;
  village: { id: number; name: string } | null;
  child: CaseChild | null;
  tasks: TaskView[];
  allowedSteps: never[];
}

export interface CaseListItem {
  id: number;
  code: string;
  kind: CaseKind;
  kindLabel: string;
  status: CaseStatus;
  statusLabel: string;
  riskLevel: RiskLevel | null;
  riskLabel: string | null;
  serious: boolean;
  villageName: string | null;
  childName: string | null;
  ownerName: string | null;
  openedAt: string;
  updatedAt: string;
  overdue: boolean;
  nextDue: { kindLabel: string; dueAt: string; dueText: string; overdue: boolean } | null;
}

export interface IntakeItem extends IncomingReportItem {
  kindLabel: string;
  methodLabel: string;
  statusLabel: string;
  /** "3小时前". */
  age: string;
  triage: { category: string; categoryLabel: string; caseId: number | null; caseCode: string | null; triagedAt: string } | null;
  ackDueAt: string;
  ackOverdue: boolean;
  ackDueText: string;
  firstAnswerDueAt: string | null;
  firstAnswerOverdue: boolean;
}

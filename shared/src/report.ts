import { z } from 'zod';
import { labelled } from './labels';
import { MandatorySituation, ReportTrigger } from './mandatoryReport';

/**
 * What the reporter filed: a report of (suspected) harm on 附件6, or a help request on 附件5. Whether a
 * harm report is a 强制报告 depends on who made it (see reportNature).
 */
export const ReportKind = labelled({
  harm: '报告伤害',
  help: '求助',
});
export type ReportKind = (typeof ReportKind.codes)[number];

/** 报告人身份, the categories of 附件6 (附件5's filler is the child or a guardian). */
export const ReporterIdentity = labelled({
  minor_self: '未成年人本人',
  guardian: '未成年人监护人',
  relative: '其他亲属',
  community: '社区人员（邻居等）',
  village_staff: '村（居）委工作人员',
  child_director: '儿童主任',
  teacher: '学校老师',
  schoolmate: '学校同学',
  medical: '医务人员',
  volunteer: '志愿者',
  station_staff: '未保站工作人员',
  social_org: '社会组织',
  other: '其他',
});
export type ReporterIdentity = (typeof ReporterIdentity.codes)[number];

/**
 * Mandatory reporters (九部门《关于建立侵害未成年人案件强制报告制度的意见（试行）》第三条; 未保法 第十一条
 * 第二款): staff of village committees, schools, medical institutions and child-protection bodies who
 * come across suspected harm in their work. Their report is a 强制报告, and they must also report to
 * the police.
 */
export const MANDATORY_REPORTER_IDENTITIES: readonly ReporterIdentity[] = ['village_staff', 'child_director', 'teacher', 'medical', 'station_staff'];

/** 强制报告 (a mandatory reporter), 报告/检举 (anyone else, 未保法 第十一条第一款) or 求助 (附件5). */
export const ReportNature = labelled({
  mandatory: '强制报告',
  report: '报告/检举',
  help: '求助',
});
export type ReportNature = (typeof ReportNature.codes)[number];

export function isMandatoryReporter(identity: ReporterIdentity | null | undefined): boolean {
  return !!identity && MANDATORY_REPORTER_IDENTITIES.includes(identity);
}

/** A harm report is a 强制报告 only when its reporter is a mandatory reporter. */
export function reportNature(kind: ReportKind, identity: ReporterIdentity | null | undefined): ReportNature {
  if (kind === 'help') return 'help';
  return isMandatoryReporter(identity) ? 'mandatory' : 'report';
}

/** 附件6's choice of how the reporter appears: by name (公开) or anonymous. */
export const ReporterDisclosure = labelled({ named: '实名（公开）', anonymous: '匿名' });

/** Who may file a 求助 (附件5): the child or the guardian. */
export const HELP_REPORTER_IDENTITIES: readonly ReporterIdentity[] = ['minor_self', 'guardian', 'relative'];

/** 报告方式. Reports from the mini-program are always 微信; staff entering a call pick one. */
export const ReportMethod = labelled({
  phone: '电话',
  in_person: '面对面',
  mailbox: '信箱',
  email: '邮箱',
  wechat: '微信',
  other: '其它',
});
export type ReportMethod = (typeof ReportMethod.codes)[number];

/** What the reporter sees (已收到 / 已受理 / 处理中 / 已办结); the case flow drives it. */
export const ReportStatus = labelled({
  received: '已收到',
  accepted: '已受理',
  in_progress: '处理中',
  closed: '已办结',
});
export type ReportStatus = (typeof ReportStatus.codes)[number];
export const REPORT_STATUS_ORDER: readonly ReportStatus[] = ['received', 'accepted', 'in_progress', 'closed'];

export const ChildSex = labelled({ male: '男', female: '女', unknown: '不清楚' });
export type ChildSex = (typeof ChildSex.codes)[number];

/** Staff roles that see the township's incoming reports, and those that may see a reporter's identity. */
export const REPORT_READ_ROLES = ['supervisor', 'station_head', 'county_admin'] as const;
export const REPORT_REPLY_ROLES = ['supervisor', 'station_head'] as const;
export const REPORTER_IDENTITY_ROLES = ['supervisor', 'station_head'] as const;

export const MAX_REPORT_PHOTOS = 9;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** Audio recordings and PDF documents attached to a report (附件5/6 附件材料), beside photos. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
export const DocumentType = labelled({ audio: '录音', pdf: 'PDF 文件' });
export type DocumentType = (typeof DocumentType.codes)[number];
/** Photos, recordings and documents together. */
export const MAX_REPORT_ATTACHMENTS = 9;

const text = (field: string, max: number) =>
  z
    .string({ error: `${field}必须是文字` })
    .trim()
    .max(max, `${field}不能超过${max}个字`)
    .transform((v) => (v === '' ? undefined : v))
    .optional();

export const ReportPhone = z
  .string({ error: '电话必须是文字' })
  .trim()
  .refine((v) => v === '' || /^(1\d{10}|0\d{2,3}-?\d{7,8}|\d{3,8})$/.test(v), '电话格式不正确，请填写手机号或座机号')
  .transform((v) => (v === '' ? undefined : v))
  .optional();

export const ReportChild = z.object({
  name: text('孩子姓名', 30),
  sex: z.enum(ChildSex.codes, { error: '孩子性别请选择男、女或不清楚' }).optional(),
  age: z.coerce
    .number({ error: '孩子年龄必须是数字' })
    .int('孩子年龄必须是整数')
    .min(0, '孩子年龄不能小于0岁')
    .max(17, '孩子年龄应小于18岁')
    .optional(),
  address: text('孩子住址', 120),
  phone: ReportPhone,
});

export const ReportGuardian = z.object({
  name: text('监护人姓名', 30),
  relation: text('监护人身份', 30),
  phone: ReportPhone,
});

export const ReportPerpetrator = z.object({
  name: text('疑似施害者姓名', 30),
  relation: text('疑似施害者身份', 40),
  address: text('疑似施害者住址', 120),
  phone: ReportPhone,
});

/** 未成年人具体状态 and 对伤害案件的认知与评价 (附件6). */
export const ReportChildState = z.object({
  physical: text('身体状态', 500),
  mental: text('精神状态', 500),
  behaviour: text('行为表现', 500),
  view: text('孩子自己的看法', 500),
});

export const ReporterInfo = z.object({
  name: text('您的姓名', 30),
  phone: ReportPhone,
  identity: z.enum(ReporterIdentity.codes, { error: '请选择您的身份' }).optional(),
  /** 其他亲属/其他（请注明）. */
  identityNote: text('身份说明', 30),
});
export type ReporterInfo = z.infer<typeof ReporterInfo>;

/** A photo uploaded first (POST /api/uploads/images) and claimed by the report with its ticket. */
export const AttachmentRef = z.object({
  fileId: z.string({ error: '照片编号缺失' }).uuid('照片编号格式不正确'),
  ticket: z.string({ error: '照片凭证缺失' }).min(20, '照片凭证格式不正确').max(100, '照片凭证格式不正确'),
});
export type AttachmentRef = z.infer<typeof AttachmentRef>;

const attachments = z
  .array(AttachmentRef, { error: '照片列表格式不正确' })
  .max(MAX_REPORT_PHOTOS, `照片最多${MAX_REPORT_PHOTOS}张`)
  .default([]);

/** Recordings and PDFs, uploaded first (POST /api/uploads/documents) and claimed with their tickets. */
const documents = z
  .array(AttachmentRef, { error: '附件列表格式不正确' })
  .max(MAX_REPORT_ATTACHMENTS, `录音和文件最多${MAX_REPORT_ATTACHMENTS}个`)
  .default([]);

/**
 * When the events happened, picked as a date and time (Beijing) and sent as ISO-8601; not in the
 * future (a few minutes of clock skew allowed).
 */
export const OccurredAt = z
  .string({ error: '发生时间请用日期时间选择' })
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(
    z
      .string()
      .max(40, '发生时间请用日期时间选择')
      .refine((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) && !Number.isNaN(Date.parse(v)), { message: '发生时间请用日期时间选择（如 2026-03-02 09:30）', abort: true })
      .refine((v) => Date.parse(v) <= Date.now() + 10 * 60_000, '发生时间不能晚于现在')
      .refine((v) => Date.parse(v) >= Date.parse('2000-01-01T00:00:00Z'), '发生时间不正确')
      .transform((v) => new Date(v).toISOString())
      .optional(),
  )
  .optional();

/** The only fields a report truly needs: what happened and roughly where (the village picked). */
export const ReportAccount = z
  .string({ error: '请说一说发生了什么' })
  .trim()
  .min(4, '请说一说发生了什么（至少4个字）')
  .max(5000, '经过不能超过5000个字');

export const ReportCreate = z
  .object({
    kind: z.enum(ReportKind.codes, { error: '请选择是报告还是求助' }),
    anonymous: z.boolean({ error: '请选择匿名或实名' }),
    /** Village/community or township from GET /api/public/orgs: decides the receiving station. */
    orgId: z.coerce.number({ error: '请选择孩子所在的村（社区）' }).int().positive('请选择孩子所在的村（社区）'),
    situations: z.array(z.enum(MandatorySituation.codes, { error: '情形选择有误' })).max(9).default([]),
    situationOther: text('其他情形', 200),
    /** The seeds' further situations (脱离监护、意外伤害…), beside the nine. */
    triggers: z.array(z.enum(ReportTrigger.codes, { error: '情形选择有误' })).max(ReportTrigger.codes.length).default([]),
    account: ReportAccount,
    place: text('发生地点', 120),
    occurredAt: OccurredAt,
    child: ReportChild.default({}),
    guardian: ReportGuardian.default({}),
    perpetrator: ReportPerpetrator.default({}),
    childState: ReportChildState.default({}),
    reporter: ReporterInfo.default({}),
    /** Staff entering a call/visit pick it; the mini-program's own reports are always 微信. */
    method: z.enum(ReportMethod.codes, { error: '请选择报告方式' }).optional(),
    methodNote: text('报告方式说明', 30),
    /** When the call/visit happened (staff entry); defaults to the time the server received it. */
    reportedAt: z.coerce.date({ error: '报告时间格式不正确' }).optional(),
    attachments,
    documents,
  })
  .superRefine((v, ctx) => {
    if (!v.anonymous && !v.reporter.name) {
      ctx.addIssue({ code: 'custom', path: ['reporter', 'name'], message: '实名报告请填写您的姓名（不想留名可选择匿名）' });
    }
  });
export type ReportCreate = z.input<typeof ReportCreate>;
export type ReportCreateParsed = z.output<typeof ReportCreate>;

export const ReportCreated = z.object({
  id: z.number(),
  kind: z.enum(ReportKind.codes),
  /** 强制报告 / 报告/检举 / 求助, from the reporter's identity. */
  nature: z.enum(ReportNature.codes),
  /** A mandatory reporter must also report to the police (110): the app tells them on submit. */
  mustAlsoReportToPolice: z.boolean(),
  status: z.enum(ReportStatus.codes),
  receivedAt: z.string(),
  /** Only for reports not linked to a signed-in reporter: shown once, never stored in clear. */
  receiptCode: z.string().nullable(),
  township: z.object({ id: z.number(), name: z.string(), phone: z.string() }),
});
export type ReportCreated = z.infer<typeof ReportCreated>;

// ---- Receipt codes: 16 characters of Crockford base32 (80 bits), shown as XXXX-XXXX-XXXX-XXXX ----

/** Crockford's alphabet: no I, L, O, U; typed I/L read as 1 and O as 0. */
export const RECEIPT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECEIPT_LENGTH = 16;

/**
 * Upper-cases, drops spaces and dashes of any kind (a code pasted from a chat or typed on a
 * full-width Chinese keyboard), maps look-alikes; null unless 16 valid characters remain.
 */
export function normalizeReceiptCode(input: string): string | null {
  const s = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\p{Pd}_.·・]/gu, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (s.length !== RECEIPT_LENGTH) return null;
  for (const ch of s) if (!RECEIPT_ALPHABET.includes(ch)) return null;
  return s;
}

export function formatReceiptCode(code: string): string {
  return (code.match(/.{1,4}/g) ?? []).join('-');
}

export const ReceiptSessionRequest = z.object({
  receiptCode: z.string({ error: '请输入回执码' }).trim().min(1, '请输入回执码').max(64, '回执码格式不正确'),
});
export type ReceiptSessionRequest = z.infer<typeof ReceiptSessionRequest>;

/** What a receipt code opened: an anonymous report, or an anonymous policy question. */
export const ReceiptKind = z.enum(['report', 'consultation']);
export type ReceiptKind = z.infer<typeof ReceiptKind>;

export const ReceiptSession = z.object({ token: z.string(), expiresIn: z.number(), kind: ReceiptKind });
export type ReceiptSession = z.infer<typeof ReceiptSession>;

export const ReportMessageCreate = z.object({
  text: z
    .string({ error: '请填写要补充的内容' })
    .trim()
    .min(1, '请填写要补充的内容')
    .max(2000, '内容不能超过2000个字'),
  attachments,
});
export type ReportMessageCreate = z.input<typeof ReportMessageCreate>;

export const StationReply = z.object({
  text: z.string({ error: '请填写回复内容' }).trim().min(1, '请填写回复内容').max(2000, '回复不能超过2000个字'),
});
export type StationReply = z.infer<typeof StationReply>;

export const ReportThreadMessage = z.object({
  id: z.number(),
  at: z.string(),
  from: z.enum(['reporter', 'station', 'system']),
  text: z.string(),
  photoCount: z.number(),
});
export type ReportThreadMessage = z.infer<typeof ReportThreadMessage>;

/** What the reporter sees with a receipt session or in 我的报告: status and thread, no case details. */
export const ReporterView = z.object({
  id: z.number(),
  kind: z.enum(ReportKind.codes),
  status: z.enum(ReportStatus.codes),
  statusLabel: z.string(),
  receivedAt: z.string(),
  statusChangedAt: z.string(),
  township: z.object({ name: z.string(), phone: z.string() }),
  messages: z.array(ReportThreadMessage),
});
export type ReporterView = z.infer<typeof ReporterView>;

export const MyReportItem = z.object({
  id: z.number(),
  kind: z.enum(ReportKind.codes),
  status: z.enum(ReportStatus.codes),
  statusLabel: z.string(),
  receivedAt: z.string(),
  summary: z.string(),
  lastMessageAt: z.string().nullable(),
});
export type MyReportItem = z.infer<typeof MyReportItem>;

export const IncomingReportsQuery = z.object({
  status: z.enum(ReportStatus.codes, { error: '状态筛选有误' }).optional(),
  kind: z.enum(ReportKind.codes, { error: '类别筛选有误' }).optional(),
  orgId: z.coerce.number({ error: '村（社区）编号必须是数字' }).int().positive().optional(),
  cursor: z.string().max(200, '分页游标格式不正确').optional(),
  limit: z.coerce.number({ error: '每页条数必须是数字' }).int().min(1).max(50, '每页最多50条').default(20),
});
export type IncomingReportsQuery = z.input<typeof IncomingReportsQuery>;
export type IncomingReportsFilter = Partial<z.output<typeof IncomingReportsQuery>>;

export const IncomingReportItem = z.object({
  id: z.number(),
  kind: z.enum(ReportKind.codes),
  nature: z.enum(ReportNature.codes),
  status: z.enum(ReportStatus.codes),
  anonymous: z.boolean(),
  method: z.enum(ReportMethod.codes),
  receivedAt: z.string(),
  org: z.object({ id: z.number(), name: z.string() }),
  situations: z.array(z.enum(MandatorySituation.codes)),
  triggers: z.array(z.enum(ReportTrigger.codes)),
  summary: z.string(),
  photoCount: z.number(),
  /** Latest message from the reporter (new information to read). */
  lastReporterMessageAt: z.string().nullable(),
});
export type IncomingReportItem = z.infer<typeof IncomingReportItem>;

export const PublicOrgs = z.object({
  townships: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      phone: z.string(),
      villages: z.array(z.object({ id: z.number(), name: z.string() })),
    }),
  ),
});
export type PublicOrgs = z.infer<typeof PublicOrgs>;

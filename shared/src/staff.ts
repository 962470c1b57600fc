import { z } from 'zod';
import { MobileNumber } from './auth';
import { labelled } from './labels';
import { OrgLevel, Role, STAFF_ROLES, type StaffRole } from './org';
import { StaffPassword, StaffUsername } from './password';

/** A calendar day, "YYYY-MM-DD" (appointment and training dates). */
export const CalendarDay = z
  .string({ error: '请选择日期' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), '日期不存在');

const Id = (what: string) => z.coerce.number({ error: `${what}必须是数字` }).int(`${what}必须是整数`).positive(`${what}必须是正整数`);
const PersonName = z.string({ error: '请输入姓名' }).trim().min(1, '请输入姓名').max(60, '姓名不能超过60个字符');
const StaffRoleEnum = z.enum(STAFF_ROLES as [StaffRole, ...StaffRole[]], { error: '角色不正确' });

export const StaffCreateRequest = z.object({
  username: StaffUsername,
  name: PersonName,
  role: StaffRoleEnum,
  orgId: Id('所属组织'),
  /** Initial password: the person must choose a new one at first sign-in. */
  password: StaffPassword,
  phone: MobileNumber.optional(),
  appointedOn: CalendarDay.optional(),
});
export type StaffCreateRequest = z.input<typeof StaffCreateRequest>;

export const StaffUpdateRequest = z.object({
  name: PersonName.optional(),
  phone: MobileNumber.nullable().optional(),
  appointedOn: CalendarDay.nullable().optional(),
});
export type StaffUpdateRequest = z.input<typeof StaffUpdateRequest>;

/** Disabling or moving a person hands their open work to a named successor (required when there is any). */
export const StaffDisableRequest = z.object({ successorUserId: Id('接替人').optional() });
export const StaffMoveRequest = z.object({ orgId: Id('新所属组织'), successorUserId: Id('接替人').optional() });

export const PasswordResetRequest = z.object({ password: StaffPassword });
export const PasswordChangeRequest = z.object({
  currentPassword: z.string({ error: '请输入当前密码' }).min(1, '请输入当前密码').max(128, '密码不能超过128个字符'),
  newPassword: StaffPassword,
});
export type PasswordChangeRequest = z.infer<typeof PasswordChangeRequest>;

export const TrainingCreateRequest = z.object({
  trainedOn: CalendarDay,
  title: z.string({ error: '请输入培训名称' }).trim().min(1, '请输入培训名称').max(100, '培训名称不能超过100个字符'),
  hours: z.coerce.number({ error: '学时必须是数字' }).int('学时必须是整数').min(1, '学时至少为1').max(200, '学时不能超过200').optional(),
});
export type TrainingCreateRequest = z.input<typeof TrainingCreateRequest>;

export const StaffListQuery = z.object({
  role: StaffRoleEnum.optional(),
  orgId: Id('组织').optional(),
  active: z.enum(['true', 'false'], { error: 'active 只能是 true 或 false' }).optional(),
  /** Keyset cursor: the last id of the previous page (lists are ordered by id). */
  after: Id('分页参数').optional(),
  limit: z.coerce.number({ error: '条数必须是数字' }).int().min(1).max(100, '条数不能超过100').default(50),
});

export const StaffView = z.object({
  id: z.number(),
  username: z.string().nullable(),
  name: z.string(),
  role: z.enum(Role.codes),
  roleLabel: z.string(),
  orgId: z.number().nullable(),
  orgName: z.string().nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  /** Masked unless the caller manages this person ("138****5678"). */
  phone: z.string().nullable(),
  appointedOn: z.string().nullable(),
});
export type StaffView = z.infer<typeof StaffView>;

// ---- Training clock of child directors (seed 003: within 3 months of appointment, then yearly) ----

export const TRAINING_FIRST_MONTHS = 3;
export const TRAINING_REPEAT_MONTHS = 12;
/** A training due within this many days shows as due soon. */
export const TRAINING_DUE_SOON_DAYS = 30;

export const TrainingState = labelled({ unknown: '未填任职日期', ok: '正常', due_soon: '即将到期', overdue: '已超期' });
export type TrainingState = (typeof TrainingState.codes)[number];

const addMonths = (day: string, months: number): string => {
  const [y, m, d] = day.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
};

/** When the next training is due: 3 months after appointment until the first one, then a year after the latest. */
export function trainingClock(appointedOn: string | null, lastTrainedOn: string | null, today: string): { dueOn: string | null; state: TrainingState; daysLeft: number | null } {
  const dueOn = lastTrainedOn ? addMonths(lastTrainedOn, TRAINING_REPEAT_MONTHS) : appointedOn ? addMonths(appointedOn, TRAINING_FIRST_MONTHS) : null;
  if (!dueOn) return { dueOn: null, state: 'unknown', daysLeft: null };
  const daysLeft = Math.round((Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return { dueOn, daysLeft, state: daysLeft < 0 ? 'overdue' : daysLeft <= TRAINING_DUE_SOON_DAYS ? 'due_soon' : 'ok' };
}

export const OrgCreateRequest = z.object({
  parentId: Id('上级组织'),
  name: z.string({ error: '请输入名称' }).trim().min(1, '请输入名称').max(100, '名称不能超过100个字符'),
  phone: z.string().trim().max(40, '电话不能超过40个字符').regex(/^[0-9+\-()（） ]*$/, '电话只能包含数字、空格和 + - ( )').optional(),
});
export const OrgUpdateRequest = z.object({
  name: z.string({ error: '请输入名称' }).trim().min(1, '请输入名称').max(100, '名称不能超过100个字符').optional(),
  phone: z.string().trim().max(40, '电话不能超过40个字符').regex(/^[0-9+\-()（） ]*$/, '电话只能包含数字、空格和 + - ( )').nullable().optional(),
});
export const OrgAdminNode = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  level: z.enum(OrgLevel.codes),
  name: z.string(),
  phone: z.string().nullable(),
  retired: z.boolean(),
});

// ---- Audit viewer ----

export const AuditQuery = z.object({
  actorUserId: Id('操作人').optional(),
  action: z.string().trim().max(60, '操作不能超过60个字符').regex(/^[a-z_.]*$/, '操作只能包含小写字母、下划线和点').optional(),
  targetType: z.string().trim().max(40, '记录类型不能超过40个字符').regex(/^[a-z_]*$/, '记录类型只能包含小写字母和下划线').optional(),
  targetId: z.string().trim().max(64, '记录编号不能超过64个字符').optional(),
  from: z.iso.datetime({ offset: true, error: '开始时间格式不正确' }).optional(),
  to: z.iso.datetime({ offset: true, error: '结束时间格式不正确' }).optional(),
  /** Keyset: the last id of the previous page (newest first). */
  before: Id('分页参数').optional(),
  limit: z.coerce.number({ error: '条数必须是数字' }).int().min(1).max(100, '条数不能超过100').default(50),
});
export type AuditQuery = z.input<typeof AuditQuery>;

export const AuditEntryView = z.object({
  id: z.number(),
  at: z.string(),
  actorUserId: z.number().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  result: z.string(),
  orgId: z.number().nullable(),
});

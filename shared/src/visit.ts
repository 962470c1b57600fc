import { z } from 'zod';
import { labelled } from './labels';
import { AttachmentRef } from './report';

/** A home-visit record (入户走访记录): seed 002 §5.3, seed 004 附件3, seed 003 item 28. */

export const VisitMet = labelled({
  child: '儿童本人',
  guardian: '监护人',
  entrusted_guardian: '委托监护人',
  parent: '父母',
  relative: '其他亲属',
  teacher: '老师',
  other: '其他人',
});
export type VisitMet = (typeof VisitMet.codes)[number];

export const LivingCheck = labelled({ good: '良好', fair: '一般', poor: '较差' });
export type LivingCheck = (typeof LivingCheck.codes)[number];

export const GuardianshipCheck = labelled({
  adequate: '监护到位',
  insufficient: '监护能力不足',
  improper: '监护不当',
  absent: '无人监护',
});
export type GuardianshipCheck = (typeof GuardianshipCheck.codes)[number];

export const SchoolingCheck = labelled({
  attending: '正常上学',
  not_school_age: '未到学龄',
  absent_often: '经常缺课',
  dropout: '失学辍学',
});
export type SchoolingCheck = (typeof SchoolingCheck.codes)[number];

export const HealthCheck = labelled({
  good: '健康',
  ill: '患病',
  disabled: '残疾/需康复',
  injured: '有不明伤痕',
});
export type HealthCheck = (typeof HealthCheck.codes)[number];

/**
 * What a visit can find that the township supervisor must hear of at once (seed 002 §4.2): an
 * unexplained injury, no one caring for the child, a child out of school.
 */
export const VisitAlert = labelled({
  unexplained_injury: '有不明伤痕',
  no_carer: '无人监护、无人照料',
  dropout: '失学辍学',
});
export type VisitAlert = (typeof VisitAlert.codes)[number];

export function visitAlerts(v: { health: { rating: HealthCheck }; guardianship: { rating: GuardianshipCheck }; schooling: { rating: SchoolingCheck } }): VisitAlert[] {
  const out: VisitAlert[] = [];
  if (v.health.rating === 'injured') out.push('unexplained_injury');
  if (v.guardianship.rating === 'absent') out.push('no_carer');
  if (v.schooling.rating === 'dropout') out.push('dropout');
  return out;
}

const note = (field: string, max: number) =>
  z
    .string({ error: `${field}必须是文字` })
    .trim()
    .max(max, `${field}不能超过${max}个字`)
    .nullish()
    .transform((v) => (v ? v : null));

const aspect = <T extends readonly [string, ...string[]]>(codes: T, field: string) =>
  z.object(
    {
      rating: z.enum(codes, { error: `请选择${field}` }),
      note: note(`${field}说明`, 500),
    },
    { error: `请填写${field}` },
  );

/** Photos go through the files module (re-encoded, metadata stripped, sealed on disk). */
export const MAX_VISIT_PHOTOS = 9;

export const VisitCreate = z.object({
  childId: z.number({ error: '请选择走访的儿童' }).int().positive(),
  /** The task this visit completes (periodic, first visit, verification, follow-up). */
  taskId: z.number({ error: '任务编号必须是数字' }).int().positive().nullish(),
  visitedAt: z.iso.datetime({ offset: true, error: '走访时间格式不正确' }),
  metWith: z
    .array(z.enum(VisitMet.codes, { error: '见到的人不正确' }), { error: '请选择见到了谁' })
    .min(1, '请选择见到了谁（至少一项）')
    .transform((a) => [...new Set(a)]),
  metNote: note('见到的人说明', 200),
  living: aspect(LivingCheck.codes, '生活状况'),
  guardianship: aspect(GuardianshipCheck.codes, '监护情况'),
  schooling: aspect(SchoolingCheck.codes, '就学情况'),
  health: aspect(HealthCheck.codes, '健康状况'),
  findings: note('发现的问题', 2000),
  nextSteps: note('下一步安排', 1000),
  /** 发现侵害迹象: the mini-program then offers the one-tap mandatory report. */
  harmSigns: z.boolean({ error: '请说明是否发现侵害迹象' }).default(false),
  /** Photos uploaded first (POST /api/uploads/images), claimed with their tickets. */
  photos: z
    .array(AttachmentRef, { error: '照片列表格式不正确' })
    .max(MAX_VISIT_PHOTOS, `照片最多${MAX_VISIT_PHOTOS}张`)
    .default([]),
});
export type VisitCreate = z.input<typeof VisitCreate>;
export type VisitCreateParsed = z.output<typeof VisitCreate>;

export const VisitView = z.object({
  id: z.number(),
  childId: z.number(),
  childName: z.string(),
  taskId: z.number().nullable(),
  orgId: z.number(),
  visitedAt: z.string(),
  visitorUserId: z.number(),
  visitorName: z.string(),
  metWith: z.array(z.enum(VisitMet.codes)),
  metNote: z.string().nullable(),
  living: z.object({ rating: z.enum(LivingCheck.codes), note: z.string().nullable() }),
  guardianship: z.object({ rating: z.enum(GuardianshipCheck.codes), note: z.string().nullable() }),
  schooling: z.object({ rating: z.enum(SchoolingCheck.codes), note: z.string().nullable() }),
  health: z.object({ rating: z.enum(HealthCheck.codes), note: z.string().nullable() }),
  findings: z.string().nullable(),
  nextSteps: z.string().nullable(),
  harmSigns: z.boolean(),
  /** Findings the township supervisors were alerted to. */
  alerts: z.array(z.enum(VisitAlert.codes)),
  photoIds: z.array(z.string()),
  reportId: z.number().nullable(),
  createdAt: z.string(),
  /** The child's next planned visit after this one (the plan moved). */
  nextVisitDue: z.string().nullable(),
});
export type VisitView = z.infer<typeof VisitView>;

/** Idempotency keys: what the mini-program generates once per unsent record. */
export const VISIT_IDEMPOTENCY_KEY_RE = /^[A-Za-z0-9_-]{8,64}$/;

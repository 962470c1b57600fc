import { z } from 'zod';
import { isValidIdNumber } from './idNumber';
import { labelled } from './labels';

/**
 * The parts of the child file the national children's welfare information system
 * (全国儿童福利信息管理系统) asks for beyond the basic file: 民族, 户籍性质, each parent's situation,
 * the person who actually raises the child (实际抚养人) and, when parents work away, the person they
 * entrusted with the child's care (被委托人, 未成年人保护法 第二十二条、第二十三条).
 */

export const HukouType = labelled({ agricultural: '农业户口', non_agricultural: '非农业户口' });
export type HukouType = (typeof HukouType.codes)[number];

/** One parent's situation (民发〔2019〕62号 and 国发〔2016〕13号 name these). */
export const ParentStatus = labelled({
  at_home: '在家',
  migrant_work: '外出务工',
  imprisoned: '服刑在押',
  detox: '强制隔离戒毒',
  deceased: '死亡',
  missing: '失联',
  severe_disability: '重度残疾',
  serious_illness: '重病',
  guardianship_revoked: '被撤销监护资格',
  deported: '被遣送（驱逐）出境',
  unknown: '不详',
});
export type ParentStatus = (typeof ParentStatus.codes)[number];

/** A parent who cannot raise the child (the "另一方无监护能力" of 国发〔2016〕13号, the list of 民发〔2019〕62号). */
export const PARENT_UNABLE: readonly ParentStatus[] = ['imprisoned', 'detox', 'deceased', 'missing', 'severe_disability', 'serious_illness', 'guardianship_revoked', 'deported'];

export const CarerRelation = labelled({
  grandparent: '祖父母/外祖父母',
  sibling: '兄姐',
  other_relative: '其他亲属',
  neighbour_friend: '邻居/朋友',
  institution: '机构',
  father: '父亲',
  mother: '母亲',
  other: '其他人',
});
export type CarerRelation = (typeof CarerRelation.codes)[number];

const CHILD_PHONE_RE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;
const optionalPhone = (field: string) =>
  z
    .string({ error: `${field}必须是文字` })
    .trim()
    .nullish()
    .transform((v) => (v ? v.replace(/\s/g, '') : null))
    .refine((v) => v === null || CHILD_PHONE_RE.test(v), `${field}格式不正确（手机号11位，座机如 023-12345678）`);

/** An adult's ID number (guardian, carer): optional, but valid when given. Encrypted with a blind index on the server. */
export const AdultIdNumber = (field: string) =>
  z
    .string({ error: `${field}必须是文字` })
    .trim()
    .nullish()
    .transform((v) => (v ? v.toUpperCase() : null))
    .refine((v) => v === null || isValidIdNumber(v), `${field}不正确（应为18位，最后一位可以是X，请核对）`);

/**
 * 残疾人证号 (第二代残疾人证): the holder's 18-character ID number followed by two digits, category
 * (1 视力 … 7 多重) and grade (1–4).
 */
export const DISABILITY_CERT_RE = /^\d{17}[\dX][1-7][1-4]$/;
export const DisabilityCertNo = z
  .string({ error: '残疾人证号必须是文字' })
  .trim()
  .nullish()
  .transform((v) => (v ? v.toUpperCase() : null))
  .refine((v) => v === null || (DISABILITY_CERT_RE.test(v) && isValidIdNumber(v.slice(0, 18))), '残疾人证号不正确（应为20位：18位身份证号 + 残疾类别1–7 + 等级1–4）');

const name = (field: string) => z.string({ error: `请填写${field}` }).trim().min(1, `请填写${field}`).max(30, `${field}不能超过30个字`);

/** 实际抚养人: the person who actually raises the child day to day. */
export const ActualCarer = z.object({
  name: name('实际抚养人姓名'),
  relation: z.enum(CarerRelation.codes, { error: '请选择实际抚养人与儿童的关系' }),
  phone: optionalPhone('实际抚养人电话'),
});
export type ActualCarer = z.infer<typeof ActualCarer>;

/**
 * 被委托人 (委托照护, 未成年人保护法 第二十二条、第二十三条): who, the checks of 第二十二条 (no record of
 * harming children, no addictions, able to care), the signed entrustment, the written notice to the
 * school and the village (第二十三条), and the parents' weekly contact with the child (第二十三条).
 */
export const EntrustedCarer = z.object({
  name: name('被委托人姓名'),
  relation: z.enum(CarerRelation.codes, { error: '请选择被委托人与儿童的关系' }),
  phone: optionalPhone('被委托人电话'),
  idNumber: AdultIdNumber('被委托人身份证号'),
  /** The 第二十二条 checks were done (moral record, health, living conditions, the child's view). */
  checked: z.boolean({ error: '请说明是否已核实被委托人条件' }).default(false),
  checkNote: z.string({ error: '核实情况必须是文字' }).trim().max(300, '核实情况不能超过300个字').nullish().transform((v) => (v ? v : null)),
  /** Written notice of the entrustment given to the school / kindergarten (第二十三条). */
  schoolNotified: z.boolean({ error: '请说明是否已书面告知学校' }).default(false),
  /** Written notice given to the village or community committee (第二十三条). */
  villageNotified: z.boolean({ error: '请说明是否已书面告知村（居）委会' }).default(false),
  /** Parents contact the child and the carer at least weekly (第二十三条). */
  weeklyContact: z.boolean({ error: '请说明父母是否每周与孩子联系' }).default(false),
});
export type EntrustedCarer = z.infer<typeof EntrustedCarer>;

/** Why a file is closed (销档). */
export const FileCloseReason = labelled({
  aged_out: '年满18周岁',
  moved_away: '迁出本县（区）',
  out_of_difficulty: '脱离困境',
  deceased: '儿童死亡',
  other: '其他',
});
export type FileCloseReason = (typeof FileCloseReason.codes)[number];

export const FileStatus = labelled({ active: '在档', closed: '已销档' });
export type FileStatus = (typeof FileStatus.codes)[number];

export const ChildClose = z.object({
  reason: z.enum(FileCloseReason.codes, { error: '请选择销档原因' }),
  note: z.string({ error: '说明必须是文字' }).trim().min(2, '请写明销档说明（至少2个字）').max(300, '销档说明不能超过300个字'),
});
export type ChildClose = z.input<typeof ChildClose>;

export const ChildMove = z.object({
  toOrgId: z.number({ error: '请选择迁入的村/社区' }).int().positive('请选择迁入的村/社区'),
  note: z.string({ error: '说明必须是文字' }).trim().min(2, '请写明迁移原因（至少2个字）').max(300, '迁移说明不能超过300个字'),
});
export type ChildMove = z.input<typeof ChildMove>;

export const ChildReopen = z.object({
  note: z.string({ error: '说明必须是文字' }).trim().min(2, '请写明恢复原因（至少2个字）').max(300, '说明不能超过300个字'),
});

/** Entry of the file into the national system (录入全国儿童福利信息管理系统): a first entry or an update. */
export const NationalEntryKind = labelled({ entry: '首次录入', update: '信息更新' });
export type NationalEntryKind = (typeof NationalEntryKind.codes)[number];
export const NationalEntryCreate = z.object({
  kind: z.enum(NationalEntryKind.codes, { error: '请选择录入类型' }),
  /** When it was entered (ISO date-time); not in the future. */
  enteredAt: z.iso.datetime({ offset: true, error: '录入时间格式不正确' }),
});
export type NationalEntryCreate = z.input<typeof NationalEntryCreate>;

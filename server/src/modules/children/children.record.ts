import { CHILD_FIELD_LABELS, type ChildCreateParsed, type ChildDetail, type ChildField, type ChildHistoryEntry, type RiskTier } from '@wbt/shared';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../http/actor';
import type { Clock } from '../../lib/clock';
import type { FieldCrypto } from '../../lib/fieldCrypto';
import { childrenRepo, type ChildRow } from './children.repo';

/** Encrypted identity blob. */
export interface Identity {
  name: string;
  dob: string;
  idNumber: string | null;
  householdReg: string | null;
  address: string;
  phone: string | null;
}
/** Encrypted profile blob. */
export interface Profile {
  guardians: ChildDetail['guardians'];
  parentsAwayWhere: string | null;
  schoolName: string | null;
  grade: string | null;
  health: string | null;
  disability: string | null;
  benefits: ChildDetail['benefits'];
  servicesNote: string | null;
  riskReason: string;
  ethnicity: string | null;
  hukouType: ChildDetail['hukouType'];
  fatherStatus: ChildDetail['fatherStatus'];
  motherStatus: ChildDetail['motherStatus'];
  actualCarer: ChildDetail['actualCarer'];
  entrustedCarer: ChildDetail['entrustedCarer'];
  disabilityCertNo: string | null;
  homeSchooling: boolean;
}
/** Fields added to the profile later: files written before them read as empty. */
const PROFILE_DEFAULTS: Pick<Profile, 'ethnicity' | 'hukouType' | 'fatherStatus' | 'motherStatus' | 'actualCarer' | 'entrustedCarer' | 'disabilityCertNo' | 'homeSchooling'> = {
  ethnicity: null,
  hukouType: null,
  fatherStatus: null,
  motherStatus: null,
  actualCarer: null,
  entrustedCarer: null,
  disabilityCertNo: null,
  homeSchooling: false,
};
/** Every field of a file a person fills in, in one flat object (what history compares). */
export type FileValues = Identity & Profile & Pick<ChildRow, 'sex' | 'riskTier' | 'parentsAway' | 'entrustmentSigned' | 'schooling'> & {
  categories: string[];
  guardianshipState: string;
};
export interface HistoryPayload {
  changes: { field: string; old: unknown; new: unknown }[];
  note: string | null;
}

export const FILE_FIELDS = Object.keys(CHILD_FIELD_LABELS).filter((f) => f !== 'orgId') as Exclude<ChildField, 'orgId'>[];
export const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

const TIER_LABELS: Record<RiskTier, string> = { high: '高', medium: '中', low: '低' };
export const tierLabel = (t: RiskTier) => TIER_LABELS[t];
const EXTRA_LABELS: Record<string, string> = {
  nextVisitDue: '下次走访',
  lastVisitAt: '上次走访',
  confirmStatus: '督导员确认',
  status: '档案状态',
  closeReason: '销档原因',
  nationalEnteredAt: '录入全国儿童福利信息系统',
  nationalUpdatedAt: '全国儿童福利信息系统更新',
};
export const historyLabel = (field: string): string => (CHILD_FIELD_LABELS as Record<string, string>)[field] ?? EXTRA_LABELS[field] ?? field;
export function sortCategories(c: string[]): string[] {
  return [...c].sort();
}
/** Sets compare equal whatever order they were picked in. */
export function normalise(v: FileValues): FileValues {
  v.categories = sortCategories(v.categories ?? []);
  v.benefits = [...(v.benefits ?? [])].sort();
  return v;
}

/** A file as stored: identity and profile sealed, blind indexes for the duplicate look-ups, plain columns for lists; and its change history. */
export class ChildRecords {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly crypto: FieldCrypto,
  ) {}

  nameDobIndex(name: string, dob: string): string {
    return this.crypto.blindIndex('child.nameDob', `${name.replace(/\s/g, '')}|${dob}`);
  }

  /** Exact-name search key (the list's 按姓名查找): the name without spaces. */
  nameIndex(name: string): string {
    return this.crypto.blindIndex('child.name', name.replace(/\s/g, ''));
  }

  valuesFromInput(input: ChildCreateParsed): FileValues {
    const v = {} as Record<string, unknown>;
    for (const f of FILE_FIELDS) v[f] = (input as Record<string, unknown>)[f] ?? null;
    return normalise(v as unknown as FileValues);
  }

  identityOf(row: ChildRow): Identity {
    return JSON.parse(this.crypto.decrypt(row.identityEnc)) as Identity;
  }

  async valuesOf(row: ChildRow): Promise<FileValues> {
    const identity = this.identityOf(row);
    const profile: Profile = { ...PROFILE_DEFAULTS, ...(JSON.parse(this.crypto.decrypt(row.profileEnc)) as Profile) };
    const categories = (await childrenRepo.categoriesOf(this.db, [row.id])).get(row.id) ?? [];
    return {
      ...identity,
      ...profile,
      sex: row.sex,
      riskTier: row.riskTier,
      guardianshipState: row.guardianshipState,
      parentsAway: row.parentsAway,
      entrustmentSigned: row.entrustmentSigned,
      schooling: row.schooling,
      categories: sortCategories(categories),
    };
  }

  sealed(v: FileValues): Pick<ChildRow, 'identityEnc' | 'profileEnc'> {
    const identity: Identity = { name: v.name, dob: v.dob, idNumber: v.idNumber, householdReg: v.householdReg, address: v.address, phone: v.phone };
    const profile = profileOf(v);
    return { identityEnc: this.crypto.encrypt(JSON.stringify(identity)), profileEnc: this.crypto.encrypt(JSON.stringify(profile)) };
  }

  indexes(v: FileValues, _orgId: number): Pick<ChildRow, 'idNumberIdx' | 'nameDobIdx' | 'nameIdx'> {
    return {
      nameIdx: this.nameIndex(v.name),
      idNumberIdx: v.idNumber ? this.crypto.blindIndex('child.idNumber', v.idNumber) : null,
      nameDobIdx: this.nameDobIndex(v.name, v.dob),
    };
  }

  /** Blind indexes of the adults' ID numbers on the file (guardians, the entrusted carer). */
  adultIdIndexes(v: FileValues): string[] {
    const ids = [...v.guardians.map((g) => g.idNumber ?? null), v.entrustedCarer?.idNumber ?? null].filter((x): x is string => !!x);
    return [...new Set(ids.map((id) => this.crypto.blindIndex('child.adultIdNumber', id)))];
  }

  plainColumns(v: FileValues): Pick<ChildRow, 'sex' | 'riskTier' | 'guardianshipState' | 'parentsAway' | 'entrustmentSigned' | 'schooling'> {
    return { sex: v.sex, riskTier: v.riskTier, guardianshipState: v.guardianshipState, parentsAway: v.parentsAway, entrustmentSigned: v.entrustmentSigned, schooling: v.schooling };
  }

  async writeHistory(tx: DbOrTx, childId: number, actor: Actor, action: ChildHistoryEntry['action'], changes: HistoryPayload['changes'], note: string | null) {
    const payload: HistoryPayload = { changes, note };
    await childrenRepo.insertHistory(tx, {
      childId,
      at: this.clock.now(),
      actorUserId: actor.userId,
      action,
      fields: changes.map((c) => c.field).join(',').slice(0, 500),
      changesEnc: this.crypto.encrypt(JSON.stringify(payload)),
    });
  }
}

/** The part of a file sealed in `profile_enc` (read back by valuesOf). */
export function profileOf(v: FileValues): Profile {
  return {
    guardians: v.guardians,
    parentsAwayWhere: v.parentsAwayWhere,
    schoolName: v.schoolName,
    grade: v.grade,
    health: v.health,
    disability: v.disability,
    benefits: v.benefits,
    servicesNote: v.servicesNote,
    riskReason: v.riskReason,
    ethnicity: v.ethnicity,
    hukouType: v.hukouType,
    fatherStatus: v.fatherStatus,
    motherStatus: v.motherStatus,
    actualCarer: v.actualCarer,
    entrustedCarer: v.entrustedCarer,
    disabilityCertNo: v.disabilityCertNo,
    homeSchooling: v.homeSchooling,
  };
}

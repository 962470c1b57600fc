import { maskName, type DuplicateMatch } from '@wbt/shared';
import type { Db } from '../../db/client';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import type { FieldCrypto } from '../../lib/fieldCrypto';
import type { OrgService } from '../org/org.service';
import type { ChildRecords, Identity } from './children.record';
import { childrenRepo } from './children.repo';

/** A unique index refused the row: the same ID number is already on file. */
export const isDuplicateKey = (err: unknown): boolean => {
  const cause = (err as { cause?: { errno?: number } })?.cause ?? (err as { errno?: number });
  return cause?.errno === 1062;
};

/** A file with the same ID number outside the asker's scope: never shown to the asker. */
export interface DuplicateElsewhere {
  childId: number;
  orgId: number;
}

const FILED_ELSEWHERE = '该身份证号已在其他辖区建档，请联系乡镇儿童督导员核实（儿童可能已迁入或迁出）';

/** 一人一档: the same ID number anywhere, or the same name and birth date in the village, is probably the same child. */
export class DuplicateFiles {
  constructor(
    private readonly db: Db,
    private readonly crypto: FieldCrypto,
    private readonly org: OrgService,
    private readonly records: ChildRecords,
  ) {}

  async find(
    actor: Actor,
    q: { orgId: number; name: string; dob: string; idNumber?: string | null; excludeId?: number },
  ): Promise<{ matches: DuplicateMatch[]; elsewhere: DuplicateElsewhere[] }> {
    const out: DuplicateMatch[] = [];
    const elsewhere: DuplicateElsewhere[] = [];
    const seen = new Set<number>();
    const orgName = async (id: number) => (await this.org.get(id))?.name ?? null;
    if (q.idNumber) {
      for (const m of await childrenRepo.byIdNumberIdx(this.db, this.crypto.blindIndex('child.idNumber', q.idNumber))) {
        if (m.id === q.excludeId) continue;
        seen.add(m.id);
        if (await this.org.isInScope(actor, m.orgId)) {
          const name = (JSON.parse(this.crypto.decrypt(m.identityEnc)) as Identity).name;
          const where = await orgName(m.orgId);
          out.push({ reason: 'id_number', childId: m.id, displayName: maskName(name), orgName: where, message: `该身份证号已建档：${maskName(name)}（${where}），请打开原档案更新，不要重复建档` });
        } else {
          elsewhere.push({ childId: m.id, orgId: m.orgId });
        }
      }
    }
    for (const m of await childrenRepo.byNameDobIdx(this.db, this.records.nameDobIndex(q.name, q.dob), q.orgId)) {
      if (m.id === q.excludeId || seen.has(m.id)) continue;
      const name = (JSON.parse(this.crypto.decrypt(m.identityEnc)) as Identity).name;
      const where = await orgName(m.orgId);
      out.push({ reason: 'name_dob_village', childId: m.id, displayName: maskName(name), orgName: where, message: `本村/社区已有同名、同出生日期的儿童：${maskName(name)}，请确认是否为同一人` });
    }
    return { matches: out, elsewhere };
  }

  /**
   * Before a save. An ID number filed outside the caller's scope still refuses the save (the ID
   * number is unique county-wide), with a message that names neither the child nor the place.
   */
  async guard(
    actor: Actor,
    q: { orgId: number; name: string; dob: string; idNumber?: string | null; excludeId?: number },
    confirmedNotDuplicate: boolean,
  ): Promise<void> {
    const { matches: found, elsewhere } = await this.find(actor, q);
    const byId = found.filter((d) => d.reason === 'id_number');
    if (byId.length) throw new AppError('CONFLICT', byId[0].message, byId.map((d) => ({ path: 'idNumber', message: d.message })));
    if (elsewhere.length) throw new AppError('CONFLICT', FILED_ELSEWHERE, [{ path: 'idNumber', message: FILED_ELSEWHERE }]);
    if (found.length && !confirmedNotDuplicate) {
      throw new AppError(
        'CONFLICT',
        `${found[0].message}。如确认不是同一人，请勾选“确认不是重复档案”后再保存`,
        found.map((d) => ({ path: 'name', message: d.message })),
      );
    }
  }
}

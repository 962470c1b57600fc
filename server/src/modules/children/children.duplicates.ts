import { maskName, type DuplicateMatch } from '@wbt/shared';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import type { Clock } from '../../lib/clock';
import type { FieldCrypto } from '../../lib/fieldCrypto';
import type { OrgService } from '../org/org.service';
import type { TasksService } from '../tasks/tasks.service';
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

/** 一人一档: the same ID number anywhere, or the same name and birth date in the village, is probably the same child. */
export class DuplicateFiles {
  constructor(
    private readonly db: Db,
    private readonly crypto: FieldCrypto,
    private readonly org: OrgService,
    private readonly records: ChildRecords,
    private readonly tasks: TasksService,
    private readonly clock: Clock,
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
   * Before a save. A match the caller may open refuses the save with its name; an ID number filed
   * outside the caller's scope does not: the answer must not tell whether a child is on file
   * elsewhere, so the save goes ahead (the caller keeps its ID number out of the county-wide unique
   * index, see `withheld`) and the match goes to the supervisors of that file as a task.
   */
  async guard(
    actor: Actor,
    q: { orgId: number; name: string; dob: string; idNumber?: string | null; excludeId?: number },
    confirmedNotDuplicate: boolean,
  ): Promise<{ elsewhere: DuplicateElsewhere[] }> {
    const { matches: found, elsewhere } = await this.find(actor, q);
    const byId = found.filter((d) => d.reason === 'id_number');
    if (byId.length) throw new AppError('CONFLICT', byId[0].message, byId.map((d) => ({ path: 'idNumber', message: d.message })));
    if (found.length && !confirmedNotDuplicate) {
      throw new AppError(
        'CONFLICT',
        `${found[0].message}。如确认不是同一人，请勾选“确认不是重复档案”后再保存`,
        found.map((d) => ({ path: 'name', message: d.message })),
      );
    }
    return { elsewhere };
  }

  /**
   * One open task per matched file and asking village, for the supervisors of the matched file's
   * township: they can open it and find out whether the child moved or was filed twice.
   */
  async referElsewhere(tx: DbOrTx, actor: Actor, askerOrgId: number, elsewhere: DuplicateElsewhere[], savedChildId?: number): Promise<void> {
    if (elsewhere.length === 0) return;
    const asker = (await this.org.get(askerOrgId))?.name ?? '其他村（社区）';
    const what = savedChildId
      ? `新建或修改档案（档案编号 ${savedChildId}）时填写了与本档案相同的身份证号，该档案已保存，身份证号暂不作唯一性登记`
      : '建档查重时填写了与本档案相同的身份证号';
    for (const e of elsewhere) {
      // A saved file is its own task even when a check before the save already raised one.
      const openKey = savedChildId ? `dup:${e.childId}:${askerOrgId}:${savedChildId}` : `dup:${e.childId}:${askerOrgId}`;
      if (await this.tasks.openByKey(tx, openKey)) continue;
      await this.tasks.create(tx, {
        kind: 'file_confirm',
        orgId: e.orgId,
        childId: e.childId,
        title: '疑似重复建档核实',
        reason: `${asker}（${actor.name}）${what}。请核实儿童是否已迁出或重复建档，并与对方联系`,
        dueAt: new Date(this.clock.now().getTime() + 3 * 24 * 3600_000),
        source: 'file',
        openKey,
        actor,
      });
    }
  }
}

/** The index columns of a file whose ID number matched a file out of the caller's reach. */
export const withheld = <T extends { idNumberIdx: string | null }>(indexes: T, elsewhere: DuplicateElsewhere[]): T =>
  elsewhere.length ? { ...indexes, idNumberIdx: null } : indexes;

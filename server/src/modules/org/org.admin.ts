import type { z } from 'zod';
import type { OrgCreateRequest, OrgUpdateRequest } from '@wbt/shared';
import type { Db } from '../../db/client';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import type { AuditService } from '../audit/audit.service';
import type { UsersService } from '../auth/users.service';
import { orgRepo, type OrgRow } from './org.repo';
import { pathCovers, type OrgService } from './org.service';

const CHILD_LEVEL = { county: 'township', township: 'village' } as const;

/** The county admin's edits of the organisation tree: add, rename, station phone, retire. */
export class OrgAdminService {
  constructor(
    private readonly db: Db,
    private readonly org: OrgService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  private async nodeInScope(actor: Actor, id: number): Promise<OrgRow> {
    const node = await this.org.get(id);
    if (!node || !pathCovers(actor.orgPath, node.path)) {
      await this.audit.record({ actor, action: 'scope.denied', targetType: 'org', targetId: id, result: 'denied' });
      throw AppError.notFound('组织');
    }
    return node;
  }

  async create(actor: Actor, input: z.output<typeof OrgCreateRequest>): Promise<OrgRow> {
    const parent = await this.nodeInScope(actor, input.parentId);
    if (parent.retiredAt) throw AppError.validation('parentId', `${parent.name}已撤销，不能再添加下级`);
    if (parent.level === 'village') throw AppError.validation('parentId', '村（社区）下不能再添加下级');
    const level = CHILD_LEVEL[parent.level];
    const created = await this.db.transaction(async (tx) => {
      if (await orgRepo.siblingNamed(tx, parent.id, input.name)) throw AppError.conflict(`${parent.name}下已有“${input.name}”`);
      const node = await orgRepo.create(tx, { parentId: parent.id, level, name: input.name, phone: input.phone || undefined });
      await this.audit.record({ actor, action: 'org.create', targetType: 'org', targetId: node.id, orgId: node.id, result: 'ok', detail: { level, name: input.name } }, tx);
      return node;
    });
    this.org.changed();
    return created;
  }

  async update(actor: Actor, id: number, input: z.output<typeof OrgUpdateRequest>): Promise<OrgRow> {
    const node = await this.nodeInScope(actor, id);
    const set: { name?: string; phone?: string | null } = {};
    if (input.name !== undefined && input.name !== node.name) set.name = input.name;
    if (input.phone !== undefined) set.phone = input.phone || null;
    if (Object.keys(set).length === 0) return node;
    await this.db.transaction(async (tx) => {
      if (set.name && node.parentId !== null) {
        const clash = await orgRepo.siblingNamed(tx, node.parentId, set.name);
        if (clash && clash.id !== node.id) throw AppError.conflict(`同一上级下已有“${set.name}”`);
      }
      await orgRepo.update(tx, id, set);
      await this.audit.record({ actor, action: 'org.update', targetType: 'org', targetId: id, orgId: id, result: 'ok', detail: { from: { name: node.name, phone: node.phone }, to: set } }, tx);
    });
    this.org.changed();
    return { ...node, ...set };
  }

  /** Retires a node and everything below it; refused while anyone still works there (move or disable them first). */
  async retire(actor: Actor, id: number, at: Date): Promise<OrgRow> {
    const node = await this.nodeInScope(actor, id);
    if (node.level === 'county') throw AppError.validation('id', '县（区）不能撤销');
    if (node.retiredAt) return node;
    const subtree = await orgRepo.subtree(this.db, node.path);
    const people = await this.users.activeCountInOrgs(subtree.map((o) => o.id));
    if (people > 0) throw AppError.conflict(`${node.name}还有 ${people} 个在用的工作人员账号，请先调动或停用（并交接工作）后再撤销`);
    await this.db.transaction(async (tx) => {
      for (const o of subtree) if (!o.retiredAt) await orgRepo.update(tx, o.id, { retiredAt: at });
      await this.audit.record({ actor, action: 'org.retire', targetType: 'org', targetId: id, orgId: id, result: 'ok', detail: { nodes: subtree.map((o) => o.id) } }, tx);
    });
    this.org.changed();
    return { ...node, retiredAt: at };
  }
}

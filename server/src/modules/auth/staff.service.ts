import {
  NewStaffCredentials,
  ROLE_ORG_LEVEL,
  Role,
  beijingDateInput,
  trainingClock,
  type StaffRole,
  type StaffView,
} from '@wbt/shared';
import type { z } from 'zod';
import type { StaffCreateRequest, StaffUpdateRequest } from '@wbt/shared';
import type { Config } from '../../config';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import type { Clock } from '../../lib/clock';
import type { FieldCrypto } from '../../lib/fieldCrypto';
import { hashPassword } from '../../lib/passwords';
import type { AuditService } from '../audit/audit.service';
import { pathCovers, type OrgService } from '../org/org.service';
import { authRepo } from './auth.repo';
import { staffRepo, type StaffRow } from './staff.repo';

/** Who may manage whom: the county admin everyone of the county, the station head the township's people. */
const MANAGES: Partial<Record<StaffRole, readonly StaffRole[]>> = {
  county_admin: ['director', 'supervisor', 'social_worker', 'station_head', 'county_admin'],
  station_head: ['director', 'supervisor', 'social_worker'],
};
export const canManageRole = (actor: Actor, role: string): boolean => (MANAGES[actor.role as StaffRole] ?? []).includes(role as StaffRole);

const maskPhone = (p: string | null): string | null => (p ? `${p.slice(0, 3)}****${p.slice(-4)}` : null);
const isDuplicate = (err: unknown) => (err as { cause?: { errno?: number } }).cause?.errno === 1062;

/** Staff accounts: create, edit, reset a password, director appointment and training records. */
export class StaffService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly clock: Clock,
    private readonly crypto: FieldCrypto,
    private readonly org: OrgService,
    private readonly audit: AuditService,
  ) {}

  view(actor: Actor, r: StaffRow): StaffView {
    const phone = r.phoneEnc ? this.crypto.decrypt(r.phoneEnc) : null;
    return {
      id: r.id,
      username: r.username,
      name: r.name,
      role: r.role,
      roleLabel: Role.label(r.role),
      orgId: r.orgId,
      orgName: r.orgName,
      active: r.active,
      mustChangePassword: r.mustChangePassword,
      phone: canManageRole(actor, r.role) ? phone : maskPhone(phone),
      appointedOn: r.appointedOn,
    };
  }

  /** A staff account the actor may manage; 404 for anyone outside their reach (as for a missing one). */
  async manageable(actor: Actor, id: number, db: DbOrTx = this.db): Promise<StaffRow> {
    const row = await staffRepo.byId(db, id);
    if (!row || !row.orgPath || !pathCovers(actor.orgPath, row.orgPath) || !canManageRole(actor, row.role)) {
      await this.audit.record({ actor, action: 'scope.denied', targetType: 'user', targetId: id, result: 'denied' });
      throw AppError.notFound('工作人员');
    }
    return row;
  }

  async list(actor: Actor, q: { role?: StaffRole; orgId?: number; active?: 'true' | 'false'; after?: number; limit: number }) {
    let orgIds = await this.org.scopeIds(actor);
    if (q.orgId !== undefined) {
      if (!orgIds.includes(q.orgId)) throw AppError.notFound('组织');
      orgIds = [q.orgId];
    }
    const rows = await staffRepo.list(this.db, { orgIds, role: q.role, active: q.active === undefined ? undefined : q.active === 'true', after: q.after, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    return { items: page.map((r) => this.view(actor, r)), nextAfter: rows.length > q.limit ? page[page.length - 1].id : null };
  }

  private async checkPlacement(actor: Actor, role: StaffRole, orgId: number, field: string): Promise<void> {
    const node = await this.org.get(orgId);
    if (!node || !pathCovers(actor.orgPath, node.path)) throw AppError.notFound('组织');
    if (node.retiredAt) throw AppError.validation(field, `${node.name}已撤销，不能再安排人员`);
    if (ROLE_ORG_LEVEL[role] !== node.level) {
      const where = { village: '村（社区）', township: '乡镇（街道）', county: '县（区）' }[ROLE_ORG_LEVEL[role]];
      throw AppError.validation(field, `${Role.label(role)}只能属于${where}`);
    }
  }

  async create(actor: Actor, input: z.output<typeof StaffCreateRequest>): Promise<StaffView> {
    if (!canManageRole(actor, input.role)) throw AppError.forbidden(`您不能创建${Role.label(input.role)}账号`);
    const creds = NewStaffCredentials.safeParse(input);
    if (!creds.success) {
      const i = creds.error.issues[0];
      throw AppError.validation(i.path.join('.'), i.message);
    }
    await this.checkPlacement(actor, input.role, input.orgId, 'orgId');
    const passwordHash = await hashPassword(input.password, this.config.passwordCost);
    const now = this.clock.now();
    try {
      const id = await this.db.transaction(async (tx) => {
        const userId = await authRepo.insertUser(tx, {
          username: creds.data.username,
          passwordHash,
          name: creds.data.name,
          role: input.role,
          orgId: input.orgId,
          phoneEnc: this.crypto.encrypt(input.phone ?? null),
          appointedOn: input.appointedOn ?? null,
          mustChangePassword: true,
          createdAt: now,
        });
        await this.audit.record({ actor, action: 'staff.create', targetType: 'user', targetId: userId, orgId: input.orgId, result: 'ok', detail: { username: creds.data.username, role: input.role } }, tx);
        return userId;
      });
      return this.view(actor, (await staffRepo.byId(this.db, id))!);
    } catch (err) {
      if (isDuplicate(err)) throw new AppError('CONFLICT', `用户名 ${creds.data.username} 已被使用，请换一个`, [{ path: 'username', message: '用户名已被使用' }]);
      throw err;
    }
  }

  async update(actor: Actor, id: number, input: z.output<typeof StaffUpdateRequest>): Promise<StaffView> {
    const row = await this.manageable(actor, id);
    const set: Parameters<typeof staffRepo.update>[2] = {};
    if (input.name !== undefined) set.name = input.name;
    if (input.phone !== undefined) set.phoneEnc = this.crypto.encrypt(input.phone);
    if (input.appointedOn !== undefined) set.appointedOn = input.appointedOn;
    if (Object.keys(set).length > 0) {
      await this.db.transaction(async (tx) => {
        await staffRepo.update(tx, id, set);
        // Which fields changed, never their values (the phone number stays out of the log).
        await this.audit.record({ actor, action: 'staff.update', targetType: 'user', targetId: id, orgId: row.orgId, result: 'ok', detail: { fields: Object.keys(input) } }, tx);
      });
    }
    return this.view(actor, (await staffRepo.byId(this.db, id))!);
  }

  /** Sets a temporary password the person must replace at next sign-in; every session of theirs ends now. */
  async resetPassword(actor: Actor, id: number, password: string): Promise<void> {
    if (id === actor.userId) throw AppError.validation('id', '不能重置自己的密码，请使用“修改密码”');
    const row = await this.manageable(actor, id);
    const creds = NewStaffCredentials.safeParse({ username: row.username ?? 'x', name: row.name, password });
    if (!creds.success) throw AppError.validation('password', creds.error.issues[0].message);
    const hash = await hashPassword(password, this.config.passwordCost);
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      await authRepo.setPassword(tx, id, hash, true, now);
      await authRepo.revokeAllSessions(tx, id, now, 'password_reset');
      await this.audit.record({ actor, action: 'staff.password_reset', targetType: 'user', targetId: id, orgId: row.orgId, result: 'ok' }, tx);
    });
  }

  /** The director roster of the actor's scope: village, phone, appointment, trainings and the training clock. */
  async directorRoster(actor: Actor, q: { after?: number; limit: number }) {
    const page = await this.list(actor, { role: 'director', active: 'true', after: q.after, limit: q.limit });
    const summary = await staffRepo.trainingSummary(this.db, page.items.map((d) => d.id));
    const today = beijingDateInput(this.clock.now());
    return {
      items: page.items.map((d) => {
        const s = summary.get(d.id);
        const clock = trainingClock(d.appointedOn, s?.last ?? null, today);
        return { ...d, trainings: s?.count ?? 0, lastTrainedOn: s?.last ?? null, trainingDueOn: clock.dueOn, trainingState: clock.state, trainingDaysLeft: clock.daysLeft };
      }),
      nextAfter: page.nextAfter,
    };
  }

  async trainings(actor: Actor, id: number) {
    await this.manageable(actor, id);
    return (await staffRepo.trainingsOf(this.db, id)).map((t) => ({ id: t.id, trainedOn: t.trainedOn, title: t.title, hours: t.hours }));
  }

  async addTraining(actor: Actor, id: number, input: { trainedOn: string; title: string; hours?: number }): Promise<{ id: number }> {
    const row = await this.manageable(actor, id);
    const today = beijingDateInput(this.clock.now());
    if (input.trainedOn > today) throw AppError.validation('trainedOn', '培训日期不能晚于今天');
    return this.db.transaction(async (tx) => {
      const tid = await staffRepo.insertTraining(tx, { userId: id, trainedOn: input.trainedOn, title: input.title, hours: input.hours ?? null, createdBy: actor.userId, createdAt: this.clock.now() });
      await this.audit.record({ actor, action: 'staff.training_add', targetType: 'user', targetId: id, orgId: row.orgId, result: 'ok', detail: { trainingId: tid } }, tx);
      return { id: tid };
    });
  }

  checkPlacementFor(actor: Actor, role: StaffRole, orgId: number): Promise<void> {
    return this.checkPlacement(actor, role, orgId, 'orgId');
  }
}

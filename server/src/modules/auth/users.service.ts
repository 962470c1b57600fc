import type { StaffRole } from '@wbt/shared';
import type { Db, DbOrTx } from '../../db/client';
import { usersRepo } from './users.repo';

export interface StaffRef {
  id: number;
  name: string;
  orgId: number | null;
  role: string;
}

/** Staff look-ups other modules need (who directs a village, names for display). */
export class UsersService {
  constructor(private readonly db: Db) {}

  /** Active staff of one role at one org, oldest account first. */
  staffOf(orgId: number, role: StaffRole, db: DbOrTx = this.db): Promise<StaffRef[]> {
    return usersRepo.activeByOrgRole(db, orgId, role);
  }

  /** Active staff of one node holding any of these roles, in one statement. */
  staffWithRoles(orgId: number, roles: StaffRole[], db: DbOrTx = this.db): Promise<StaffRef[]> {
    return usersRepo.activeByOrgRoles(db, orgId, roles);
  }

  staffOfOrgs(orgIds: number[], role: StaffRole, db: DbOrTx = this.db): Promise<StaffRef[]> {
    return usersRepo.activeByOrgsRole(db, orgIds, role);
  }

  async byId(id: number, db: DbOrTx = this.db): Promise<(StaffRef & { active: boolean }) | undefined> {
    return (await usersRepo.byIds(db, [id]))[0];
  }

  activeCountInOrgs(orgIds: number[], db: DbOrTx = this.db): Promise<number> {
    return usersRepo.activeCountInOrgs(db, orgIds);
  }

  idsInOrgs(orgIds: number[], db: DbOrTx = this.db): Promise<number[]> {
    return usersRepo.idsInOrgs(db, orgIds);
  }

  /** Display names by user id (unknown ids are left out). */
  async names(ids: Iterable<number>, db: DbOrTx = this.db): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    const rows = await usersRepo.byIds(db, unique);
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}

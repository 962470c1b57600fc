import { NewStaffCredentials } from '@wbt/shared';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { AppError } from '../../http/errors';
import type { Clock } from '../../lib/clock';
import { hashPassword, verifyPassword } from '../../lib/passwords';
import type { AuditService } from '../audit/audit.service';
import type { OrgService } from '../org/org.service';
import { authRepo } from './auth.repo';
import { staffBootstrapRepo } from './staffBootstrap.repo';

export interface FirstAdminInput {
  username: string;
  name: string;
  password: string;
  /** County name: found, or created as a new root of the tree. */
  county?: string;
  /** Who ran the command (operating-system user), for the audit row. */
  operator?: string;
}

/**
 * How a production installation gets its first people: the county admin comes from the command
 * line (`npm run admin:create`), everyone else from that admin. Also the production start-up check
 * that no well-known demo account still opens with the demo password.
 */
export class StaffBootstrapService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly org: OrgService,
  ) {}

  staffCount(): Promise<number> {
    return staffBootstrapRepo.staffCount(this.db);
  }

  /** Creates the county node if needed and one county admin, in one transaction with its audit rows. */
  async createCountyAdmin(input: FirstAdminInput): Promise<{ userId: number; orgId: number; countyCreated: boolean; county: string }> {
    const parsed = NewStaffCredentials.safeParse(input);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      throw new AppError('VALIDATION_FAILED', details.map((d) => d.message).join('；'), details);
    }
    const { username, name, password } = parsed.data;
    const countyName = input.county?.trim();
    const passwordHash = await hashPassword(password, this.config.passwordCost);
    const now = this.clock.now();
    const counties = (await this.org.all()).filter((o) => o.level === 'county');
    try {
      return await this.db.transaction(async (tx) => {
        if (await authRepo.userByUsername(tx, username)) throw AppError.conflict(`用户名 ${username} 已存在，未创建任何账号`);
        let county = countyName ? counties.find((c) => c.name === countyName) : counties.length === 1 ? counties[0] : undefined;
        let countyCreated = false;
        if (!county) {
          if (!countyName)
            throw AppError.validation(
              'county',
              counties.length === 0 ? '组织架构还是空的：请用 --county 指定县（区）名称' : `已有多个县（区）：请用 --county 指定其中一个（${counties.map((c) => c.name).join('、')}）`,
            );
          if (countyName.length > 100) throw AppError.validation('county', '县（区）名称不能超过100个字符');
          county = await this.org.create({ parentId: null, level: 'county', name: countyName }, tx);
          countyCreated = true;
          await this.audit.record({ actor: null, action: 'org.create', targetType: 'org', targetId: county.id, orgId: county.id, result: 'ok', detail: { level: 'county', via: 'cli', operator: input.operator } }, tx);
        }
        const userId = await authRepo.insertUser(tx, { username, passwordHash, name, role: 'county_admin', orgId: county.id, createdAt: now });
        await this.audit.record(
          { actor: null, action: 'admin.create', targetType: 'user', targetId: userId, orgId: county.id, result: 'ok', detail: { username, role: 'county_admin', via: 'cli', operator: input.operator } },
          tx,
        );
        return { userId, orgId: county.id, countyCreated, county: county.name };
      });
    } catch (err) {
      if ((err as { cause?: { errno?: number } }).cause?.errno === 1062) throw AppError.conflict(`用户名 ${username} 已存在，未创建任何账号`);
      throw err;
    }
  }

  /** Active accounts among `usernames` that still open with `password` (one scrypt per account found). */
  async accountsWithPassword(usernames: string[], password: string): Promise<string[]> {
    if (usernames.length === 0) return [];
    const rows = await staffBootstrapRepo.activeWithPassword(this.db, usernames);
    const hits: string[] = [];
    for (const r of rows) if (r.passwordHash && (await verifyPassword(password, r.passwordHash))) hits.push(r.username!);
    return hits.sort();
  }
}

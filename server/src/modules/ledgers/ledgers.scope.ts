import { addDaysYmd, formatDate, type LedgerFilter, type StaffRole } from '@wbt/shared';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import type { Clock } from '../../lib/clock';
import type { OrgService } from '../org/org.service';
import type { LedgerScope } from './ledgers.sources';

/** Who may read ledgers and statistics, and who sees their personal data unmasked. */
export const LEDGER_ROLES: readonly StaffRole[] = ['supervisor', 'station_head', 'county_admin'];
export const LEDGER_FULL_ROLES: readonly StaffRole[] = ['supervisor', 'station_head'];

export const chinaDayStart = (ymd: string): Date => new Date(`${ymd}T00:00:00+08:00`);

export interface ResolvedScope extends LedgerScope {
  orgId: number;
  orgName: string;
  periodText: string;
}

/** The node (the caller's own unless one below it is named; 404 outside it) and the period as instants. */
export async function resolveScope(org: OrgService, clock: Clock, actor: Actor, f: LedgerFilter): Promise<ResolvedScope> {
  if (!LEDGER_ROLES.includes(actor.role as StaffRole)) throw AppError.forbidden('只有乡镇未保站和县级管理员可以查看台账和统计');
  const orgId = f.orgId ?? actor.orgId;
  if (orgId === null || orgId === undefined) throw AppError.notFound('机构');
  await org.assertInScope(actor, orgId, { type: 'org', id: orgId, what: '机构' });
  const node = (await org.get(orgId))!;
  const subtree = (await org.tree(actor)).filter((o) => o.path.startsWith(node.path));
  const from = f.from ? chinaDayStart(f.from) : null;
  const toExclusive = f.to ? chinaDayStart(addDaysYmd(f.to, 1)) : null;
  const periodText =
    f.from || f.to ? `${f.from ? formatDate(chinaDayStart(f.from)) : '建档起'}至${f.to ? formatDate(chinaDayStart(f.to)) : '今'}` : '全部';
  return {
    orgId,
    orgName: node.name,
    orgIds: subtree.map((o) => o.id),
    orgNames: new Map(subtree.map((o) => [o.id, o.name])),
    from,
    toExclusive,
    now: clock.now(),
    periodText,
  };
}

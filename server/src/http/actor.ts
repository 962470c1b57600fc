import type { OrgLevel, Role } from '@wbt/shared';

/** The signed-in user a request acts for. */
export interface Actor {
  userId: number;
  role: Role;
  name: string;
  orgId: number | null;
  orgPath: string | null;
  orgLevel: OrgLevel | null;
  sessionId: string;
}

export const isStaff = (a: Actor): boolean => a.role !== 'public';

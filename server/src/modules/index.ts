import type { DemoSeeder } from '../db/seed/demo';
import type { AppDeps } from '../deps';
import type { RouteTable } from '../http/route';
import { AuditService } from './audit/audit.service';
import { authRoutes } from './auth/auth.routes';
import { AuthService } from './auth/auth.service';
import { healthRoutes } from './health/health.routes';
import { orgRoutes } from './org/org.routes';
import { OrgService } from './org/org.service';

/** The composition root: every module's service, built once per app. */
export function createServices(deps: AppDeps) {
  const audit = new AuditService(deps.db, deps.clock);
  const org = new OrgService(deps.db, audit);
  const auth = new AuthService(deps.db, deps.config, deps.clock, audit, deps.wechat, deps.crypto);
  return { audit, org, auth };
}
export type Services = ReturnType<typeof createServices>;

export function registerRoutes(routes: RouteTable, deps: AppDeps, s: Services): void {
  healthRoutes(routes, deps.db);
  authRoutes(routes, s.auth);
  orgRoutes(routes, s.org);
}

/** Demo data of each module, run in this order after the demo township and its staff exist. */
export const demoSeeders: DemoSeeder[] = [];

import type { DemoSeeder } from '../db/seed/demo';
import type { AppDeps } from '../deps';
import type { RouteTable } from '../http/route';
import { AuditService } from './audit/audit.service';
import { AuditChainService } from './audit/auditChain.service';
import { auditRoutes } from './audit/audit.routes';
import { AuditViewer } from './audit/audit.viewer';
import { HandoverService } from './auth/handover.service';
import { staffRoutes } from './auth/staff.routes';
import { StaffService } from './auth/staff.service';
import { CasesHandover } from './cases/cases.handover';
import { DeadlinesHandover } from './deadlines/deadlines.handover';
import { OrgAdminService } from './org/org.admin';
import { TasksHandover } from './tasks/tasks.handover';
import { authRoutes } from './auth/auth.routes';
import { filesRoutes } from './files/files.routes';
import { FilesService } from './files/files.service';
import { AuthService } from './auth/auth.service';
import { PhoneSignInService } from './auth/phoneSignIn.service';
import { healthRoutes } from './health/health.routes';
import { HealthService } from './health/health.service';
import { notificationRoutes } from './notifications/notifications.routes';
import { NotificationsService } from './notifications/notifications.service';
import { orgRoutes } from './org/org.routes';
import { OrgService } from './org/org.service';
import { applicationRoutes } from './applications/applications.routes';
import { ApplicationsService } from './applications/applications.service';
import { caseConverter, helpRequestConverter } from './consultations/consultations.convert';
import { consultationRoutes } from './consultations/consultations.routes';
import { ConsultationsService } from './consultations/consultations.service';
import { policyRoutes } from './policies/policies.routes';
import { PoliciesService } from './policies/policies.service';
import { createRateLimitStore, RateLimitService } from './ratelimit/ratelimit.service';
import { ReceiptCodes } from './receipts/receiptCodes';
import { receiptsRoutes } from './receipts/receipts.routes';
import { ReceiptsService } from './receipts/receipts.service';
import { reportsRoutes } from './reports/reports.routes';
import { ReportsService } from './reports/reports.service';
import { settingsRoutes } from './settings/settings.routes';
import { SettingsService } from './settings/settings.service';
import { UsersService } from './auth/users.service';
import { StaffBootstrapService } from './auth/staffBootstrap.service';
import { childrenDemoSeeder } from './children/children.demo';
import { resourcesDemoSeeder } from './resources/resources.demo';
import { resourceRoutes } from './resources/resources.routes';
import { ResourcesService } from './resources/resources.service';
import { childrenRoutes } from './children/children.routes';
import { ChildrenService } from './children/children.service';
import { tasksRoutes } from './tasks/tasks.routes';
import { TasksService } from './tasks/tasks.service';
import { visitsRoutes } from './visits/visits.routes';
import { caseRoutes } from './cases/cases.routes';
import { CasesService } from './cases/cases.service';
import { deadlineRoutes } from './deadlines/deadlines.routes';
import { DeadlinesService } from './deadlines/deadlines.service';
import { ReferralsService } from './referrals/referrals.service';
import { VisitsService } from './visits/visits.service';
import { ledgerRoutes } from './ledgers/ledgers.routes';
import { LedgersService } from './ledgers/ledgers.service';
import { statsRoutes } from './stats/stats.routes';
import { HalfYearReports } from './stats/stats.halfYear';
import { formsRoutes } from './forms/forms.routes';
import { FormsService } from './forms/forms.service';
import { StatsService } from './stats/stats.service';

/** The composition root: every module's service, built once per app. */
export function createServices(deps: AppDeps) {
  const health = new HealthService(deps.db);
  const audit = new AuditService(deps.db, deps.clock);
  const auditChain = new AuditChainService(deps.db, deps.clock, deps.config.indexKey, deps.logger);
  const org = new OrgService(deps.db, audit);
  const rateLimit = new RateLimitService(deps.clock, createRateLimitStore(deps.config.redisUrl, deps.logger), deps.config.indexKey);
  const auth = new AuthService(deps.db, deps.config, deps.clock, audit, deps.wechat, deps.crypto, rateLimit);
  const staffBootstrap = new StaffBootstrapService(deps.db, deps.config, deps.clock, audit, org);
  const settings = new SettingsService(deps.db, deps.clock, org, audit);
  const notifications = new NotificationsService(deps.db, deps.clock, deps.wechat, auth, deps.logger);
  const phoneSignIn = new PhoneSignInService(deps.db, deps.clock, deps.crypto, deps.sms, rateLimit, audit, auth, deps.logger);
  const files = new FilesService(deps.db, deps.crypto, deps.clock, deps.config.uploadDir, deps.logger);
  const receiptCodes = new ReceiptCodes(deps.config.indexKey, deps.config.jwtSecret, deps.clock);
  const reports = new ReportsService(deps.db, deps.config, deps.clock, deps.crypto, audit, org, files, receiptCodes, notifications);
  const policies = new PoliciesService(deps.db, deps.clock, audit, org);
  const users = new UsersService(deps.db);
  const tasks = new TasksService(deps.db, deps.clock, deps.crypto, org, audit, users, notifications);
  const children = new ChildrenService(deps.db, deps.clock, deps.crypto, org, audit, settings, tasks, users);
  const visits = new VisitsService(deps.db, deps.clock, deps.crypto, audit, users, children, tasks, files, reports, org, notifications);
  const deadlines = new DeadlinesService(deps.db, deps.clock, org, users, notifications, audit, settings, deps.logger);
  deadlines.useTaskBoard(tasks);
  const referrals = new ReferralsService(deps.db, deps.clock, deps.crypto, deadlines);
  const cases = new CasesService(deps.db, deps.clock, deps.crypto, deps.logger, org, users, audit, notifications, deadlines, referrals, reports, tasks, children);
  const consultations = new ConsultationsService(deps.db, deps.clock, deps.crypto, audit, org, settings, notifications, policies);
  consultations.useConverters({ help_request: helpRequestConverter(reports), case: caseConverter(cases) });
  const receipts = new ReceiptsService(receiptCodes, reports, consultations, rateLimit, audit);
  const resources = new ResourcesService(deps.db, deps.clock, org, audit);
  const applications = new ApplicationsService(deps.db, deps.clock, deps.crypto, audit, org, notifications, policies, files);
  const staff = new StaffService(deps.db, deps.config, deps.clock, deps.crypto, org, audit);
  const handover = new HandoverService(deps.db, deps.clock, audit, org, staff, new TasksHandover(deps.db), new CasesHandover(deps.db), new DeadlinesHandover(deps.db));
  const orgAdmin = new OrgAdminService(deps.db, org, users, audit);
  const auditViewer = new AuditViewer(deps.db, audit, org, users);
  const ledgers = new LedgersService(deps.db, deps.clock, deps.crypto, org, audit, users, deps.logger);
  const stats = new StatsService(deps.db, deps.clock, deps.crypto, users, ledgers);
  const halfYear = new HalfYearReports(deps.clock, stats, audit);
  const forms = new FormsService(deps.clock, children, visits, cases, reports, audit);
  return { ledgers, stats, halfYear, forms, staff, handover, orgAdmin, auditViewer, health, audit, auditChain, org, auth, phoneSignIn, staffBootstrap, settings, notifications, rateLimit, files, reports, receipts, policies, users, tasks, children, visits, deadlines, referrals, cases, consultations, applications, resources };
}
export type Services = ReturnType<typeof createServices>;

export function registerRoutes(routes: RouteTable, deps: AppDeps, s: Services): void {
  healthRoutes(routes, s.health);
  authRoutes(routes, s.auth, s.phoneSignIn);
  orgRoutes(routes, s.org, s.orgAdmin, deps.clock);
  staffRoutes(routes, s.staff, s.handover);
  auditRoutes(routes, s.auditViewer);
  policyRoutes(routes, s.policies);
  consultationRoutes(routes, s.consultations);
  applicationRoutes(routes, s.applications);
  settingsRoutes(routes, s.settings);
  notificationRoutes(routes, s.notifications);
  filesRoutes(routes, s.files, s.rateLimit);
  reportsRoutes(routes, s.reports, s.rateLimit);
  receiptsRoutes(routes, s.receipts);
  tasksRoutes(routes, s.tasks);
  childrenRoutes(routes, s.children, s.rateLimit);
  visitsRoutes(routes, s.visits);
  caseRoutes(routes, s.cases);
  deadlineRoutes(routes, s.deadlines);
  resourceRoutes(routes, s.resources);
  ledgerRoutes(routes, s.ledgers);
  statsRoutes(routes, s.stats, s.halfYear);
  formsRoutes(routes, s.forms);
}

/** Demo data of each module, run in this order after the demo township and its staff exist. */
export const demoSeeders: DemoSeeder[] = [
  // Policy articles are real content: every fresh database gets the starter library.
  async (_deps, s) => void (await s.policies.seedStarterArticles()),
  childrenDemoSeeder,
  resourcesDemoSeeder,
];

export interface BackgroundJob {
  name: string;
  everyMs: number;
  /** Also run once right at start (work a first request would otherwise wait for). */
  atStart?: boolean;
  run(): Promise<unknown>;
}

/** Periodic work the server runs after start-up (tests call the services directly instead). */
export function backgroundJobs(s: Services): BackgroundJob[] {
  return [
    { name: 'wechat-outbox', everyMs: 5_000, run: () => s.notifications.deliverDue() },
    { name: 'audit-seal', everyMs: 5_000, run: () => s.auditChain.seal() },
    { name: 'policy-index', everyMs: 30_000, atStart: true, run: () => s.policies.warmIndex() },
    { name: 'task-overdue', everyMs: 60_000, run: () => s.tasks.sweepOverdue() },
    { name: 'report-idempotency-expiry', everyMs: 300_000, run: () => s.reports.expireIdempotency() },
    { name: 'case-deadlines', everyMs: 60_000, run: () => s.deadlines.sweep() },
    { name: 'login-guards', everyMs: 600_000, run: () => s.auth.sweepLoginGuards() },
    { name: 'child-name-index', everyMs: 60_000, run: async () => [await s.children.backfillNameIndex(), await s.cases.backfillNameIndex()] },
    { name: 'unclaimed-uploads', everyMs: 3600_000, run: async () => [await s.files.sweepPending(), await s.files.sweepOrphans()] },
  ];
}

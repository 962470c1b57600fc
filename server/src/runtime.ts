import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp, type BuiltApp } from './app';
import { backgroundJobs } from './modules';
import { ConfigError, type Config } from './config';
import { connect, type Database } from './db/client';
import { assertLeastPrivilege, assertSchemaCurrent, prepareDatabase } from './db/prepare';
import { failureCode, isDatabaseUnavailable } from './db/unavailable';
import { DEMO_PASSWORD, DEMO_USERNAMES, seedDemoIfEmpty } from './db/seed/demo';
import type { AppDeps } from './deps';
import { createHttpServer, listenSafely } from './http/server';
import { SmsClient } from './integrations/sms/client';
import { WechatClient } from './integrations/wechat/client';
import { systemClock, type Clock } from './lib/clock';
import { FieldCrypto } from './lib/fieldCrypto';
import { createLogger, type Logger } from './logger';

export interface Runtime extends BuiltApp {
  deps: AppDeps;
  database: Database;
  server?: http.Server;
  url?: string;
  listen(port?: number, host?: string): Promise<string>;
  /** Starts the periodic background jobs (outbox delivery, deadline sweeps). */
  startJobs(): void;
  close(): Promise<void>;
}

/**
 * First run of each mode. Demo: the demo township with its people and children. Production: no
 * people at all (the first county admin comes from `npm run admin:create`), only the starter policy
 * library, which is real content.
 */
async function seedFirstRun(deps: AppDeps, services: BuiltApp['services']): Promise<void> {
  if (deps.config.mode === 'demo') {
    await seedDemoIfEmpty(deps, services);
    return;
  }
  await services.policies.seedStarterLibraryIfEmpty();
  if ((await services.staffBootstrap.staffCount()) === 0)
    deps.logger.warn('no staff account yet: create the first county admin with npm run admin:create -- --username <name> --name <姓名> --county <县（区）>');
}

/** Production refuses what only belongs to the demo: demo accounts that still open with the demo password. */
async function refuseDemoLeftovers(services: BuiltApp['services']): Promise<void> {
  const demo = await services.staffBootstrap.accountsWithPassword(DEMO_USERNAMES, DEMO_PASSWORD);
  if (demo.length)
    throw new ConfigError(
      `生产模式拒绝启动：账号 ${demo.join(', ')} 仍使用演示密码 ${DEMO_PASSWORD}；生产环境请使用新的空数据库，或先停用这些账号 / demo accounts still use the demo password`,
    );
}

/** Start-up sequence shared by main.ts and the tests: create DB, migrate, check, seed, build the app. */
export async function createRuntime(config: Config, opts: { clock?: Clock; logger?: Logger; seed?: boolean } = {}): Promise<Runtime> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  await prepareDatabase(config, logger);
  const database = connect(config.databaseUrl);
  let built: BuiltApp | undefined;
  const deps: AppDeps = {
    config,
    db: database.db,
    logger,
    clock: opts.clock ?? systemClock,
    wechat: new WechatClient(config.wechat),
    sms: new SmsClient(config.sms),
    crypto: new FieldCrypto(config.dataKeys, config.indexKey),
  };
  try {
    if (config.mode === 'production') {
      if (!config.databaseAdminUrl) await assertSchemaCurrent(database.pool);
      await assertLeastPrivilege(database.pool, config);
    }
    built = buildApp(deps);
    if (config.mode === 'production') await refuseDemoLeftovers(built.services);
    if (opts.seed !== false) await seedFirstRun(deps, built.services);
  } catch (err) {
    await built?.services.rateLimit.close();
    await database.close();
    throw err;
  }

  const timers: NodeJS.Timeout[] = [];
  const app = built;
  const runtime: Runtime = {
    ...app,
    deps,
    database,
    async listen(port = config.port, host = config.host) {
      const server = createHttpServer(app.app.callback());
      await listenSafely(server, port, host, logger);
      runtime.server = server;
      const addr = server.address() as AddressInfo;
      runtime.url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${addr.port}`;
      return runtime.url;
    },
    startJobs() {
      for (const job of backgroundJobs(app.services)) {
        let running = false;
        const tick = () => {
          if (running) return;
          running = true;
          job
            .run()
            .catch((err) =>
              isDatabaseUnavailable(err)
                ? logger.warn({ job: job.name, code: failureCode(err) }, 'background job waits: database unavailable')
                : logger.error({ err, job: job.name }, 'background job failed'),
            )
            .finally(() => {
              running = false;
            });
        };
        const timer = setInterval(tick, job.everyMs);
        if (job.atStart) setImmediate(tick);
        timer.unref();
        timers.push(timer);
      }
    },
    async close() {
      for (const timer of timers) clearInterval(timer);
      if (runtime.server) await new Promise<void>((resolve) => runtime.server!.close(() => resolve()));
      await app.services.rateLimit.close();
      await database.close();
      await deps.crypto.close();
    },
  };
  return runtime;
}

import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp, type BuiltApp } from './app';
import { backgroundJobs } from './modules';
import type { Config } from './config';
import { connect, ensureDatabase, runMigrations, type Database } from './db/client';
import { failureCode, isDatabaseUnavailable } from './db/unavailable';
import { seedDemoIfEmpty } from './db/seed/demo';
import type { AppDeps } from './deps';
import { createHttpServer, listenSafely } from './http/server';
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

/** Start-up sequence shared by main.ts and the tests: create DB, migrate, seed, build the app. */
export async function createRuntime(config: Config, opts: { clock?: Clock; logger?: Logger; seed?: boolean } = {}): Promise<Runtime> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  await ensureDatabase(config.databaseUrl);
  const database = connect(config.databaseUrl);
  await runMigrations(database.db);
  const deps: AppDeps = {
    config,
    db: database.db,
    logger,
    clock: opts.clock ?? systemClock,
    wechat: new WechatClient(config.wechat),
    crypto: new FieldCrypto(config.dataKeys, config.indexKey),
  };
  const built = buildApp(deps);
  if (opts.seed !== false) await seedDemoIfEmpty(deps, built.services);

  const timers: NodeJS.Timeout[] = [];
  const runtime: Runtime = {
    ...built,
    deps,
    database,
    async listen(port = config.port, host = config.host) {
      const server = createHttpServer(built.app.callback());
      await listenSafely(server, port, host, logger);
      runtime.server = server;
      const addr = server.address() as AddressInfo;
      runtime.url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${addr.port}`;
      return runtime.url;
    },
    startJobs() {
      for (const job of backgroundJobs(built.services)) {
        let running = false;
        const timer = setInterval(() => {
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
        }, job.everyMs);
        timer.unref();
        timers.push(timer);
      }
    },
    async close() {
      for (const timer of timers) clearInterval(timer);
      if (runtime.server) await new Promise<void>((resolve) => runtime.server!.close(() => resolve()));
      await built.services.rateLimit.close();
      await database.close();
    },
  };
  return runtime;
}

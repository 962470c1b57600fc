/** The app in this process over a database and data folder of its own, for the benchmarks. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../server/src/config';
import { dropDatabase } from '../../server/src/db/client';
import { createLogger } from '../../server/src/logger';
import { createRuntime, type Runtime } from '../../server/src/runtime';
import { demoSecrets } from '../../tests/server/serverProcess';

/** A demo-mode configuration with fresh secrets, over database `name` and a new temporary data folder. */
export function benchConfig(name: string, env: Record<string, string> = {}, dataDirPrefix = 'wbt-bench-'): Config {
  return loadConfig({
    APP_MODE: 'demo',
    DATABASE_URL: `mysql://root@127.0.0.1:3306/${name}`,
    ...demoSecrets(),
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), dataDirPrefix)),
    LOG_LEVEL: 'warn',
    PASSWORD_COST: '1024',
    ...env,
  });
}

export function startBenchRuntime(config: Config, opts: { seed?: boolean } = {}): Promise<Runtime> {
  return createRuntime(config, { logger: createLogger('warn'), ...opts });
}

/** Drops the database (unless kept, to look at afterwards) and removes the data folder. */
export async function disposeBench(config: Config, opts: { keepDatabase?: boolean } = {}): Promise<void> {
  if (!opts.keepDatabase) await dropDatabase(config.databaseUrl);
  rmSync(config.dataDir, { recursive: true, force: true });
}

/**
 * Runs `fn` on a fresh runtime (the demo township unless `seed: false`) over database `name`
 * (the process id appended), then closes it and drops the database and data folder.
 */
export async function withBenchRuntime(name: string, opts: { env?: Record<string, string>; seed?: boolean }, fn: (runtime: Runtime) => Promise<void>): Promise<void> {
  const config = benchConfig(`${name}_${process.pid}`, opts.env);
  const runtime = await startBenchRuntime(config, { seed: opts.seed });
  try {
    await fn(runtime);
  } finally {
    await runtime.close();
    await disposeBench(config);
  }
}

import { ConfigError, loadConfig } from './config';
import { assertPortFree, ListenError } from './lib/listen';
import { createLogger } from './logger';
import { createRuntime } from './runtime';

async function main(): Promise<void> {
  const config = loadConfig();
  // Before migrations and seeding: a second start on a busy port says so at once.
  await assertPortFree(config.port, config.host, 'PORT');
  const logger = createLogger(config.logLevel);
  const runtime = await createRuntime(config, { logger });
  try {
    const url = await runtime.listen();
    runtime.startJobs();
    logger.info({ url, mode: config.mode, h5: config.h5Dir }, '未保通 server listening');
  } catch (err) {
    await runtime.close();
    throw err;
  }
  const stop = async () => {
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** sysexits' EX_CONFIG: a refusal that restarting cannot fix (systemd: RestartPreventExitStatus=78). */
const EXIT_CONFIG = 78;

main().catch((err) => {
  // Expected refusals are one line; anything else also prints only its message (the log has detail).
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(EXIT_CONFIG);
  }
  if (err instanceof ListenError) console.error(err.message);
  else console.error('启动失败：', err instanceof Error ? err.message : err);
  process.exit(1);
});

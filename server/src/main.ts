import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { createRuntime } from './runtime';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const runtime = await createRuntime(config, { logger });
  const url = await runtime.listen();
  runtime.startJobs();
  logger.info({ url, mode: config.mode, h5: config.h5Dir }, '未保通 server listening');
  const stop = async () => {
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error('启动失败：', err instanceof Error ? err.message : err);
  process.exit(1);
});

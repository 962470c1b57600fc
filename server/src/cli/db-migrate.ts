/**
 * Creates the database if missing, applies migrations and re-grants the app user its table
 * privileges, with DATABASE_ADMIN_URL. Production runs this before each start (its own systemd unit),
 * so the server itself never holds admin credentials.
 */
import { loadConfig } from '../config';
import { adminUrlFor, prepareDatabase } from '../db/prepare';
import { createLogger } from '../logger';
import { CliError, runCli } from './prompt';

runCli(async () => {
  const config = loadConfig();
  if (!adminUrlFor(config)) throw new CliError('DATABASE_ADMIN_URL 未设置：迁移需要有建表权限的管理员连接 / migrations need DATABASE_ADMIN_URL');
  await prepareDatabase(config, createLogger(config.logLevel));
  console.log('数据库已是最新结构 / database migrated');
});

/**
 * First-run path of a production installation: creates the county node (when the tree is empty or
 * the named county is new) and one county admin, who then creates everyone else.
 *
 *   npm run admin:create -- --username <用户名> --name <姓名> [--county <县（区）名称>]
 *
 * The password is read from the terminal without echo, or from ADMIN_PASSWORD (non-interactive).
 */
import { NewStaffCredentials } from '@wbt/shared';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { connect } from '../db/client';
import { assertSchemaCurrent, prepareDatabase } from '../db/prepare';
import { AppError } from '../http/errors';
import { systemClock } from '../lib/clock';
import { createLogger } from '../logger';
import { AuditService } from '../modules/audit/audit.service';
import { StaffBootstrapService } from '../modules/auth/staffBootstrap.service';
import { OrgService } from '../modules/org/org.service';
import { CliError, promptHidden, runCli } from './prompt';

const USAGE = '用法 / usage: npm run admin:create -- --username <用户名> --name <姓名> [--county <县（区）名称>]（密码在提示时输入，或用环境变量 ADMIN_PASSWORD）';

function operator(): string | undefined {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.SUDO_USER ?? process.env.USER; // no passwd entry (containers)
  }
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.ADMIN_PASSWORD;
  if (fromEnv !== undefined) return fromEnv;
  const first = await promptHidden('新管理员的密码（至少 10 个字符，输入时不显示）：');
  const again = await promptHidden('再输入一次：');
  if (first !== again) throw new CliError('两次输入的密码不一致，未创建任何账号');
  return first;
}

runCli(async () => {
  let args;
  try {
    args = parseArgs({ options: { username: { type: 'string' }, name: { type: 'string' }, county: { type: 'string' }, help: { type: 'boolean' } } }).values;
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n${USAGE}`);
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (!args.username || !args.name) throw new CliError(USAGE);
  const config = loadConfig();
  const password = await readPassword();
  const input = { username: args.username, name: args.name, password };
  const checked = NewStaffCredentials.safeParse(input);
  if (!checked.success) throw new CliError(`未创建任何账号：${checked.error.issues.map((i) => i.message).join('；')}`);

  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  await prepareDatabase(config, logger);
  const database = connect(config.databaseUrl, 2);
  try {
    if (!config.databaseAdminUrl) await assertSchemaCurrent(database.pool);
    const audit = new AuditService(database.db, systemClock);
    const bootstrap = new StaffBootstrapService(database.db, config, systemClock, audit, new OrgService(database.db, audit));
    const created = await bootstrap.createCountyAdmin({ ...checked.data, county: args.county, operator: operator() });
    console.log(
      `已创建县级管理员 ${checked.data.username}（${checked.data.name}），所属 ${created.county}${created.countyCreated ? '（新建的县级节点）' : ''} / county admin created`,
    );
  } catch (err) {
    if (err instanceof AppError) throw new CliError(err.message);
    throw err;
  } finally {
    await database.close();
  }
});

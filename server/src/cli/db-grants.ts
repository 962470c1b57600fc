/**
 * The application's least-privilege database account.
 *
 *   npm run db:grants                 prints the statements for DATABASE_URL's user (run them as an admin)
 *   npm run db:grants -- --apply      runs them with DATABASE_ADMIN_URL: creates the database and the user
 *                                     (with DATABASE_URL's password) if missing, migrates, revokes anything
 *                                     else the user holds, and grants table by table
 *   --from <host>                     host part of the account (default: localhost and 127.0.0.1 when the
 *                                     database is on this machine, '%' otherwise)
 */
import mysql from 'mysql2/promise';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { ensureDatabase } from '../db/client';
import { accountSql, databaseOf, expectedTables, grantStatements, userOf, type DbAccount } from '../db/grants';
import { adminUrlFor, prepareDatabase } from '../db/prepare';
import { createLogger } from '../logger';
import { CliError, runCli } from './prompt';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

runCli(async () => {
  const { values } = parseArgs({ options: { apply: { type: 'boolean' }, from: { type: 'string', multiple: true } } });
  const config = loadConfig();
  const appUrl = new URL(config.databaseUrl);
  const database = databaseOf(config.databaseUrl);
  const user = userOf(config.databaseUrl);
  const hosts = values.from?.length ? values.from : LOOPBACK.has(appUrl.hostname) ? ['localhost', '127.0.0.1'] : ['%'];
  const accounts: DbAccount[] = hosts.map((host) => ({ user, host }));
  const adminUrl = adminUrlFor(config);

  const statements = (password: string) =>
    accounts.flatMap((a) => [
      `CREATE USER IF NOT EXISTS ${accountSql(a)} IDENTIFIED BY ${password};`,
      `REVOKE ALL PRIVILEGES, GRANT OPTION FROM ${accountSql(a)};`,
      ...grantStatements(database, a, expectedTables()),
    ]);

  if (!values.apply) {
    console.log(`-- 应用数据库用户 ${user} 的权限（以管理员身份执行；先创建数据库并完成迁移） / run as an admin after migrating`);
    console.log(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;`);
    for (const s of statements("'<DATABASE_URL 中的密码>'")) console.log(s);
    return 0;
  }
  if (!adminUrl) throw new CliError('DATABASE_ADMIN_URL 未设置：--apply 需要有建库和授权权限的管理员连接 / --apply needs DATABASE_ADMIN_URL');
  if (userOf(adminUrl) === user)
    throw new CliError(`DATABASE_URL 与 DATABASE_ADMIN_URL 是同一个数据库用户（${user}）：应用应使用单独的最小权限用户 / use a separate app user`);
  const password = decodeURIComponent(appUrl.password);
  if (!password) throw new CliError('DATABASE_URL 没有密码：应用用户必须有密码 / the app user needs a password');
  await ensureDatabase(adminUrl);
  const admin = await mysql.createConnection({ uri: adminUrl });
  try {
    for (const a of accounts) {
      await admin.query('CREATE USER IF NOT EXISTS ?@? IDENTIFIED BY ?', [a.user, a.host, password]);
      await admin.query('REVOKE ALL PRIVILEGES, GRANT OPTION FROM ?@?', [a.user, a.host]);
    }
  } finally {
    await admin.end();
  }
  // Migrates, then grants every table to every account of the user.
  await prepareDatabase(config, createLogger('warn'));
  console.log(`已为 ${accounts.map((a) => `${a.user}@${a.host}`).join('、')} 设置最小权限（数据库 ${database}） / least-privilege grants applied`);
  return 0;
});

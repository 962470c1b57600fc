import { readMigrationFiles } from 'drizzle-orm/migrator';
import type mysql from 'mysql2/promise';
import { ConfigError, type Config } from '../config';
import type { Logger } from '../logger';
import { connect, ensureDatabase, MIGRATIONS_DIR, runMigrations } from './client';
import { checkAppPrivileges, databaseOf, grantAppPrivileges, userOf } from './grants';

/** The admin URL pointed at DATABASE_URL's database (the database name always comes from DATABASE_URL). */
export function adminUrlFor(config: Config): string | undefined {
  if (!config.databaseAdminUrl) return undefined;
  const url = new URL(config.databaseAdminUrl);
  url.pathname = `/${databaseOf(config.databaseUrl)}`;
  return url.toString();
}

/**
 * The admin half of start-up: create the database, apply migrations and give the app user its
 * table privileges (when the app connects as a different account). Nothing to do without an admin URL.
 */
export async function prepareDatabase(config: Config, logger: Logger): Promise<void> {
  const adminUrl = adminUrlFor(config);
  if (!adminUrl) return;
  await ensureDatabase(adminUrl);
  const admin = connect(adminUrl, 1);
  try {
    await runMigrations(admin.db);
    const appUser = userOf(config.databaseUrl);
    if (appUser !== userOf(adminUrl)) {
      const accounts = await grantAppPrivileges(admin.pool, databaseOf(config.databaseUrl), appUser);
      if (accounts === 0) logger.warn({ user: appUser }, 'DATABASE_URL names a database user that does not exist yet: run npm run db:grants -- --apply');
    }
  } finally {
    await admin.close();
  }
}

/** Without an admin URL the schema must already be current (migrated by `npm run db:migrate`). */
export async function assertSchemaCurrent(pool: mysql.Pool): Promise<void> {
  const migrations = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR });
  const latest = migrations[migrations.length - 1]?.folderMillis ?? 0;
  let applied = 0;
  try {
    const [rows] = (await pool.query('SELECT MAX(created_at) AS at FROM __drizzle_migrations')) as unknown as [{ at: string | number | null }[]];
    applied = Number(rows[0]?.at ?? 0);
  } catch {
    applied = 0;
  }
  if (applied < latest)
    throw new ConfigError('数据库结构不是最新版本：请先用 DATABASE_ADMIN_URL 运行 npm run db:migrate（或设置 DATABASE_ADMIN_URL 由启动时迁移） / schema is behind: run npm run db:migrate');
}

/** Production refuses an app account that may do more than the app needs, or lacks what it needs. */
export async function assertLeastPrivilege(pool: mysql.Pool, config: Config): Promise<void> {
  const { excess, missing } = await checkAppPrivileges(pool, databaseOf(config.databaseUrl));
  const user = userOf(config.databaseUrl);
  if (excess.length)
    throw new ConfigError(
      `DATABASE_URL：数据库用户 ${user} 的权限超出应用所需（${excess.join('；')}），生产模式拒绝启动；请为应用建立专用用户，见 npm run db:grants / the app's database user has more privileges than it needs`,
    );
  if (missing.length)
    throw new ConfigError(`DATABASE_URL：数据库用户 ${user} 缺少权限（${missing.join('；')}）；请运行 npm run db:grants -- --apply / the app's database user lacks privileges`);
}

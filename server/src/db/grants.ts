import { getTableName, is } from 'drizzle-orm';
import { MySqlTable } from 'drizzle-orm/mysql-core';
import type mysql from 'mysql2/promise';
import * as schema from './schema';

/**
 * The application's database account gets exactly what the app does: rows in, rows out. No DDL,
 * no TRIGGER, no TRUNCATE, no GRANT; the audit tables take only SELECT and INSERT, so neither the
 * app nor anyone holding its password can change or remove an audit row.
 */
export const DML = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] as const;
const INSERT_ONLY = new Set(['audit_log', 'audit_chain']);
const READ_ONLY = new Set(['__drizzle_migrations']);

export function privilegesFor(table: string): string[] {
  if (INSERT_ONLY.has(table)) return ['SELECT', 'INSERT'];
  if (READ_ONLY.has(table)) return ['SELECT'];
  return [...DML];
}

/** Every table the app's schema defines, plus drizzle's migration journal. */
export function expectedTables(): string[] {
  const names = Object.values(schema)
    .filter((v) => is(v, MySqlTable))
    .map((t) => getTableName(t as MySqlTable));
  return [...new Set([...names, '__drizzle_migrations'])].sort();
}

export interface DbAccount {
  user: string;
  host: string;
}

const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
export const accountSql = (a: DbAccount) => `${quote(a.user)}@${quote(a.host)}`;

export function grantStatements(database: string, account: DbAccount, tables: string[]): string[] {
  return [...tables].sort().map((t) => `GRANT ${privilegesFor(t).join(', ')} ON \`${database}\`.\`${t}\` TO ${accountSql(account)};`);
}

export function databaseOf(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`DATABASE_URL 中的数据库名无效："${name}"`);
  return name;
}

export const userOf = (url: string): string => decodeURIComponent(new URL(url).username);

export async function listTables(conn: mysql.Pool | mysql.Connection, database: string): Promise<string[]> {
  const [rows] = (await conn.query("SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'", [
    database,
  ])) as unknown as [{ t: string }[]];
  return rows.map((r) => r.t);
}

/** Hosts under which this user exists (read with the admin connection). */
export async function accountsOf(admin: mysql.Pool | mysql.Connection, user: string): Promise<DbAccount[]> {
  const [rows] = (await admin.query('SELECT Host AS host FROM mysql.user WHERE User = ?', [user])) as unknown as [{ host: string }[]];
  return rows.map((r) => ({ user, host: r.host }));
}

/**
 * Gives every existing account of the app user its table privileges (additive and idempotent, so a
 * running server is never left without them); run after migrations so new tables are covered.
 */
export async function grantAppPrivileges(admin: mysql.Pool | mysql.Connection, database: string, appUser: string): Promise<number> {
  const accounts = await accountsOf(admin, appUser);
  const tables = await listTables(admin, database);
  for (const account of accounts) for (const stmt of grantStatements(database, account, tables)) await admin.query(stmt);
  return accounts.length;
}

// ---- checking the app's own connection ----------------------------------------------------------

interface Grant {
  privileges: string[];
  target: 'global' | { database: string; table?: string };
  grantOption: boolean;
}

const unescapeIdent = (s: string) => s.replace(/^`|`$/g, '').replace(/``/g, '`');

/** Parses one line of SHOW GRANTS; null for lines that are not `GRANT … ON … TO …` (roles, PROXY). */
export function parseGrant(line: string): Grant | null {
  const m = /^GRANT (.+?) ON (\*\.\*|`(?:[^`]|``)+`\.(?:\*|`(?:[^`]|``)+`)) TO /.exec(line);
  if (!m) return null;
  const privileges = m[1]
    .replace(/\([^)]*\)/g, '') // column lists
    .split(',')
    .map((p) => p.trim().toUpperCase())
    .filter(Boolean);
  const grantOption = / WITH .*GRANT OPTION/.test(line);
  if (m[2] === '*.*') return { privileges, target: 'global', grantOption };
  const [db, table] = m[2].split(/(?<=`)\.(?=`|\*)/);
  return { privileges, target: { database: unescapeIdent(db), table: table === '*' ? undefined : unescapeIdent(table) }, grantOption };
}

/** A database-level grant names a LIKE pattern (`%`, `_`, `\_`). */
function patternMatches(pattern: string, name: string): boolean {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) re += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '%') re += '.*';
    else if (c === '_') re += '.';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(re + '$', 'i').test(name);
}

export interface PrivilegeReport {
  /** What the account may do beyond the app's needs, e.g. "ALL PRIVILEGES ON *.*". */
  excess: string[];
  /** What the app needs and lacks, e.g. "INSERT ON audit_log". */
  missing: string[];
}

/**
 * Compares the current connection's grants with what the app needs on each of `tables` (the schema's
 * tables: information_schema only shows the app user the tables it already has rights on).
 */
export async function checkAppPrivileges(pool: mysql.Pool, database: string, tables = expectedTables()): Promise<PrivilegeReport> {
  const [rows] = (await pool.query('SHOW GRANTS FOR CURRENT_USER()')) as unknown as [Record<string, string>[]];
  const lines = rows.map((r) => String(Object.values(r)[0]));
  const granted = new Map<string, Set<string>>();
  const excess: string[] = [];
  for (const line of lines) {
    const g = parseGrant(line);
    if (!g) {
      if (/^GRANT /.test(line)) excess.push(line.replace(/ IDENTIFIED .*/, '').replace(/^GRANT /, '').split(' TO ')[0]);
      continue;
    }
    const extra = (allowed: string[]) => g.privileges.filter((p) => p !== 'USAGE' && !allowed.includes(p));
    if (g.target === 'global') {
      const more = extra([]);
      if (more.length) excess.push(`${more.join(', ')} ON *.*`);
    } else if (!g.target.table) {
      const more = extra([]);
      if (more.length && patternMatches(g.target.database, database)) excess.push(`${more.join(', ')} ON \`${g.target.database}\`.*`);
    } else if (g.target.database === database) {
      const more = extra(privilegesFor(g.target.table));
      if (more.length) excess.push(`${more.join(', ')} ON ${g.target.table}`);
      const set = granted.get(g.target.table) ?? new Set<string>();
      g.privileges.forEach((p) => set.add(p));
      granted.set(g.target.table, set);
    }
    if (g.grantOption) excess.push(`GRANT OPTION ON ${g.target === 'global' ? '*.*' : `\`${g.target.database}\`.${g.target.table ?? '*'}`}`);
  }
  const missing: string[] = [];
  for (const table of tables) {
    const have = granted.get(table) ?? new Set<string>();
    const lacking = privilegesFor(table).filter((p) => !have.has(p) && !have.has('ALL PRIVILEGES'));
    if (lacking.length) missing.push(`${lacking.join(', ')} ON ${table}`);
  }
  return { excess, missing };
}

import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import { migrate } from 'drizzle-orm/mysql2/migrator';
import mysql from 'mysql2/promise';
import path from 'node:path';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = MySql2Database<Schema>;
/** A transaction handle; repos accept either so a service can group writes in one transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  pool: mysql.Pool;
  close(): Promise<void>;
}

function databaseName(url: string): string {
  const name = new URL(url).pathname.replace(/^\//, '');
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`DATABASE_URL 中的数据库名无效："${name}"`);
  return name;
}

/** Creates the database named in the URL if it does not exist yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const server = new URL(url);
  const name = databaseName(url);
  server.pathname = '/';
  const conn = await mysql.createConnection({ uri: server.toString() });
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const server = new URL(url);
  const name = databaseName(url);
  server.pathname = '/';
  const conn = await mysql.createConnection({ uri: server.toString() });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await conn.end();
  }
}

export function connect(url: string, connectionLimit = 10): Database {
  const pool = mysql.createPool({
    uri: url,
    connectionLimit,
    timezone: 'Z',
    dateStrings: false,
    supportBigNumbers: true,
    charset: 'utf8mb4_unicode_ci',
  });
  // DATETIME values are UTC both ways.
  pool.on('connection', (conn) => {
    conn.query("SET time_zone = '+00:00'");
  });
  // planetscale mode: relational queries without LATERAL joins (MariaDB/TiDB reject them).
  const db = drizzle({ client: pool, schema, mode: 'planetscale' });
  return { db, pool, close: () => pool.end() };
}

/** The pool behind the ORM, for the few hot reads that take the driver's rows as they are. */
export const poolOf = (db: Db): mysql.Pool => (db as Db & { $client: mysql.Pool }).$client;

export const MIGRATIONS_DIR = path.join(__dirname, 'migrations');

export async function runMigrations(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
}

import type { Pool, PoolConnection } from 'mysql2/promise';

/** Counts the statements the app sends through its pool (transactions' connections included). */
export interface SqlCounter {
  /** Statements since the last reset, with their SQL text. */
  statements: string[];
  /** The same statements with their parameters (for EXPLAIN). */
  calls: { sql: string; values: unknown[] }[];
  reset(): void;
  restore(): void;
}

export function countStatements(pool: Pool): SqlCounter {
  const statements: string[] = [];
  const calls: { sql: string; values: unknown[] }[] = [];
  const record = (args: unknown[]) => {
    const first = args[0] as string | { sql?: string; values?: unknown[] };
    const text = typeof first === 'string' ? first : (first?.sql ?? '?');
    statements.push(text);
    const values = (typeof first === 'object' && first?.values) || (Array.isArray(args[1]) ? args[1] : []);
    calls.push({ sql: text, values: values as unknown[] });
  };
  const wrap = <O extends object>(target: O, name: 'query' | 'execute') => {
    const original = (target as Record<string, unknown>)[name] as (...a: unknown[]) => unknown;
    (target as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
      record(args);
      return original.apply(this, args);
    };
    return () => ((target as Record<string, unknown>)[name] = original);
  };
  const undo = [wrap(pool, 'query'), wrap(pool, 'execute')];
  const getConnection = pool.getConnection;
  pool.getConnection = async function (this: Pool) {
    const conn = (await getConnection.call(this)) as PoolConnection;
    const restoreQ = wrap(conn, 'query');
    const restoreE = wrap(conn, 'execute');
    const release = conn.release;
    conn.release = function (this: PoolConnection) {
      restoreQ();
      restoreE();
      conn.release = release;
      return release.call(this);
    };
    return conn;
  } as Pool['getConnection'];
  undo.push(() => (pool.getConnection = getConnection));
  return {
    statements,
    calls,
    reset: () => {
      statements.splice(0);
      calls.splice(0);
    },
    restore: () => undo.forEach((u) => u()),
  };
}

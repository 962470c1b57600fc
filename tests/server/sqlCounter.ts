import type { Pool, PoolConnection } from 'mysql2/promise';

/** Counts the statements the app sends through its pool (transactions' connections included). */
export interface SqlCounter {
  /** Statements since the last reset, with their SQL text. */
  statements: string[];
  reset(): void;
  restore(): void;
}

export function countStatements(pool: Pool): SqlCounter {
  const statements: string[] = [];
  const record = (args: unknown[]) => {
    const first = args[0] as string | { sql?: string };
    statements.push(typeof first === 'string' ? first : (first?.sql ?? '?'));
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
    reset: () => void statements.splice(0),
    restore: () => undo.forEach((u) => u()),
  };
}

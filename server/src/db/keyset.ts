import { unionAll } from 'drizzle-orm/mysql-core';

/** Beyond this many keys one UNION would be too long a statement: the caller's plain IN query is used. */
export const MAX_UNION_KEYS = 64;

/**
 * The first `limit` rows, in one order, of a filter over several keys (e.g. `township_id IN (…)`).
 *
 * An IN list over an index (key, sort columns) reads every matching entry and sorts them, so its
 * cost grows with history. Each key's own range, read in index order and limited, costs the page:
 * one UNION ALL of per-key `… WHERE key = ? ORDER BY … LIMIT n` selects, merged here (at most
 * keys × limit rows). One key is one plain select; no keys, no statement.
 */
export async function mergeKeyPages<T>(
  keys: readonly number[],
  one: (key: number) => PromiseLike<T[]>,
  compare: (a: T, b: T) => number,
  limit: number,
  many: () => PromiseLike<T[]>,
): Promise<T[]> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return [];
  if (unique.length === 1) return one(unique[0]);
  if (unique.length > MAX_UNION_KEYS) return many();
  const [first, second, ...rest] = unique.map(one) as unknown as Parameters<typeof unionAll>;
  const rows = (await unionAll(first, second, ...rest)) as unknown as T[];
  return rows.sort(compare).slice(0, limit);
}

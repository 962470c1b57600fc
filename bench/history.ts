/**
 * History filler: copies one real row of each growing table (made through the app, so its sealed
 * columns decrypt) N times with INSERT … SELECT over MariaDB's sequence engine (seq_1_to_N), in
 * chunks. Filler rows are older than everything real and finished (closed reports, done tasks,
 * archived cases, met clocks, spent idempotency keys): history, which lists must not pay for.
 *
 * Used by the EXPLAIN test (a few thousand rows, so the optimizer sees real cardinalities) and by
 * the benchmark seed (10,000 and 1,000,000 rows).
 */
import type { Pool } from 'mysql2/promise';

export interface FillOptions {
  /** Rows per table. */
  rows: number;
  /** Townships to spread the rows over: ids of townships, each with one village id. */
  places: { townshipId: number; villageId: number }[];
  /** Statement size (rows per INSERT … SELECT). */
  chunk?: number;
  onProgress?: (table: string, done: number) => void;
}

type Overrides = Record<string, string>;

/** Per table: the template row and the columns that differ per copy (s.seq: 1…N, p.*: the place). */
const TABLES: { table: string; template: string; overrides: Overrides }[] = [
  {
    table: 'reports',
    template: 'SELECT MIN(id) AS id FROM reports',
    overrides: {
      township_id: 'p.township_id',
      org_id: 'p.village_id',
      status: "IF(s.seq % 20 = 0, 'received', 'closed')",
      receipt_hash: 'NULL',
      child_phone_index: 'NULL',
      reporter_user_id: 'NULL',
      received_at: '@base - INTERVAL s.seq * 30 SECOND',
      reported_at: '@base - INTERVAL s.seq * 30 SECOND',
      status_changed_at: '@base - INTERVAL s.seq * 30 SECOND',
      clocks_pending: '0',
    },
  },
  {
    table: 'tasks',
    template: 'SELECT MIN(id) AS id FROM tasks',
    overrides: {
      org_id: 'p.village_id',
      status: "IF(s.seq % 10 = 0, 'cancelled', 'done')",
      pool_org_id: 'NULL',
      child_id: 'NULL',
      case_id: 'NULL',
      open_key: 'NULL',
      due_at: '@base - INTERVAL s.seq * 30 SECOND',
      created_at: '@base - INTERVAL s.seq * 30 SECOND - INTERVAL 3 DAY',
      completed_at: '@base - INTERVAL s.seq * 30 SECOND',
    },
  },
  {
    table: 'cases',
    template: 'SELECT MIN(id) AS id FROM cases',
    overrides: {
      code: "CONCAT('H', LPAD(s.seq + @offset, 11, '0'))",
      status: "'archived'",
      township_id: 'p.township_id',
      village_id: 'p.village_id',
      child_id: 'NULL',
      source_consultation_id: 'NULL',
      opened_at: '@base - INTERVAL s.seq * 30 SECOND',
      first_reported_at: '@base - INTERVAL s.seq * 30 SECOND',
      updated_at: '@base - INTERVAL s.seq * 30 SECOND',
      archived_at: '@base - INTERVAL s.seq * 30 SECOND',
    },
  },
  {
    table: 'deadline_clocks',
    template: 'SELECT MIN(id) AS id FROM deadline_clocks',
    overrides: {
      subject_id: '100000000 + s.seq + @offset',
      case_id: 'NULL',
      township_id: 'p.township_id',
      started_at: '@base - INTERVAL s.seq * 30 SECOND - INTERVAL 1 DAY',
      due_at: '@base - INTERVAL s.seq * 30 SECOND',
      met_at: '@base - INTERVAL s.seq * 30 SECOND - INTERVAL 1 HOUR',
      cancelled_at: 'NULL',
      breached_at: 'NULL',
    },
  },
  {
    table: 'report_idempotency',
    template: 'SELECT MIN(key_hash) AS id FROM report_idempotency',
    overrides: {
      key_hash: "SHA2(CONCAT('filler', s.seq + @offset), 256)",
      receipt_enc: 'NULL',
      receipt_expires_at: 'NULL',
      // Inside the 30-day window, so the expiry job keeps them: the table is as large as it gets.
      created_at: '@base - INTERVAL (s.seq % 2000000) SECOND',
    },
  },
  {
    table: 'children',
    template: 'SELECT MIN(id) AS id FROM children',
    overrides: {
      org_id: 'p.village_id',
      id_number_idx: 'NULL',
      name_dob_idx: "SHA2(CONCAT('child', s.seq + @offset), 256)",
      confirm_status: "'confirmed'",
      confirm_due_at: 'NULL',
      next_visit_due: '@base + INTERVAL 60 DAY',
      created_at: '@base - INTERVAL s.seq * 30 SECOND',
      updated_at: '@base - INTERVAL s.seq * 30 SECOND',
    },
  },
];

async function columnsOf(pool: Pool, table: string): Promise<string[]> {
  const [rows] = await pool.query(
    "SELECT COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND EXTRA NOT LIKE '%GENERATED%' AND EXTRA NOT LIKE '%auto_increment%' ORDER BY ORDINAL_POSITION",
    [table],
  );
  return (rows as { c: string }[]).map((r) => r.c);
}

/** Adds `rows` history rows to each growing table (see above); returns the tables filled. */
export async function fillHistory(pool: Pool, opts: FillOptions): Promise<string[]> {
  const chunk = opts.chunk ?? 50_000;
  const conn = await pool.getConnection();
  const filled: string[] = [];
  try {
    await conn.query('DROP TEMPORARY TABLE IF EXISTS fill_places');
    await conn.query('CREATE TEMPORARY TABLE fill_places (n INT PRIMARY KEY, township_id INT NOT NULL, village_id INT NOT NULL)');
    await conn.query('INSERT INTO fill_places VALUES ?', [opts.places.map((p, i) => [i, p.townshipId, p.villageId])]);
    const k = opts.places.length;
    await conn.query("SET @base = UTC_TIMESTAMP(3) - INTERVAL 1 DAY");
    for (const t of TABLES) {
      const [[tmpl]] = (await conn.query(t.template)) as unknown as [[{ id: number | string | null }]];
      if (tmpl?.id === null || tmpl?.id === undefined) continue;
      const cols = await columnsOf(pool, t.table);
      const keyCol = t.table === 'report_idempotency' ? 'key_hash' : 'id';
      const select = cols.map((c) => t.overrides[c] ?? `x.\`${c}\``).join(', ');
      for (let done = 0; done < opts.rows; done += chunk) {
        const n = Math.min(chunk, opts.rows - done);
        // Distinct per call and per chunk, so unique columns never collide across runs.
        await conn.query('SET @offset = (SELECT COALESCE(MAX(id), 0) FROM `' + (t.table === 'report_idempotency' ? 'reports' : t.table) + '`) * 10 + ?', [done]);
        await conn.query(
          `INSERT INTO \`${t.table}\` (${cols.map((c) => `\`${c}\``).join(', ')})
           SELECT ${select.replace(/s\.seq/g, `(s.seq + ${done})`)}
           FROM seq_1_to_${n} s JOIN fill_places p ON p.n = (s.seq + ${done}) % ${k}
           JOIN \`${t.table}\` x ON x.\`${keyCol}\` = ?`,
          [tmpl.id],
        );
        opts.onProgress?.(t.table, done + n);
      }
      filled.push(t.table);
    }
    for (const t of filled) await conn.query(`ANALYZE TABLE \`${t}\``);
  } finally {
    await conn.query('DROP TEMPORARY TABLE IF EXISTS fill_places').catch(() => undefined);
    conn.release();
  }
  return filled;
}

import { createHmac } from 'node:crypto';
import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../logger';
import { auditChainRepo, type AuditLogRow, type ChainEntry } from './auditChain.repo';

/** Ids missing for longer than this (by the next row's time) belong to rolled-back transactions. */
export const GAP_GRACE_MS = 2 * 60_000;
/** A row dated this much before an earlier row is a back-dated insert, not clock jitter between transactions. */
export const BACKDATE_TOLERANCE_MS = 5 * 60_000;
const BATCH = 1000;

export interface ChainProblem {
  id: number;
  message: string;
}

export interface ChainReport {
  ok: boolean;
  /** Chain entries checked, and the last audit id they cover. */
  sealed: number;
  lastSealedId: number;
  /** Audit rows not sealed yet (written since the sealer last ran). */
  unsealed: { count: number; firstId: number | null };
  /** The first broken link. */
  problem?: ChainProblem;
}

const canonical = (r: AuditLogRow): string =>
  JSON.stringify([r.id, r.at.toISOString(), r.actorUserId, r.actorRole, r.action, r.targetType, r.targetId, r.result, r.orgId, r.detail ?? null]);
const gapPayload = (from: number, to: number): string => JSON.stringify(['gap', from, to]);

/**
 * Tamper evidence for the audit log: a hash chain in audit id order, kept in the insert-only
 * audit_chain table.
 *
 * Design (a sealer, not a lock): audit rows are written inside the transactions of hot paths
 * (report submission, case steps, one row per list read). Chaining at insert time would need the
 * previous row's hash, i.e. one lock per chain held until each of those transactions commits, which
 * serialises every request that audits. Instead rows are inserted as before and a sealer (a
 * background job every few seconds, and `npm run audit:verify -- --seal`) chains committed rows in
 * id order afterwards. The hot path pays nothing; the trade-off is a window of a few seconds in
 * which a row is not yet sealed (verify reports that tail), and ids of rolled-back transactions
 * are sealed as gaps only after GAP_GRACE_MS, so rows behind such a gap wait that long.
 *
 * The hashes are HMACs keyed from INDEX_KEY: a database administrator who edits, deletes or
 * inserts audit rows cannot recompute the chain without the application's key. Several processes
 * may seal at once: the chain's primary key lets one win and the others stop (they would have
 * written the same entries).
 */
export class AuditChainService {
  private readonly key: Buffer;
  private readonly genesis: string;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    indexKey: Buffer,
    private readonly logger?: Logger,
  ) {
    this.key = createHmac('sha256', indexKey).update('wbt-audit-chain-v1').digest();
    this.genesis = this.mac('genesis', 'wbt-audit-chain');
  }

  private mac(prev: string, payload: string): string {
    return createHmac('sha256', this.key).update(prev).update('\n').update(payload).digest('hex');
  }

  /** Chains every committed row it safely can; returns the number of entries written. */
  async seal(): Promise<number> {
    let written = 0;
    for (;;) {
      const head = await auditChainRepo.head(this.db);
      let prev = head?.hash ?? this.genesis;
      let expected = (head?.auditId ?? 0) + 1;
      const rows = await auditChainRepo.rowsAfter(this.db, expected - 1, BATCH);
      if (rows.length === 0) break;
      const sealedAt = this.clock.now();
      const entries: ChainEntry[] = [];
      let blocked = false;
      for (const row of rows) {
        if (row.id !== expected) {
          // A missing id is either a transaction still open (wait) or one that rolled back (seal the gap).
          if (row.at.getTime() > sealedAt.getTime() - GAP_GRACE_MS) {
            blocked = true;
            break;
          }
          prev = this.mac(prev, gapPayload(expected, row.id - 1));
          entries.push({ auditId: row.id - 1, gapFrom: expected, hash: prev, sealedAt });
        }
        prev = this.mac(prev, canonical(row));
        entries.push({ auditId: row.id, gapFrom: null, hash: prev, sealedAt });
        expected = row.id + 1;
      }
      if (entries.length > 0) {
        try {
          await auditChainRepo.insert(this.db, entries);
        } catch (err) {
          if ((err as { cause?: { errno?: number } }).cause?.errno === 1062) break; // another process sealed these
          throw err;
        }
        written += entries.length;
        const last = entries[entries.length - 1];
        // The head in the log is an anchor outside the database: a chain rebuilt from scratch will not match it.
        this.logger?.info({ sealed: entries.length, headId: last.auditId, headHash: last.hash }, 'audit chain sealed');
      }
      if (blocked || rows.length < BATCH) break;
    }
    return written;
  }

  /** Walks the chain from the start and reports the first broken link, and the unsealed tail. */
  async verify(): Promise<ChainReport> {
    let prev = this.genesis;
    let lastId = 0;
    let sealed = 0;
    let latest: { at: number; id: number } | null = null;
    const fail = (problem: ChainProblem, unsealed = { count: 0, firstId: null as number | null }): ChainReport => ({
      ok: false,
      sealed,
      lastSealedId: lastId,
      unsealed,
      problem,
    });
    const datedBefore = (row: AuditLogRow): ChainProblem | null => {
      if (latest && row.at.getTime() < latest.at - BACKDATE_TOLERANCE_MS)
        return { id: row.id, message: `记录时间 ${row.at.toISOString()} 早于之前的第 ${latest.id} 条（${new Date(latest.at).toISOString()}）：疑似补写的倒签记录 / back-dated row` };
      if (!latest || row.at.getTime() > latest.at) latest = { at: row.at.getTime(), id: row.id };
      return null;
    };

    for (;;) {
      const entries = await auditChainRepo.entriesAfter(this.db, lastId, BATCH);
      if (entries.length === 0) break;
      const rows = await auditChainRepo.rowsBetween(this.db, lastId, entries[entries.length - 1].auditId);
      let r = 0;
      for (const entry of entries) {
        const from = entry.gapFrom ?? entry.auditId;
        if (from !== lastId + 1) return fail({ id: lastId + 1, message: `链条缺少第 ${lastId + 1}–${from - 1} 条的封存记录：审计链被删改 / chain entries missing` });
        // Rows before this entry's range were inserted after the range was sealed.
        if (r < rows.length && rows[r].id < from) return fail({ id: rows[r].id, message: '这条记录不在审计链中：是在封存之后插入的 / row inserted after sealing' });
        if (entry.gapFrom !== null) {
          if (r < rows.length && rows[r].id <= entry.auditId)
            return fail({ id: rows[r].id, message: `这条记录出现在已封存为空的编号段 ${entry.gapFrom}–${entry.auditId} 中：是事后插入的 / row inserted into a sealed gap` });
          const expected = this.mac(prev, gapPayload(entry.gapFrom, entry.auditId));
          if (expected !== entry.hash) return fail({ id: entry.auditId, message: '封存记录的哈希不符：审计链被改动 / chain entry altered' });
        } else {
          const row = r < rows.length && rows[r].id === entry.auditId ? rows[r++] : undefined;
          if (!row) return fail({ id: entry.auditId, message: '这条已封存的审计记录不见了：被删除 / sealed row deleted' });
          if (this.mac(prev, canonical(row)) !== entry.hash)
            return fail({ id: row.id, message: '内容与封存时不一致：记录被修改（或审计链被改动） / row changed after sealing' });
          const backdated = datedBefore(row);
          if (backdated) return fail(backdated);
        }
        prev = entry.hash;
        lastId = entry.auditId;
        sealed += 1;
      }
      if (entries.length < BATCH) break;
    }

    // The unsealed tail: counted, and checked for back-dated rows.
    let firstId: number | null = null;
    let after = lastId;
    for (;;) {
      const rows = await auditChainRepo.rowsAfter(this.db, after, BATCH);
      for (const row of rows) {
        firstId ??= row.id;
        const backdated = datedBefore(row);
        if (backdated) return fail(backdated, { count: await auditChainRepo.countAfter(this.db, lastId), firstId });
      }
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1].id;
    }
    return { ok: true, sealed, lastSealedId: lastId, unsealed: { count: await auditChainRepo.countAfter(this.db, lastId), firstId } };
  }
}

import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { neutraliseCell, Roster, type LedgerFilter, type LedgerPage, type LedgerPageQuery, type StaffRole } from '@wbt/shared';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/client';
import type { Actor } from '../../http/actor';
import type { Clock } from '../../lib/clock';
import type { FieldCrypto } from '../../lib/fieldCrypto';
import type { Logger } from '../../logger';
import type { AuditService } from '../audit/audit.service';
import type { UsersService } from '../auth/users.service';
import type { OrgService } from '../org/org.service';
import { ROSTER_COLUMNS, type LedgerColumn } from './ledgers.columns';
import { mask } from './ledgers.mask';
import { LEDGER_FULL_ROLES, resolveScope, type ResolvedScope } from './ledgers.scope';
import { LedgerSources, type Cell, type LedgerRow } from './ledgers.sources';

// Bound once: under tsx every access to an import is a getter call, and this one runs for every cell.
const neutralise = neutraliseCell;

/** Rows read per query while streaming an export: bounded memory whatever the roster's length. */
const EXPORT_BATCH = 1000;

export interface LedgerExport {
  filename: string;
  stream: Readable;
  /** Settles once the workbook is written and the export audited (for tests and the bench). */
  done: Promise<number>;
}

/**
 * Rosters and ledgers (seed 003 §五(七)) as printable pages and streamed .xlsx workbooks: filtered by
 * node and period, personal data masked for roles that may not see it in full, formula-like cells
 * neutralised, and every view and export audited with its filter and row count.
 */
export class LedgersService {
  readonly sources: LedgerSources;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    crypto: FieldCrypto,
    private readonly org: OrgService,
    private readonly audit: AuditService,
    users: UsersService,
    private readonly logger: Logger,
  ) {
    this.sources = new LedgerSources(db, crypto, users);
  }

  scope(actor: Actor, f: LedgerFilter): Promise<ResolvedScope> {
    return resolveScope(this.org, this.clock, actor, f);
  }

  private masked(actor: Actor): boolean {
    return !LEDGER_FULL_ROLES.includes(actor.role as StaffRole);
  }

  /** The cells of a row in column order, masked and neutralised. */
  private cells(columns: LedgerColumn[], row: LedgerRow, masked: boolean): Cell[] {
    return columns.map((col) => {
      let v = row[col.key] ?? null;
      if (masked && col.sensitive && typeof v === 'string') v = mask[col.sensitive](v);
      return typeof v === 'string' ? neutralise(v) : v;
    });
  }

  async page(actor: Actor, roster: Roster, q: LedgerPageQuery): Promise<LedgerPage> {
    const s = await this.scope(actor, q);
    const masked = this.masked(actor);
    const columns = ROSTER_COLUMNS[roster];
    const batch = await this.sources.page(roster, s, q.after, q.limit);
    await this.audit.record({
      actor,
      action: 'ledger.view',
      targetType: 'org',
      targetId: s.orgId,
      orgId: s.orgId,
      result: 'ok',
      detail: { roster, from: q.from ?? null, to: q.to ?? null, after: q.after ?? null, rows: batch.rows.length, masked },
    });
    return {
      roster,
      title: Roster.label(roster),
      orgName: s.orgName,
      period: s.periodText,
      masked,
      columns: [{ key: 'seq', header: '序号', width: 6 }, ...columns.map(({ key, header, width }) => ({ key, header, width }))],
      rows: batch.rows.map((row) => {
        const cells = this.cells(columns, row, masked);
        return Object.fromEntries(columns.map((col, i) => [col.key, cells[i]]));
      }),
      next: batch.next,
    };
  }

  /**
   * Starts the export: scope and filter are checked before the first byte, then the rows stream from
   * keyset pages into ExcelJS's streaming writer. The audit row (who, roster, filter, rows) is written
   * when the workbook is complete, or as failed when it broke off.
   */
  async exportXlsx(actor: Actor, roster: Roster, f: LedgerFilter): Promise<LedgerExport> {
    const s = await this.scope(actor, f);
    const masked = this.masked(actor);
    const columns = ROSTER_COLUMNS[roster];
    const title = Roster.label(roster);
    const out = new PassThrough();
    const stamp = (f.to ?? f.from ?? s.now.toISOString().slice(0, 10)).replace(/-/g, '');
    const filename = `${s.orgName}${title}_${stamp}.xlsx`;
    const detail = { roster, from: f.from ?? null, to: f.to ?? null, masked };

    const done = (async () => {
      let count = 0;
      try {
        // The writer ends its own stream; the response ends only after the audit row is written, so a
        // finished download is always an audited one.
        const inner = new PassThrough();
        inner.pipe(out, { end: false });
        const drained = once(inner, 'end');
        const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: inner, useSharedStrings: false, useStyles: false, zip: { zlib: { level: 1 } } });
        wb.creator = '未保通';
        wb.created = s.now;
        const ws = wb.addWorksheet(title, { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
        ws.columns = [{ width: 6 }, ...columns.map((c) => ({ width: c.width }))];
        const all = columns.length + 1;
        // Merges are declared before the rows they cover are committed (the writer cannot go back),
        // so the title rows are addressed by number rather than appended.
        ws.mergeCells(1, 1, 1, all);
        ws.mergeCells(2, 1, 2, all);
        // No cell styles: the writer's per-cell style work was an eighth of the export's CPU at 100,000 rows.
        const head = ws.getRow(1);
        head.values = [`${s.orgName}${title}`];
        head.commit();
        const sub = ws.getRow(2);
        sub.values = [`统计范围：${s.orgName}  期间：${s.periodText}  导出：${actor.name}${masked ? '  （敏感信息已脱敏）' : ''}`];
        sub.commit();
        const header = ws.getRow(3);
        header.values = ['序号', ...columns.map((c) => c.header)];
        header.commit();
        // The next page is read while this one is written, so the database and the writer overlap.
        let pending = this.sources.page(roster, s, undefined, EXPORT_BATCH);
        for (;;) {
          const batch = await pending;
          if (batch.next) pending = this.sources.page(roster, s, batch.next, EXPORT_BATCH);
          for (const row of batch.rows) ws.addRow([++count, ...this.cells(columns, row, masked)]).commit();
          if (!batch.next) break;
        }
        ws.commit();
        await wb.commit();
        await drained;
        await this.audit.record({ actor, action: 'ledger.export', targetType: 'org', targetId: s.orgId, orgId: s.orgId, result: 'ok', detail: { ...detail, rows: count } });
        out.end();
        return count;
      } catch (err) {
        this.logger.error({ err: (err as Error).message, roster }, 'ledger export failed');
        out.destroy(err as Error);
        await this.audit.record({ actor, action: 'ledger.export', targetType: 'org', targetId: s.orgId, orgId: s.orgId, result: 'failed', detail: { ...detail, rows: count } }).catch(() => undefined);
        return count;
      }
    })();
    return { filename, stream: out, done };
  }
}

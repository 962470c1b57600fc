/**
 * The audit log's hash chain: the sealer chains committed rows in id order; `audit:verify` finds
 * the first row changed, deleted or slipped in by someone with root access to the database.
 */
import mysql from 'mysql2/promise';
import { ManualClock } from '../../server/src/lib/clock';
import { startTestServer, type TestServer } from './harness';
import { runScript } from './serverProcess';

let t: TestServer;
let clock: ManualClock;
let root: mysql.Connection;
beforeAll(async () => {
  clock = new ManualClock(new Date('2026-11-02T02:00:00Z'));
  t = await startTestServer({ clock });
  root = await mysql.createConnection({ uri: t.adminUrl, timezone: 'Z' });
  await t.login('dudao');
  await t.login('zhanzhang');
});
afterAll(async () => {
  await root.end();
  await t.close();
});

const chain = () => t.runtime.services.auditChain;
const audit = (action: string) => t.runtime.services.audit.record({ actor: null, action, result: 'ok', detail: { n: 1 } });

/** What root can do: drop the append-only triggers, tamper, put them back. */
async function asRootWithoutTriggers(fn: () => Promise<unknown>): Promise<void> {
  await root.query('DROP TRIGGER audit_log_no_update');
  await root.query('DROP TRIGGER audit_log_no_delete');
  try {
    await fn();
  } finally {
    await root.query("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only'");
    await root.query("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only'");
  }
}

async function sealedRow(): Promise<Record<string, unknown>> {
  const [rows] = (await root.query("SELECT * FROM audit_log WHERE action = 'auth.login' ORDER BY id LIMIT 1")) as unknown as [Record<string, unknown>[]];
  return rows[0];
}

const verifyCli = () => runScript('server/src/cli/audit-verify.ts', [], t.env);

describe('audit hash chain', () => {
  it('seals every committed row and verifies intact; rows written since are the unsealed tail', async () => {
    expect(await chain().seal()).toBeGreaterThan(10);
    const report = await chain().verify();
    expect(report).toMatchObject({ ok: true, unsealed: { count: 0, firstId: null } });
    expect(report.sealed).toBeGreaterThan(10);
    await audit('test.after_seal');
    const later = await chain().verify();
    expect(later.ok).toBe(true);
    expect(later.unsealed).toEqual({ count: 1, firstId: later.lastSealedId + 1 });
    await chain().seal();
    expect((await chain().verify()).unsealed.count).toBe(0);
  });

  it('finds a row edited as root (triggers dropped), by id; the CLI exits non-zero naming it', async () => {
    await chain().seal();
    const row = await sealedRow();
    await asRootWithoutTriggers(() => root.query("UPDATE audit_log SET result = 'failed' WHERE id = ?", [row.id]));
    try {
      const report = await chain().verify();
      expect(report.ok).toBe(false);
      expect(report.problem).toEqual({ id: row.id, message: expect.stringMatching(/被修改/) });
      const cli = await verifyCli();
      expect(cli.code).toBe(1);
      expect(cli.out).toContain(`第 ${row.id} 条`);
      expect(cli.out).not.toMatch(/\n\s+at /);
    } finally {
      await asRootWithoutTriggers(() => root.query('UPDATE audit_log SET result = ? WHERE id = ?', [row.result, row.id]));
    }
    expect((await chain().verify()).ok).toBe(true);
    expect((await verifyCli()).code).toBe(0);
  }, 60_000);

  it('finds a deleted row', async () => {
    const row = await sealedRow();
    await asRootWithoutTriggers(() => root.query('DELETE FROM audit_log WHERE id = ?', [row.id]));
    try {
      const report = await chain().verify();
      expect(report.problem).toEqual({ id: row.id, message: expect.stringMatching(/被删除/) });
    } finally {
      await root.query('INSERT INTO audit_log SET ?', [row]);
    }
    expect((await chain().verify()).ok).toBe(true);
  });

  it('finds a forged back-dated insert, before and after it is sealed', async () => {
    await chain().seal();
    const [res] = (await root.query(
      "INSERT INTO audit_log (at, actor_user_id, actor_role, action, target_type, target_id, result) VALUES ('2026-01-05 09:00:00.000', 1, 'county_admin', 'report.view', 'report', '1', 'ok')",
    )) as unknown as [{ insertId: number }];
    const unsealed = await chain().verify();
    expect(unsealed.problem).toEqual({ id: res.insertId, message: expect.stringMatching(/倒签/) });
    await chain().seal();
    const sealed = await chain().verify();
    expect(sealed.lastSealedId).toBe(res.insertId - 1); // the check stops at the forged row
    expect(sealed.problem).toEqual({ id: res.insertId, message: expect.stringMatching(/倒签/) });
  });
});

describe('audit chain with concurrent and rolled-back transactions', () => {
  let u: TestServer;
  let uClock: ManualClock;
  let uRoot: mysql.Connection;
  beforeAll(async () => {
    uClock = new ManualClock(new Date('2026-11-02T02:00:00Z'));
    u = await startTestServer({ clock: uClock });
    uRoot = await mysql.createConnection({ uri: u.adminUrl, timezone: 'Z' });
  });
  afterAll(async () => {
    await uRoot.end();
    await u.close();
  });
  const uChain = () => u.runtime.services.auditChain;
  const uAudit = (action: string, db?: Parameters<TestServer['runtime']['services']['audit']['record']>[1]) =>
    u.runtime.services.audit.record({ actor: null, action, result: 'ok' }, db);

  it('waits for an open transaction instead of sealing past it, then seals both rows', async () => {
    await uChain().seal();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const wasInserted = new Promise<void>((resolve) => (inserted = resolve));
    const open = u.runtime.deps.db.transaction(async (tx) => {
      await uAudit('test.slow_transaction', tx);
      inserted();
      await held;
    });
    await wasInserted;
    await uAudit('test.after_slow_one');
    const before = (await uChain().verify()).lastSealedId;
    await uChain().seal();
    expect((await uChain().verify()).lastSealedId).toBe(before); // blocked behind the open id
    release();
    await open;
    await uChain().seal();
    const report = await uChain().verify();
    expect(report).toMatchObject({ ok: true, unsealed: { count: 0 } });
    expect(report.lastSealedId).toBeGreaterThan(before + 1);
  });

  it('seals a rolled-back id as a gap after the grace period, and finds a row slipped into it later', async () => {
    await expect(
      u.runtime.deps.db.transaction(async (tx) => {
        await uAudit('test.rolled_back', tx);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await uAudit('test.after_rollback');
    await uChain().seal();
    const waiting = await uChain().verify();
    expect(waiting.ok).toBe(true);
    expect(waiting.unsealed.count).toBe(1);
    const gapId = waiting.lastSealedId + 1;
    expect(waiting.unsealed.firstId).toBe(gapId + 1);

    uClock.advance(3 * 60_000);
    await uChain().seal();
    expect(await uChain().verify()).toMatchObject({ ok: true, lastSealedId: gapId + 1, unsealed: { count: 0 } });
    const [gap] = (await uRoot.query('SELECT audit_id, gap_from FROM audit_chain WHERE gap_from IS NOT NULL')) as unknown as [{ audit_id: number; gap_from: number }[]];
    expect(gap).toEqual([{ audit_id: gapId, gap_from: gapId }]);

    await uRoot.query("INSERT INTO audit_log (id, at, action, result) VALUES (?, '2026-11-02 02:00:00.500', 'report.view', 'ok')", [gapId]);
    const report = await uChain().verify();
    expect(report.problem).toEqual({ id: gapId, message: expect.stringMatching(/已封存为空/) });
  });

  it('finds a chain entry removed by root', async () => {
    const [[entry]] = (await uRoot.query('SELECT * FROM audit_chain WHERE gap_from IS NULL ORDER BY audit_id LIMIT 1 OFFSET 3')) as unknown as [[{ audit_id: number }]];
    await uRoot.query('DROP TRIGGER audit_chain_no_delete');
    try {
      await uRoot.query('DELETE FROM audit_chain WHERE audit_id = ?', [entry.audit_id]);
    } finally {
      await uRoot.query("CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_chain is append-only'");
    }
    expect((await uChain().verify()).problem).toEqual({ id: entry.audit_id, message: expect.stringMatching(/缺少/) });
  });

  it('keeps the chain insert-only for the app user and for root', async () => {
    await expect(u.runtime.database.pool.query('DELETE FROM audit_chain')).rejects.toThrow(/denied/);
    await expect(u.runtime.database.pool.query("UPDATE audit_chain SET hash = ''")).rejects.toThrow(/denied/);
    await expect(uRoot.query("UPDATE audit_chain SET hash = ''")).rejects.toThrow(/append-only/);
  });
});

/**
 * Walks the audit log's hash chain and reports the first broken link (exit status 1), or that it
 * is intact, with the rows not sealed yet.
 *
 *   npm run audit:verify              read-only check
 *   npm run audit:verify -- --seal    seal what can be sealed first, then check
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { connect } from '../db/client';
import { systemClock } from '../lib/clock';
import { AuditChainService } from '../modules/audit/auditChain.service';
import { runCli } from './prompt';

runCli(async () => {
  const { values } = parseArgs({ options: { seal: { type: 'boolean' }, json: { type: 'boolean' } } });
  const config = loadConfig();
  const database = connect(config.databaseUrl, 2);
  try {
    const chain = new AuditChainService(database.db, systemClock, config.indexKey);
    if (values.seal) await chain.seal();
    const report = await chain.verify();
    if (values.json) console.log(JSON.stringify(report));
    const tail = report.unsealed.count ? `；尚未封存 ${report.unsealed.count} 条（自第 ${report.unsealed.firstId} 条起）` : '';
    if (report.ok) {
      console.log(`审计链完好：已核对 ${report.sealed} 个封存记录（至第 ${report.lastSealedId} 条）${tail} / audit chain intact`);
      return 0;
    }
    console.error(`审计链断裂：第 ${report.problem!.id} 条 — ${report.problem!.message}（此前 ${report.sealed} 个封存记录完好${tail}）`);
    return 1;
  } finally {
    await database.close();
  }
});

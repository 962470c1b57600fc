/** Runs every bench/*.bench.ts in turn (each prints its own numbers). Usage: npm run bench [-- name-filter] */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const filter = process.argv[2] ?? '';
const files = readdirSync(__dirname).filter((f) => f.endsWith('.bench.ts') && f.includes(filter));
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, file)], { stdio: 'inherit' });
}
if (files.length === 0) console.log('no benchmark matched');

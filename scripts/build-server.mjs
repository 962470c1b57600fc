/**
 * Compiles the server for production: one CommonJS bundle per entry point in server/dist (our code
 * and @wbt/shared inlined; every npm dependency, including sharp and heic-decode with their native
 * and wasm parts, stays in node_modules), plus the SQL migrations. Run with plain `node`.
 */
import { build } from 'esbuild';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const deps = (dir) => Object.keys(JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8')).dependencies ?? {});
const external = [...new Set([...deps('server'), ...deps('shared')])].filter((name) => name !== '@wbt/shared');
const out = path.join(root, 'server/dist');

rmSync(out, { recursive: true, force: true });
// Flat output: config.ts and db/client.ts find the repository root and migrations from __dirname.
await build({
  entryPoints: {
    main: 'server/src/main.ts',
    'admin-create': 'server/src/cli/admin-create.ts',
    'db-grants': 'server/src/cli/db-grants.ts',
    'db-migrate': 'server/src/cli/db-migrate.ts',
    'audit-verify': 'server/src/cli/audit-verify.ts',
  },
  absWorkingDir: root,
  outdir: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external,
  logLevel: 'warning',
});
cpSync(path.join(root, 'server/src/db/migrations'), path.join(out, 'migrations'), { recursive: true });
console.log(`server built into ${path.relative(process.cwd(), out) || out} (node server/dist/main.js)`);

#!/usr/bin/env node
// Check the weapp build without WeChat DevTools: every page's files exist, and the main package and
// the whole app stay under their size limits (WeChat allows 2 MB main; we hold ourselves to 1 MB).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN_LIMIT = 1024 * 1024;
const TOTAL_LIMIT = 20 * 1024 * 1024;
const PAGE_FILES = ['.js', '.json', '.wxml'];

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(process.argv[2] ?? path.join(here, '../dist/weapp'));
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

function fail(message) {
  console.error(`check-weapp-size: ${message}`);
  process.exitCode = 1;
}

function listFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

const appJsonPath = path.join(dist, 'app.json');
if (!existsSync(appJsonPath)) {
  fail(`${appJsonPath} not found — run \`taro build --type weapp\` first`);
  process.exit();
}
const app = JSON.parse(readFileSync(appJsonPath, 'utf8'));
const subPackages = app.subPackages ?? app.subpackages ?? [];
const roots = subPackages.map((p) => p.root.replace(/^\/+|\/+$/g, '') + '/');

const pages = [
  ...(app.pages ?? []),
  ...subPackages.flatMap((p) => (p.pages ?? []).map((page) => `${p.root.replace(/\/+$/, '')}/${page}`)),
];
let missing = 0;
for (const page of pages) {
  for (const ext of PAGE_FILES) {
    if (!existsSync(path.join(dist, page + ext))) {
      fail(`page file missing: ${page}${ext}`);
      missing++;
    }
  }
}

const sizes = { main: 0, ...Object.fromEntries(roots.map((r) => [r, 0])) };
for (const file of listFiles(dist)) {
  const rel = path.relative(dist, file).split(path.sep).join('/');
  if (rel.endsWith('.map')) continue; // source maps are not uploaded
  const root = roots.find((r) => rel.startsWith(r));
  sizes[root ?? 'main'] += statSync(file).size;
}
const total = Object.values(sizes).reduce((a, b) => a + b, 0);

console.log(`weapp ${pages.length} pages, ${pages.length * PAGE_FILES.length - missing} page files present`);
console.log(`weapp main package: ${kib(sizes.main)} (limit ${kib(MAIN_LIMIT)})`);
for (const root of roots) console.log(`weapp subpackage ${root}: ${kib(sizes[root])}`);
console.log(`weapp total: ${kib(total)} (limit ${kib(TOTAL_LIMIT)})`);

if (sizes.main > MAIN_LIMIT) fail(`main package ${kib(sizes.main)} exceeds ${kib(MAIN_LIMIT)}`);
if (total > TOTAL_LIMIT) fail(`total ${kib(total)} exceeds ${kib(TOTAL_LIMIT)}`);

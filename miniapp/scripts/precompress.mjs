/**
 * Writes a brotli (.br) and a gzip (.gz) sibling next to every compressible file of a build, so
 * the server sends them as they are (no compression work per request). Usage: node precompress.mjs <dir>
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const COMPRESSIBLE = /\.(js|mjs|css|html|json|svg|txt|xml|ttf|otf|eot|ico|wasm|map)$/i;
const MIN_BYTES = 512;

const dir = path.resolve(process.argv[2] ?? 'dist/h5');
let files = 0;
let before = 0;
let afterBr = 0;
let afterGz = 0;

function walk(d) {
  for (const name of readdirSync(d)) {
    const file = path.join(d, name);
    const stat = statSync(file);
    if (stat.isDirectory()) walk(file);
    else if (COMPRESSIBLE.test(name) && !name.endsWith('.map') && stat.size >= MIN_BYTES) compress(file);
  }
}

function compress(file) {
  const data = readFileSync(file);
  const br = zlib.brotliCompressSync(data, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  });
  const gz = zlib.gzipSync(data, { level: 9 });
  // Only when it pays: a sibling no smaller than the file is never served.
  if (br.length < data.length * 0.95) writeFileSync(file + '.br', br);
  if (gz.length < data.length * 0.95) writeFileSync(file + '.gz', gz);
  files += 1;
  before += data.length;
  afterBr += Math.min(br.length, data.length);
  afterGz += Math.min(gz.length, data.length);
}

walk(dir);
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
console.log(`precompressed ${files} files in ${path.relative(process.cwd(), dir) || dir}: ${kb(before)} → brotli ${kb(afterBr)}, gzip ${kb(afterGz)}`);

import type Koa from 'koa';
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs, type Stats } from 'node:fs';
import path from 'node:path';

/** Build output whose name carries a content hash (`app.3f9c1a2b.js`): never changes, cache for a year. */
const HASHED = /[.-][0-9a-f]{8,}\.[a-z0-9]+$/i;
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html, unhashed files): may be cached, but revalidated every time (304). */
const REVALIDATE = 'no-cache';

/** Precompressed siblings written at build time, best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;
type Encoding = (typeof ENCODINGS)[number]['name'];

interface Entry {
  mtimeMs: number;
  size: number;
  /** Content hash of the identity file; each encoding's ETag adds a suffix. */
  tag: string;
  variants: Partial<Record<Encoding, { file: string; size: number }>>;
}

/** Encodings the client accepts with q > 0 (Accept-Encoding, RFC 9110 §12.5.3). */
function accepted(header: string | undefined): Set<string> {
  const out = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && (!q || Number(q.slice(2)) > 0)) out.add(name === 'x-gzip' ? 'gzip' : name);
  }
  return out;
}

/** If-None-Match against this file's ETag, whichever encoding the client cached. */
function matchesTag(header: string, tag: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '').replace(/^"|"$/g, '').replace(/-(br|gz)$/, '') === tag);
}

/**
 * Serves the H5 build: precompressed `.br` / `.gz` siblings when the client accepts them, hashed
 * assets cached as immutable, index.html and other unhashed files revalidated with ETag and
 * Last-Modified (304 Not Modified).
 */
export function staticFiles(root: string): Koa.Middleware {
  const base = path.resolve(root);
  const cache = new Map<string, Entry>();

  async function entryFor(file: string, stat: Stats): Promise<Entry> {
    const known = cache.get(file);
    if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known;
    const tag = createHash('sha256')
      .update(await fs.readFile(file))
      .digest('base64url')
      .slice(0, 27);
    const variants: Entry['variants'] = {};
    for (const e of ENCODINGS) {
      const sibling = await fs.stat(file + e.suffix).catch(() => null);
      // A sibling older than the file belongs to an earlier build.
      if (sibling?.isFile() && sibling.mtimeMs >= stat.mtimeMs) variants[e.name] = { file: file + e.suffix, size: sibling.size };
    }
    const entry = { mtimeMs: stat.mtimeMs, size: stat.size, tag, variants };
    cache.set(file, entry);
    return entry;
  }

  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.path.startsWith('/api/')) return next();
    let rel: string;
    try {
      rel = decodeURIComponent(ctx.path);
    } catch {
      return next();
    }
    if (rel.includes('\0') || /\.(br|gz)$/.test(rel)) return next();
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(base, '.' + rel);
    if (!file.startsWith(base + path.sep)) return next();
    const stat = await fs.stat(file).catch(() => null);
    if (!stat?.isFile()) return next();
    const entry = await entryFor(file, stat);

    const accepts = accepted(ctx.get('accept-encoding'));
    const encoding = ENCODINGS.find((e) => entry.variants[e.name] && accepts.has(e.name))?.name;
    const hasVariants = Object.keys(entry.variants).length > 0;
    ctx.type = path.extname(file);
    ctx.set('Cache-Control', HASHED.test(file) ? IMMUTABLE : REVALIDATE);
    ctx.set('Last-Modified', new Date(stat.mtimeMs).toUTCString());
    ctx.set('ETag', `"${entry.tag}${encoding === 'br' ? '-br' : encoding === 'gzip' ? '-gz' : ''}"`);
    if (hasVariants) ctx.vary('Accept-Encoding');

    const inm = ctx.get('if-none-match');
    const ims = ctx.get('if-modified-since');
    const notModified = inm ? matchesTag(inm, entry.tag) : !!ims && Math.floor(stat.mtimeMs / 1000) <= Math.floor(Date.parse(ims) / 1000);
    if (notModified) {
      ctx.status = 304;
      return;
    }
    const variant = encoding ? entry.variants[encoding]! : { file, size: stat.size };
    if (encoding) ctx.set('Content-Encoding', encoding);
    ctx.status = 200;
    ctx.body = createReadStream(variant.file); // (Koa sends no body for HEAD and destroys the stream)
    ctx.length = variant.size;
  };
}

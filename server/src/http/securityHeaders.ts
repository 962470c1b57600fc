import type Koa from 'koa';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Hashes of the inline scripts of the H5 index.html (Taro's template inlines the small script that
 * sets the root font size before the bundles load), so the policy allows exactly those.
 */
export function inlineScriptHashes(h5Dir: string): string[] {
  const index = path.join(h5Dir, 'index.html');
  if (!existsSync(index)) return [];
  const html = readFileSync(index, 'utf8');
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc\s*=/i.test(m[1] ?? '')) continue;
    hashes.push(`'sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/**
 * The H5 build's policy: its scripts and styles are files from this origin (plus the hashed inline
 * script); photos picked in the browser are shown from blob: URLs and read back before upload;
 * NutUI icons are data: URLs. Taro's H5 runtime and NutUI set style attributes on elements, hence
 * 'unsafe-inline' for styles only (never for scripts).
 */
export const h5Csp = (scriptHashes: string[] = []): string => [
  "default-src 'self'",
  ["script-src 'self'", ...scriptHashes].join(' '),
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' blob:",
  "media-src 'self' blob:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** API answers are data, never a page: nothing may load from them and nothing may frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const COMMON: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/**
 * Outermost middleware: every response (API, H5 files, errors, 404s) carries these, set before
 * anything else runs so no later failure can drop them.
 */
export function securityHeaders(h5Dir: string): Koa.Middleware {
  const H5_CSP = h5Csp(inlineScriptHashes(h5Dir));
  return async (ctx, next) => {
    ctx.set(COMMON);
    const api = ctx.path === '/api' || ctx.path.startsWith('/api/');
    ctx.set('Content-Security-Policy', api ? API_CSP : H5_CSP);
    if (ctx.protocol === 'https') ctx.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    ctx.remove('X-Powered-By');
    await next();
    // API answers hold personal data: no cache keeps them unless a route says otherwise.
    if (api && !ctx.response.get('Cache-Control')) ctx.set('Cache-Control', 'no-store');
  };
}

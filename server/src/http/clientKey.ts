import { isIPv4, isIPv6 } from 'node:net';
import type Koa from 'koa';

/**
 * The client's address as the outermost trusted proxy saw it. Each of the `trustedHops` proxies
 * appends the address it received from to X-Forwarded-For, so the client is the entry `trustedHops`
 * from the right; entries further left were written by the client and are ignored. With fewer
 * entries than hops (a request that bypassed a proxy) the socket address is used.
 */
export function clientAddress(forwardedFor: string | undefined, socketAddress: string | undefined, trustedHops: number): string {
  if (trustedHops > 0 && forwardedFor) {
    const hops = forwardedFor.split(',').map((s) => s.trim()).filter(Boolean);
    if (hops.length >= trustedHops) return hops[hops.length - trustedHops];
  }
  return socketAddress ?? '';
}

/** 8 hextets of an IPv6 address (with `::` and an embedded IPv4 tail expanded), or null. */
function hextets(addr: string): number[] | null {
  const bare = addr.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!isIPv6(bare)) return null;
  let text = bare;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1].split('.').map(Number);
    text = text.slice(0, -v4[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const parse = (s: string | undefined) => (s ? s.split(':').map((h) => parseInt(h, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  const fill = tail === undefined ? [] : Array<number>(8 - left.length - right.length).fill(0);
  return [...left, ...fill, ...right];
}

/**
 * The rate-limit key of an address: IPv4 as is (also when written IPv4-mapped, ::ffff:a.b.c.d);
 * IPv6 by its /64, because one subscriber usually holds a whole /64 and could otherwise take a
 * fresh address per request.
 */
export function addressKey(address: string): string {
  const bare = address.trim();
  if (isIPv4(bare)) return bare;
  const h = hextets(bare);
  if (!h) return bare;
  if (h.slice(0, 5).every((x) => x === 0) && h[5] === 0xffff) return `${h[6] >> 8}.${h[6] & 255}.${h[7] >> 8}.${h[7] & 255}`;
  return `${h.slice(0, 4).map((x) => x.toString(16)).join(':')}::/64`;
}

/**
 * The one client key every rate limiter uses (see clientAddress and addressKey). The trusted hop
 * count is the app's own proxy setting (buildApp: `proxy` on with `maxIpsCount` = TRUST_PROXY).
 */
export function clientKey(ctx: Koa.Context): string {
  const hops = ctx.app.proxy ? ctx.app.maxIpsCount : 0;
  return addressKey(clientAddress(ctx.get('x-forwarded-for') || undefined, ctx.socket.remoteAddress, hops));
}

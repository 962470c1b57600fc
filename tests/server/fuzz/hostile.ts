/**
 * fast-check arbitraries of hostile HTTP requests, shaped by an OpenAPI operation: hostile path
 * parameters, query strings, headers (types, encodings, length mismatches) and bodies (wrong types,
 * prototype-pollution keys, deep nesting, huge and unicode values, numbers as strings).
 */
import fc from 'fast-check';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  minimum?: number;
  maximum?: number;
};

export interface Operation {
  method: string;
  path: string;
  parameters?: { name: string; in: 'path' | 'query'; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

export interface HostileRequest {
  method: string;
  target: string;
  headers: Record<string, string>;
  body: Buffer;
  /** Declared Content-Length minus the bytes sent (0: they match). */
  lengthSkew: number;
  auth: 'anonymous' | 'staff' | 'guardian';
}

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '../../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '%ZZ',
  '%',
  '${7*7}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '"; DROP TABLE reports; --',
  '\uD800',
  '\uFEFF',
  '\u202Ereversed',
  '😀'.repeat(40),
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1.5',
  '1e309',
  '9007199254740993',
  '-9223372036854775809',
  '0x10',
  '__proto__',
  'constructor',
  'prototype',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '2026-02-30T25:61:00Z',
  '00000000-0000-4000-8000-000000000000',
  'x'.repeat(5000),
];

export const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: 100_000 }).map(String) },
);

const hostileNumber = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -1, 1, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, Number.MIN_VALUE, 0.5),
  fc.double({ noNaN: true }),
);

const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
const key = fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...POLLUTION_KEYS) }, { weight: 3, arbitrary: fc.string({ maxLength: 12 }) });

const { value: hostileValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
}));
export { hostileValue };

/** A value that follows the schema's shape (so validation passes a layer deeper), or a hostile one. */
export function fromSchema(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return hostileValue;
  const variants: fc.Arbitrary<unknown>[] = [];
  if (schema.enum?.length) variants.push(fc.constantFrom(...schema.enum));
  if (schema.const !== undefined) variants.push(fc.constant(schema.const));
  for (const s of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) variants.push(fromSchema(s, depth + 1));
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  for (const type of types) {
    if (type === 'string') variants.push(schema.format === 'date-time' ? fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) : hostileString);
    if (type === 'integer') variants.push(fc.oneof(fc.integer({ min: -3, max: 3000 }), fc.integer({ min: -3, max: 3000 }).map(String)));
    if (type === 'number') variants.push(fc.oneof(hostileNumber, hostileNumber.map(String)));
    if (type === 'boolean') variants.push(fc.oneof(fc.boolean(), fc.constantFrom('true', 'false', 1, 0)));
    if (type === 'null') variants.push(fc.constant(null));
    if (type === 'array') variants.push(fc.array(fromSchema(schema.items, depth + 1), { maxLength: 5 }));
    if (type === 'object' && schema.properties) {
      const props = Object.entries(schema.properties);
      const shaped = fc.record(Object.fromEntries(props.map(([k, s]) => [k, fromSchema(s, depth + 1)])), { requiredKeys: [] });
      // Extra keys: prototype pollution attempts and unknown fields.
      variants.push(fc.tuple(shaped, fc.dictionary(key, hostileValue, { maxKeys: 2 })).map(([a, b]) => ({ ...b, ...a })));
    }
  }
  variants.push(hostileValue);
  return fc.oneof(...variants);
}

/** JSON text nested `depth` levels deep: `[[[[…]]]]` or `{"a":{"a":…}}`. */
function deepJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

const POLLUTION_BODIES = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"a":{"__proto__":{"polluted":"yes"}},"__proto__":[1]}',
];

function bodyArbitrary(op: Operation): fc.Arbitrary<Buffer> {
  const schema = op.requestBody?.content['application/json']?.schema;
  return fc.oneof(
    { weight: 6, arbitrary: fromSchema(schema).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')) },
    { weight: 2, arbitrary: hostileValue.map((v) => Buffer.from(JSON.stringify(v) ?? 'null')) },
    { weight: 1, arbitrary: fc.constantFrom(...POLLUTION_BODIES).map((s) => Buffer.from(s)) },
    { weight: 1, arbitrary: fc.constantFrom('', '{', '{"a":', 'null', '"', '[1,2', '\u0000', 'undefined', "{'a':1}").map((s) => Buffer.from(s)) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1000, max: 20000 }), fc.constantFrom('array' as const, 'object' as const)).map(([d, k]) => Buffer.from(deepJson(d, k))) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)) },
    { weight: 1, arbitrary: fc.constant(null).map(() => Buffer.from(JSON.stringify({ text: 'x'.repeat(1_100_000) }))) },
  );
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=klingon',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'multipart/form-data',
  'application/xml',
  'image/jpeg',
  '',
  ';;;',
];

const ENCODINGS: { name: string | null; apply(b: Buffer): Buffer }[] = [
  { name: null, apply: (b) => b },
  { name: 'gzip', apply: (b) => b },
  { name: 'gzip', apply: (b) => gzipSync(b) },
  { name: 'deflate', apply: (b) => b },
  { name: 'deflate', apply: (b) => deflateSync(b) },
  { name: 'br', apply: (b) => b },
  { name: 'br', apply: (b) => brotliCompressSync(b) },
  { name: 'compress', apply: (b) => b },
  { name: 'gzip, br', apply: (b) => b },
  { name: 'identity', apply: (b) => b },
  { name: '\u00ff', apply: (b) => b },
];

/** Percent-encodes every byte but the unreserved ones (works on lone surrogates too). */
function pct(s: string): string {
  return [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

const OTHER_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE'];

function pathValue(schema: JsonSchema | undefined): fc.Arbitrary<string> {
  const valid = schema?.type === 'integer' || schema?.type === 'number' ? fc.integer({ min: 1, max: 50 }).map(String) : fc.constant('00000000-0000-4000-8000-000000000000');
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 2, arbitrary: hostileString.map(pct) },
    // Raw, not encoded: invalid percent-escapes, dots and slashes reach the router as they are.
    { weight: 1, arbitrary: fc.constantFrom('%ZZ', '%', '..', '%2e%2e', '%00', '-1', '1.5', '1e3', '0x1', ' 1', '99999999999999999999') },
  );
}

function queryString(op: Operation): fc.Arbitrary<string> {
  const names = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  const pair = fc.tuple(fc.oneof(fc.constantFrom(...names, '__proto__', 'constructor', 'a[b]', 'limit'), fc.string({ maxLength: 6 })), hostileString);
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant('') },
    { weight: 4, arbitrary: fc.array(pair, { maxLength: 4 }).map((ps) => (ps.length ? '?' + ps.map(([k, v]) => `${pct(k)}=${pct(v)}`).join('&') : '')) },
    { weight: 1, arbitrary: fc.constantFrom('?%ZZ=1', '?a=%', '?limit=1&limit=2', '?limit[]=1', '?cursor=' + 'A'.repeat(3000), '?&&&=&', '?a=' + '%F0%9F'.repeat(10)) },
  );
}

/** One hostile request aimed at an operation. */
export function hostileRequest(op: Operation): fc.Arbitrary<HostileRequest> {
  const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
  const target = fc
    .tuple(fc.tuple(...pathParams.map((p) => pathValue(p.schema))), queryString(op))
    .map(([values, qs]) => {
      let i = 0;
      return op.path.replace(/\{(\w+)\}/g, () => values[i++]) + qs;
    });
  return fc
    .record({
      method: fc.oneof({ weight: 9, arbitrary: fc.constant(op.method.toUpperCase()) }, { weight: 1, arbitrary: fc.constantFrom(...OTHER_METHODS) }),
      target,
      contentType: fc.oneof({ weight: 6, arbitrary: fc.constant('application/json') }, { weight: 3, arbitrary: fc.constantFrom(...CONTENT_TYPES) }),
      encoding: fc.oneof({ weight: 6, arbitrary: fc.constant(ENCODINGS[0]) }, { weight: 3, arbitrary: fc.constantFrom(...ENCODINGS) }),
      body: bodyArbitrary(op),
      lengthSkew: fc.oneof({ weight: 12, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(-5, -1, 3, 100) }),
      auth: fc.constantFrom('anonymous' as const, 'staff' as const, 'guardian' as const),
      extraHeaders: fc.dictionary(
        fc.constantFrom('accept', 'accept-language', 'x-receipt-token', 'idempotency-key', 'authorization', 'x-forwarded-for', 'range', 'if-none-match', 'expect'),
        // Header values must stay printable ASCII on the wire (Node refuses to parse others at all).
        hostileString.map((s) => [...s].filter((c) => c >= ' ' && c <= '~').join('')),
        { maxKeys: 2 },
      ),
    })
    .map((r) => {
      const headers: Record<string, string> = { ...r.extraHeaders };
      if (r.contentType) headers['content-type'] = r.contentType;
      if (r.encoding.name) headers['content-encoding'] = r.encoding.name.replace(/[^\x20-\x7e]/g, 'x');
      const sendBody = r.method !== 'GET' && r.method !== 'HEAD';
      return { method: r.method, target: r.target, headers, body: sendBody ? r.encoding.apply(r.body) : Buffer.alloc(0), lengthSkew: sendBody ? r.lengthSkew : 0, auth: r.auth };
    });
}

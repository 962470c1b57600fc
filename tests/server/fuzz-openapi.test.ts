/**
 * Fuzz every route of /api/openapi.json with hostile requests (fast-check, fixed seed): bodies,
 * queries, path parameters, headers (types, encodings, length mismatches) and methods, anonymous,
 * as a signed-in supervisor and as a signed-in member of the public. Never a 5xx, never a stack
 * trace or internal path, always the one error shape for errors; the server answers afterwards and
 * Object.prototype is untouched. Routes come from the document, so a new route is fuzzed too.
 */
import fc from 'fast-check';
import { guardianToken } from './consultationsFixtures';
import { hostileRequest, type HostileRequest, type Operation } from './fuzz/hostile';
import { sendRaw, type RawResponse } from './fuzz/rawHttp';
import { startTestServer, type TestServer } from './harness';

const SEED = 20261201;
/** Requests per route: about 2,350 in all, bounded to run in well under a minute on 2 cores. */
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 25);

let t: TestServer;
let tokens: Record<HostileRequest['auth'], string | null>;
let ops: Operation[] = [];

beforeAll(async () => {
  t = await startTestServer();
  tokens = { anonymous: null, staff: await t.login('dudao'), guardian: await guardianToken(t) };
  const doc = (await t.request('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>> };
  ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ ...op, method, path })));
}, 120_000);
afterAll(() => t.close());

const INTERNALS = /\n\s+at |\bat [\w.<>]+ \(|\.(ts|js|mjs):\d+|node_modules|\/work\/|\/home\/|\/tmp\/|\/src\/|(Type|Range|Syntax|Reference)Error\b/;

/** Why a response is wrong, or null when it is fine. */
function verdict(req: HostileRequest, res: RawResponse | null): string | null {
  if (!res) return (req.lengthSkew ?? 0) > 0 ? null : 'no answer';
  // 501 is the answer to a method no route has (TRACE), in the error shape like any other.
  const notImplemented = res.status === 501 && req.method === 'TRACE';
  if (!(res.status >= 100 && res.status < 500) && !notImplemented) return `status ${res.status}`;
  if (INTERNALS.test(res.body)) return `internals in the body: ${res.body.slice(0, 200)}`;
  if (res.status >= 400 && req.method !== 'HEAD') {
    if (!/^application\/json/.test(res.headers['content-type'] ?? '')) return `${res.status} as ${res.headers['content-type']}`;
    let body: { error?: { code?: unknown; message?: unknown } };
    try {
      body = JSON.parse(res.body);
    } catch {
      return `${res.status} body is not JSON`;
    }
    if (typeof body.error?.code !== 'string' || typeof body.error?.message !== 'string') return `${res.status} not in the error shape: ${res.body.slice(0, 200)}`;
  }
  return null;
}

describe('fuzzing every route of the OpenAPI document', () => {
  it('never answers 5xx, never leaks internals, always the one error shape; the server lives on', async () => {
    expect(ops.length).toBeGreaterThan(50);
    const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    const failures: string[] = [];
    let sent = 0;
    const started = Date.now();
    for (const [i, op] of ops.entries()) {
      const result = await fc.check(
        fc.asyncProperty(hostileRequest(op), async (req) => {
          // Signing out would end the shared staff session for every later request.
          const auth = op.path === '/api/auth/logout' ? 'anonymous' : req.auth;
          const token = tokens[auth];
          const headers = token && !req.headers.authorization ? { ...req.headers, authorization: `Bearer ${token}` } : req.headers;
          const res = await sendRaw(t.baseUrl, { ...req, headers });
          sent += 1;
          const why = verdict(req, res);
          if (why) throw new Error(why);
        }),
        { seed: SEED + i, numRuns: RUNS_PER_ROUTE, endOnFailure: true },
      );
      if (result.failed) {
        const [req] = result.counterexample ?? [];
        const shown = req ? { ...req, target: req.target.slice(0, 200), body: req.body.subarray(0, 200).toString('latin1') } : undefined;
        failures.push(`${op.method.toUpperCase()} ${op.path}: ${(result.errorInstance as Error)?.message} — ${JSON.stringify(shown).slice(0, 600)}`);
      }
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(`fuzz: ${sent} requests over ${ops.length} operations in ${seconds.toFixed(1)} s, ${failures.length} failing`);
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(ops.length * RUNS_PER_ROUTE);
    // No request polluted the prototype of every object in the process.
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Still alive, still answering, the staff session still valid.
    expect((await t.request('GET', '/api/health')).status).toBe(200);
    expect((await t.request('GET', '/api/me', { token: tokens.staff! })).status).toBe(200);
    expect(t.logs.join('\n')).not.toMatch(/"msg":"unhandled error"/);
  }, 180_000);
});

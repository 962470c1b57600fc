import type Router from '@koa/router';
import type { StaffRole } from '@wbt/shared';
import type Koa from 'koa';
import { z, type ZodType } from 'zod';
import type { Actor } from './actor';
import { AppError } from './errors';

/**
 * public: no sign-in; optional: actor when a valid token is sent; user: any signed-in user;
 * staff: any staff role; an array: only those staff roles.
 */
export type AuthMode = 'public' | 'optional' | 'user' | 'staff' | readonly StaffRole[];

/**
 * What a read writes to the audit log; every GET route declares one.
 * list: the route table writes one row per answer (who, which list, the filter, how many rows);
 * read: the route table writes one row naming the record (its path parameters);
 * service: the service writes its own row (detail reads that check scope first);
 * none: nothing personal is shown (health, public policy articles, the org tree, one's own profile).
 */
export type AuditKind = 'list' | 'read' | 'service' | 'none';
type ActorFor<A> = A extends 'public' | 'optional' ? Actor | null : Actor;

export interface HandlerContext<P, Q, B, A> {
  params: P;
  query: Q;
  body: B;
  actor: ActorFor<A>;
  koa: Koa.Context;
}

export interface RouteSpec<P extends ZodType, Q extends ZodType, B extends ZodType, A extends AuthMode> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tags: string[];
  auth: A;
  params?: P;
  query?: Q;
  body?: B;
  response?: ZodType;
  /** Success status; a handler returning undefined answers 204. */
  status?: number;
  /** Required on GET routes (see AuditKind). */
  audit?: AuditKind;
  /** Body is read by the handler itself (multipart uploads); documented as this content type. */
  rawBody?: string;
  handler: (c: HandlerContext<z.output<P>, z.output<Q>, z.output<B>, A>) => unknown | Promise<unknown>;
}

export type AnyRouteSpec = RouteSpec<ZodType, ZodType, ZodType, AuthMode>;

export interface RouteDeps {
  authenticate(ctx: Koa.Context): Promise<Actor | null>;
  onPermissionDenied(actor: Actor, route: string): Promise<void>;
  /** Writes the audit row of a `list` or `read` route (after the answer is built, before it is sent). */
  recordRead(actor: Actor | null, entry: ReadAudit): Promise<void>;
}

export interface ReadAudit {
  kind: 'list' | 'read';
  route: string;
  /** list: the filter (query without paging); read: the path parameters. */
  filter: Record<string, unknown>;
  /** list: how many rows the answer carries. */
  rows?: number;
}

/** Rows of a list answer: an array, the array under `items`, or else all of its array properties together. */
function rowCount(out: unknown): number | undefined {
  if (Array.isArray(out)) return out.length;
  if (!out || typeof out !== 'object') return undefined;
  const obj = out as Record<string, unknown>;
  if (Array.isArray(obj.items)) return obj.items.length;
  const arrays = Object.values(obj).filter(Array.isArray);
  return arrays.length > 0 ? arrays.reduce((n, a) => n + a.length, 0) : undefined;
}

const PAGING_KEYS = new Set(['cursor', 'after', 'before', 'limit']);

/** The filter of a list as audited: the parsed query without paging, long text cut short. */
function auditFilter(query: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (PAGING_KEYS.has(k) || v === undefined) continue;
    out[k] = typeof v === 'string' && v.length > 60 ? `${v.slice(0, 60)}…` : v;
  }
  return out;
}

function parseOrThrow<S extends ZodType>(schema: S | undefined, value: unknown, where: string): z.output<S> {
  if (!schema) return value as z.output<S>;
  const res = schema.safeParse(value ?? {});
  if (res.success) return res.data;
  const details = res.error.issues.map((i) => ({
    path: [where, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  const first = details[0];
  throw new AppError('VALIDATION_FAILED', `请求内容有误：${first.path.replace(/^(body|query|params)\./, '')} ${first.message}`, details);
}

/** Registers routes with one auth + validation path, and keeps them for the OpenAPI document. */
export class RouteTable {
  readonly specs: AnyRouteSpec[] = [];

  constructor(
    private readonly router: Router,
    private readonly deps: RouteDeps,
  ) {}

  add<P extends ZodType, Q extends ZodType, B extends ZodType, A extends AuthMode>(spec: RouteSpec<P, Q, B, A>): void {
    if (spec.method === 'get' && !spec.audit) throw new Error(`GET ${spec.path} declares no audit kind`);
    this.specs.push(spec as unknown as AnyRouteSpec);
    const route = `${spec.method.toUpperCase()} ${spec.path}`;
    this.router[spec.method](spec.path, async (ctx) => {
      const actor = await this.authorize(ctx, spec.auth, route);
      const params = parseOrThrow(spec.params, ctx.params, 'params');
      const query = parseOrThrow(spec.query, ctx.query, 'query');
      const body = parseOrThrow(spec.body, (ctx.request as { body?: unknown }).body, 'body');
      const out = await spec.handler({ params, query, body, actor: actor as ActorFor<A>, koa: ctx });
      if (spec.audit === 'list') await this.deps.recordRead(actor, { kind: 'list', route, filter: auditFilter(query), rows: rowCount(out) });
      if (spec.audit === 'read') await this.deps.recordRead(actor, { kind: 'read', route, filter: { ...(params as object) } });
      if (out === undefined) {
        ctx.status = 204;
      } else {
        ctx.status = spec.status ?? 200;
        ctx.body = out;
      }
    });
  }

  private async authorize(ctx: Koa.Context, mode: AuthMode, route: string): Promise<Actor | null> {
    if (mode === 'public') return null;
    const actor = await this.deps.authenticate(ctx);
    if (mode === 'optional') return actor;
    if (!actor) throw AppError.unauthenticated();
    const allowed = mode === 'user' || (mode === 'staff' ? actor.role !== 'public' : (mode as readonly string[]).includes(actor.role));
    if (!allowed) {
      await this.deps.onPermissionDenied(actor, route);
      throw AppError.forbidden();
    }
    return actor;
  }
}

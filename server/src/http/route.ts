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
  /** Body is read by the handler itself (multipart uploads); documented as this content type. */
  rawBody?: string;
  handler: (c: HandlerContext<z.output<P>, z.output<Q>, z.output<B>, A>) => unknown | Promise<unknown>;
}

export type AnyRouteSpec = RouteSpec<ZodType, ZodType, ZodType, AuthMode>;

export interface RouteDeps {
  authenticate(ctx: Koa.Context): Promise<Actor | null>;
  onPermissionDenied(actor: Actor, route: string): Promise<void>;
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
    this.specs.push(spec as unknown as AnyRouteSpec);
    this.router[spec.method](spec.path, async (ctx) => {
      const actor = await this.authorize(ctx, spec.auth, `${spec.method.toUpperCase()} ${spec.path}`);
      const params = parseOrThrow(spec.params, ctx.params, 'params');
      const query = parseOrThrow(spec.query, ctx.query, 'query');
      const body = parseOrThrow(spec.body, (ctx.request as { body?: unknown }).body, 'body');
      const out = await spec.handler({ params, query, body, actor: actor as ActorFor<A>, koa: ctx });
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

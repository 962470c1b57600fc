import Router from '@koa/router';
import Koa from 'koa';
import { existsSync } from 'node:fs';
import type { AppDeps } from './deps';
import { jsonBody } from './http/body';
import { errorMiddleware } from './http/errorMiddleware';
import { buildOpenApi } from './http/openapi';
import { RouteTable } from './http/route';
import { securityHeaders } from './http/securityHeaders';
import { staticFiles } from './http/staticFiles';
import { createServices, registerRoutes, type Services } from './modules';

export interface BuiltApp {
  app: Koa;
  services: Services;
  openapi: Record<string, unknown>;
}

/** Builds the Koa app (no listen): error middleware first, then body parsing, API routes, H5 files. */
export function buildApp(deps: AppDeps): BuiltApp {
  const services = createServices(deps);
  // maxIpsCount: only the entries the trusted proxies appended to X-Forwarded-For count (clientKey).
  const app = new Koa({ proxy: deps.config.trustProxy > 0, maxIpsCount: deps.config.trustProxy });
  const router = new Router();
  const routes = new RouteTable(router, {
    authenticate: (ctx) => services.auth.authenticate(ctx),
    onPermissionDenied: (actor, route) =>
      services.audit.record({ actor, action: 'permission.denied', targetType: 'route', targetId: route, result: 'denied' }),
    recordRead: (actor, e) =>
      services.audit.record({
        actor,
        action: e.kind === 'list' ? 'list.read' : 'record.read',
        targetType: 'route',
        targetId: e.route,
        result: 'ok',
        orgId: actor?.orgId ?? null,
        detail: e.kind === 'list' ? { filter: e.filter, rows: e.rows ?? null } : { params: e.filter },
      }),
  });
  registerRoutes(routes, deps, services);
  const openapi = buildOpenApi(routes.specs);
  router.get('/api/openapi.json', (ctx) => {
    ctx.body = openapi;
  });

  app.use(async (ctx, next) => {
    const started = performance.now();
    await next();
    // Route pattern only: no query strings, bodies, addresses or user agents in the log.
    deps.logger.info({ method: ctx.method, route: ctx._matchedRoute ?? '(static)', status: ctx.status, ms: Math.round(performance.now() - started) }, 'request');
  });
  app.use(securityHeaders(deps.config.h5Dir));
  app.use(errorMiddleware(deps.logger));
  app.use(jsonBody());
  app.use(router.routes());
  app.use(router.allowedMethods());
  if (existsSync(deps.config.h5Dir)) app.use(staticFiles(deps.config.h5Dir));
  // Errors that escape the middleware (a browser aborting a static download): log briefly, no stack dump.
  app.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'ERR_STREAM_PREMATURE_CLOSE' || err.code === 'ECONNRESET' || err.code === 'EPIPE') return;
    deps.logger.warn({ code: err.code, message: err.message }, 'response stream error');
  });
  return { app, services, openapi };
}

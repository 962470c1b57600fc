import { z, type ZodType } from 'zod';
import type { AnyRouteSpec } from './route';

function jsonSchema(schema: ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

function parameters(schema: ZodType | undefined, location: 'path' | 'query'): unknown[] {
  if (!schema) return [];
  const js = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: location,
    required: location === 'path' || (js.required ?? []).includes(name),
    schema: s,
  }));
}

const errorResponse = {
  description: '错误：{"error":{"code","message","details"}}',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              code: { type: 'string' },
              message: { type: 'string' },
              details: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
            },
          },
        },
      },
    },
  },
};

/** OpenAPI 3.1 document generated from the same zod schemas that validate requests. */
export function buildOpenApi(specs: AnyRouteSpec[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const p = spec.path.replace(/:(\w+)/g, '{$1}');
    const op: Record<string, unknown> = {
      summary: spec.summary,
      tags: spec.tags,
      parameters: [...parameters(spec.params, 'path'), ...parameters(spec.query, 'query')],
      responses: {
        [String(spec.status ?? 200)]: {
          description: 'OK',
          ...(spec.response ? { content: { 'application/json': { schema: jsonSchema(spec.response) } } } : {}),
        },
        default: errorResponse,
      },
    };
    if (spec.auth !== 'public') op.security = [{ bearer: [] }];
    // Who may call it: public, optional, user (any signed-in user), staff, or the staff roles listed.
    op['x-auth'] = spec.auth;
    if (spec.audit) op['x-audit'] = spec.audit;
    if (spec.body) op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(spec.body) } } };
    if (spec.rawBody) op.requestBody = { required: true, content: { [spec.rawBody]: { schema: {} } } };
    (paths[p] ??= {})[spec.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title: '未保通 API', version: '0.1.0' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  };
}

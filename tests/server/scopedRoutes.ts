import type { TestServer } from './harness';

/**
 * Every route that reads or changes a record belonging to an org node. The access-matrix test runs
 * each one for every staff role against its own node, a child node and a sibling node.
 * `target` creates (or picks) a record that belongs to `orgId` and returns the request to make.
 * Add an entry whenever a module adds a scoped route.
 */
export interface ScopedRoute {
  name: string;
  /** Org levels a record of this kind can belong to. */
  levels: ('county' | 'township' | 'village')[];
  target(t: TestServer, orgId: number): Promise<{ method: string; path: string; body?: unknown }>;
  /** Roles that may use the route at all inside their scope (others: 403 or 404). Default: every staff role. */
  roles?: string[];
}

export const scopedRoutes: ScopedRoute[] = [
  {
    name: 'GET /api/orgs/:id',
    levels: ['county', 'township', 'village'],
    target: async (_t, orgId) => ({ method: 'GET', path: `/api/orgs/${orgId}` }),
  },
];

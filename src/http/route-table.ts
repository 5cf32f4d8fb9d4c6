import type { FastifyInstance } from 'fastify';

export interface RouteEntry {
  method: string;
  url: string;
  /** Status codes (or ranges such as `2xx`) the route declares a response schema for, as written by the route. */
  responses: string[];
  /** Left out of the OpenAPI document (protocol and operations routes). */
  hidden: boolean;
}

const tables = new WeakMap<FastifyInstance, RouteEntry[]>();

/** Records every route added to `app` from now on, so a test can prove it covers all of them. */
export function recordRoutes(app: FastifyInstance): void {
  const table: RouteEntry[] = [];
  tables.set(app, table);
  app.addHook('onRoute', (route) => {
    const responses = Object.keys((route.schema?.response as Record<string, unknown> | undefined) ?? {});
    const hidden = (route.schema as { hide?: boolean } | undefined)?.hide === true;
    for (const method of [route.method].flat()) table.push({ method, url: route.url ?? route.path, responses, hidden });
  });
}

export function routesOf(app: FastifyInstance): readonly RouteEntry[] {
  return tables.get(app) ?? [];
}

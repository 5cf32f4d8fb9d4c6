import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RouteEntry, routesOf } from '../../src/http/route-table.ts';
import { buildAppForInspection } from '../support/built-app.ts';

/**
 * Routes that answer in a format of their own rather than JSON, so a response schema would describe nothing: each
 * with the reason. Any other route must declare its success answers (and gets the error shape added: 4xx, 5xx).
 */
const OWN_FORMAT: Record<string, string> = {
  'GET /metrics': 'Prometheus text exposition format',
  'GET /media/*': 'media files (HLS playlists and segments, images, audio) from the blob store',
  'GET /v1/ws': 'a WebSocket upgrade; its frames are described in docs/api.md',
  'GET /v1/live/:id/hls/*': "a live stream's HLS playlists and fMP4 segments from the blob store",
  'POST /v1/uploads': 'tus 1.0 resumable uploads, answered by @tus/server',
  'OPTIONS /v1/uploads': 'tus 1.0 resumable uploads, answered by @tus/server',
  'OPTIONS /v1/uploads/:id': 'tus 1.0 resumable uploads, answered by @tus/server',
  'HEAD /v1/uploads/:id': 'tus 1.0 resumable uploads, answered by @tus/server',
  'PATCH /v1/uploads/:id': 'tus 1.0 resumable uploads, answered by @tus/server',
  'DELETE /v1/uploads/:id': 'tus 1.0 resumable uploads, answered by @tus/server',
};

/** The OpenAPI document itself and its viewer (HTML, JavaScript, JSON, YAML). */
const DOCS = /^\/docs(\/|$)/;
/** Anything outside the API's prefixes is a file of the web app (web/dist, when built). */
const WEB_APP = /^\/(?!(v1|media|docs|healthz|readyz|metrics)(\/|$))/;

/** A success or a redirect: what a route answers when it works. */
const isSuccess = (code: string) => /^[23](\d\d|xx)$/i.test(code);
const keyOf = (route: { method: string; url: string }) => `${route.method} ${route.url}`;

/** A HEAD route Fastify adds beside a GET answers its headers only, so it has no body to describe. */
function isHeadTwin(route: RouteEntry, routes: readonly RouteEntry[]): boolean {
  return route.method === 'HEAD' && routes.some((other) => other.method === 'GET' && other.url === route.url);
}

describe('route schemas', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, close } = await buildAppForInspection());
  });

  afterAll(async () => {
    await close?.();
  });

  it('declares a success response schema on every route that answers JSON', () => {
    const routes = routesOf(app);
    expect(routes.length).toBeGreaterThan(60);
    const missing = routes
      .filter((route) => !OWN_FORMAT[keyOf(route)] && !DOCS.test(route.url) && !WEB_APP.test(route.url))
      .filter((route) => !isHeadTwin(route, routes))
      .filter((route) => !route.responses.some(isSuccess))
      .map(keyOf);
    expect(missing, 'add response schemas, or list the route in OWN_FORMAT with the reason').toEqual([]);
  });

  it('lists only routes that exist and have no schema as answering in their own format', () => {
    const byKey = new Map(routesOf(app).map((route) => [keyOf(route), route]));
    const stale = Object.keys(OWN_FORMAT).filter((key) => !byKey.has(key) || byKey.get(key)?.responses.some(isSuccess));
    expect(stale).toEqual([]);
  });

  it('documents the error shape beside the success answers of every operation in the OpenAPI document', () => {
    const doc = app.swagger() as unknown as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const lacking: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (OWN_FORMAT[`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`]) continue;
        const codes = Object.keys(operation.responses);
        const documented = codes.some(isSuccess) && codes.includes('4XX') && codes.includes('5XX');
        if (!documented) lacking.push(`${method.toUpperCase()} ${path}: ${codes.join(', ')}`);
      }
    }
    expect(lacking).toEqual([]);
  });
});

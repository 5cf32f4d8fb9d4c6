import type { FastifyInstance, FastifyRequest } from 'fastify';
import { unauthorized } from '../platform/errors.ts';

export interface Viewer {
  userId: string;
  username: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, or null for a visitor. Set from `Authorization: Bearer …` before every handler. */
    viewer: Viewer | null;
  }
}

/** A present but bad token is always an error (so the client refreshes it), even on routes open to visitors. */
/** Route config of a route whose Bearer token is not an access token (it checks its own, e.g. /metrics). */
export interface RouteAuthConfig {
  ownBearerToken?: boolean;
}

export function registerAuthentication(app: FastifyInstance, verify: (token: string) => Promise<Viewer>): void {
  app.decorateRequest('viewer', null);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (!header || (request.routeOptions.config as RouteAuthConfig | undefined)?.ownBearerToken) return;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw unauthorized('INVALID_TOKEN', 'The Authorization header must be "Bearer <access token>".');
    request.viewer = await verify(match[1]);
  });
}

export function requireViewer(request: FastifyRequest): Viewer {
  if (!request.viewer) throw unauthorized('AUTH_REQUIRED', 'Sign in to do this.');
  return request.viewer;
}

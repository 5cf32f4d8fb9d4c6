import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { errorBody } from './errors.ts';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const API_PREFIXES = ['/v1/', '/media/', '/docs', '/healthz', '/readyz', '/metrics'];

/**
 * Serves the built React app at `/`. Any other GET that is not an API path gets index.html, so the client's own
 * routes (/upload, /@name, /v/id) load on a refresh; API paths keep answering 404 in the API's error shape.
 */
export async function registerWebApp(app: FastifyInstance, distDir = WEB_DIST): Promise<void> {
  const built = existsSync(`${distDir}/index.html`);
  if (built) {
    await app.register(fastifyStatic, { root: distDir, wildcard: false, index: 'index.html' });
  } else {
    app.log.warn({ distDir }, 'the web app is not built (npm run build:web); serving the API only');
  }
  app.setNotFoundHandler((request, reply) => {
    const isApi = API_PREFIXES.some((prefix) => request.url.startsWith(prefix));
    if (built && request.method === 'GET' && !isApi) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply
      .status(404)
      .send(errorBody('NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]}.`));
  });
}

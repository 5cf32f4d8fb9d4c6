import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { registerAccountRoutes } from '../modules/accounts/routes.ts';
import { registerFeedRoutes } from '../modules/feed/routes.ts';
import { registerMediaRoutes } from '../modules/media/routes.ts';
import { registerVideoRoutes } from '../modules/videos/routes.ts';
import type { Infrastructure } from '../platform/infrastructure.ts';
import type { Logger } from '../platform/logger.ts';
import type { Metrics } from '../platform/metrics.ts';
import type { Services } from '../services.ts';
import { registerAuthentication } from './auth.ts';
import { registerErrorHandling } from './errors.ts';
import { registerOpsRoutes } from './ops-routes.ts';
import { createRateLimiter } from './rate-limit.ts';
import { registerWebApp } from './web-app.ts';

export interface HttpAppDeps {
  config: Config;
  log: Logger;
  metrics: Metrics;
  infra: Infrastructure;
  services: Services;
}

/** The API and web app of one node: every route, the auth hook, error mapping and request metrics. */
export async function buildHttpApp(deps: HttpAppDeps): Promise<FastifyInstance> {
  const { config, infra, services, metrics } = deps;
  const app = Fastify({
    loggerInstance: deps.log.child({ module: 'http' }) as FastifyBaseLogger,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    metrics.httpRequestDuration
      .labels(request.method, request.routeOptions.url ?? 'unmatched', String(reply.statusCode))
      .observe(reply.elapsedTime / 1000);
  });

  registerErrorHandling(app);
  await app.register(multipart);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Looply API', version: 'v1', description: 'REST + JSON; errors are {"error":{code,message}}.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  registerAuthentication(app, (token) => services.accounts.verifyAccessToken(token));
  const rateLimit = createRateLimiter(infra.cache, config.rateLimitScale);

  registerOpsRoutes(app, metrics, {
    database: () => infra.db.ping(),
    cache: () => infra.cache.ping(),
    events: () => infra.events.ping(),
    jobs: () => infra.jobs.ping(),
  });
  registerAccountRoutes(app, services.accounts, rateLimit);
  registerVideoRoutes(app, { videos: services.videos, intake: services.intake, rateLimit });
  registerFeedRoutes(app, services.feed, rateLimit);
  registerMediaRoutes(app, infra.blobs);
  await registerWebApp(app);
  return app;
}

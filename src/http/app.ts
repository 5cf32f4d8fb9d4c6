import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { type Config, LIVE_BROWSER_INGEST, LIVE_SOCKET, UPLOAD_SWEEP_INTERVAL_MS } from '../config.ts';
import { registerAvatarRoutes } from '../modules/accounts/avatar-routes.ts';
import { registerAccountRoutes } from '../modules/accounts/routes.ts';
import { registerFeedRoutes } from '../modules/feed/routes.ts';
import { registerFollowRoutes } from '../modules/follows/routes.ts';
import { registerInteractionRoutes } from '../modules/interactions/routes.ts';
import { LiveRooms } from '../modules/live/rooms.ts';
import { registerLiveRoutes } from '../modules/live/routes.ts';
import { mediaToolsCheck } from '../modules/media/ffmpeg-binaries.ts';
import { cacheMediaAudience } from '../modules/media/media-audience-cache.ts';
import { registerMediaRoutes } from '../modules/media/routes.ts';
import { registerMessagingRoutes } from '../modules/messaging/routes.ts';
import { registerPushRoutes } from '../modules/notifications/push-routes.ts';
import { registerNotificationRoutes } from '../modules/notifications/routes.ts';
import { registerSearchRoutes } from '../modules/search/routes.ts';
import { registerSoundRoutes } from '../modules/sounds/routes.ts';
import { registerTrendingRoutes } from '../modules/trending/routes.ts';
import { registerUploadRoutes } from '../modules/uploads/routes.ts';
import { scheduleUploadSweeps } from '../modules/uploads/sweeper.ts';
import { registerVideoRoutes } from '../modules/videos/routes.ts';
import { registerWalletRoutes } from '../modules/wallet/routes.ts';
import type { Infrastructure } from '../platform/infrastructure.ts';
import type { Logger } from '../platform/logger.ts';
import type { Metrics } from '../platform/metrics.ts';
import type { Services } from '../services.ts';
import { registerAuthentication } from './auth.ts';
import { registerErrorHandling } from './errors.ts';
import { closeConnectionsAsTheyFallIdle } from './idle-connection-closer.ts';
import { canonicalIds, registerInputGuard } from './input.ts';
import { registerOpsRoutes } from './ops-routes.ts';
import { publicUrlOf } from './public-url.ts';
import { createRateLimiter } from './rate-limit.ts';
import { registerRouteContract } from './route-contract.ts';
import { recordRoutes } from './route-table.ts';
import { registerWebApp } from './web-app.ts';
import { WebSocketHub } from './ws-hub.ts';
import { registerLiveSocketRoute } from './ws-routes.ts';

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
    // A hop count becomes proxy-addr's function form (Fastify's types take no number).
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // Bodies are taken as sent: no type coercion. Query strings are converted by the input guard, where the schema
    // asks for a number or boolean.
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false },
      plugins: [canonicalIds],
    },
  });

  recordRoutes(app);
  registerRouteContract(app);
  closeConnectionsAsTheyFallIdle(app);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    metrics.httpRequestDuration
      .labels(request.method, request.routeOptions.url ?? 'unmatched', String(reply.statusCode))
      .observe(reply.elapsedTime / 1000);
  });

  registerErrorHandling(app);
  registerInputGuard(app);
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
  const publicUrl = publicUrlOf(app, config);

  registerOpsRoutes(
    app,
    metrics,
    {
      database: () => infra.db.ping(),
      cache: () => infra.cache.ping(),
      events: () => infra.events.ping(),
      jobs: () => infra.jobs.ping(),
      blobs: () => infra.blobs.ping(),
      media: mediaToolsCheck(services.media, config.roles),
    },
    config.metricsToken,
  );
  registerAccountRoutes(app, services.accounts, rateLimit, services.profiles);
  registerAvatarRoutes(app, services.avatars, rateLimit);
  registerFollowRoutes(app, services.follows, rateLimit);
  registerVideoRoutes(app, {
    videos: services.videos,
    lifecycle: services.videoLifecycle,
    intake: services.intake,
    rateLimit,
    resumable: services.uploads,
    publicUrl,
  });
  registerUploadRoutes(app, services.uploads, infra.cache);
  scheduleUploadSweeps(app, services.uploads, UPLOAD_SWEEP_INTERVAL_MS);
  registerFeedRoutes(app, services.feed, rateLimit);
  registerInteractionRoutes(app, {
    interactions: services.interactions,
    comments: services.comments,
    videos: services.videos,
    rateLimit,
    mediaLink: (key) => services.videoAccess.mediaLink(key),
    publicUrl,
  });
  registerNotificationRoutes(app, services.notifications);
  registerPushRoutes(app, services.push, services.vapidPublicKey);
  registerMessagingRoutes(app, { messaging: services.messaging, rateLimit });
  const hub = new WebSocketHub(infra.cache, deps.log.child({ module: 'live' }), LIVE_SOCKET.maxSocketsPerAccount);
  const liveRooms = new LiveRooms({
    hub,
    chat: services.liveChat,
    blocks: services.follows,
    presence: services.livePresence,
    db: infra.db,
    log: deps.log.child({ module: 'live' }),
  });
  liveRooms.start();
  app.addHook('onClose', async () => liveRooms.stop());
  await registerLiveSocketRoute(app, {
    ...LIVE_SOCKET,
    largestFrameBytes: LIVE_BROWSER_INGEST.maxFrameBytes,
    hub,
    frames: liveRooms.frames,
    verify: (token) => services.accounts.verifyAccessToken(token),
    log: deps.log.child({ module: 'live' }),
  });
  if (infra.cache.kind === 'memory' && !config.roles.includes('worker')) {
    // Through an in-process cache only this process reaches its own sockets, so it writes the notifications too.
    const consumer = await services.startNotificationConsumer();
    app.addHook('onClose', () => consumer.stop());
  }
  registerSoundRoutes(app, services.sounds);
  registerWalletRoutes(app, services.wallet, rateLimit);
  registerLiveRoutes(app, {
    live: services.liveStreams,
    chat: services.liveChat,
    blobs: infra.blobs,
    cache: infra.cache,
    cleanup: services.liveCleanup,
    rateLimit,
    publicUrl,
    rtmpUrl: () => {
      const port = services.liveIngest.port ?? (config.rtmpPort || null);
      return port === null ? null : `rtmp://${new URL(publicUrl()).hostname}:${port}/live`;
    },
    browserIngest: services.liveIngest.port === null ? null : services.liveBrowserIngest,
  });
  registerSearchRoutes(app, services.search, rateLimit);
  registerTrendingRoutes(app, services.trending);
  registerMediaRoutes(app, {
    blobs: infra.blobs,
    signer: services.mediaSigner,
    audience: cacheMediaAudience((videoId) => services.videoAccess.mediaAudience(videoId)),
    soundAudience: cacheMediaAudience(async (soundId) => ((await services.sounds.isOpen(soundId)) ? 'open' : null)),
  });
  await registerWebApp(app, { videos: services.videos, publicUrl });
  return app;
}

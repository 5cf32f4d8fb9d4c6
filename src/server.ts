import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { COUNTER_FLUSH, type Config, listeningUrl } from './config.ts';
import { buildHttpApp } from './http/app.ts';
import { seedDemoContentOnce } from './modules/demo/seed.ts';
import { startCounterFlusher } from './modules/interactions/counter-flusher.ts';
import { logMediaTools, resolveMediaTools, type ToolLookup } from './modules/media/ffmpeg-binaries.ts';
import { type Infrastructure, type InfrastructureOptions, openInfrastructure } from './platform/infrastructure.ts';
import { createLogger, type Logger } from './platform/logger.ts';
import { createMetrics } from './platform/metrics.ts';
import type { JobWorker } from './platform/stream/jobs.ts';
import { createServices, type Services } from './services.ts';
import { startWorkers } from './worker.ts';

export interface RunningLooply {
  /** The API's base URL, when this process has the api role. */
  url: string | null;
  services: Services;
  /** The ports this process uses (tests drive a worker of their own through them). */
  infra: Infrastructure;
  config: Config;
  log: Logger;
  /** Graceful: stops taking requests and jobs, waits for those in flight, then closes the stores. */
  close(): Promise<void>;
}

/** Another process on this host may hold the port (several api nodes on one machine): they ingest, this one serves. */
async function startRtmpIngest(services: Services, config: Config, log: Logger): Promise<void> {
  try {
    const rtmpPort = await services.liveIngest.listen(config.rtmpPort ?? 0, config.host);
    await services.liveBrowserIngest.start();
    log.info({ rtmpPort }, 'taking RTMP (and browser ingest) for live streams');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    log.error(
      { rtmpPort: config.rtmpPort },
      'RTMP_PORT is taken: this node takes no RTMP (set RTMP_PORT=off to say so)',
    );
    await services.liveIngest.close();
  }
}

export async function startLooply(
  config: Config,
  options: { infrastructure?: InfrastructureOptions; log?: Logger; toolLookup?: ToolLookup } = {},
): Promise<RunningLooply> {
  const log = options.log ?? createLogger(config);
  // A wrong FFMPEG_PATH stops the start here, before any store is opened.
  const media = await resolveMediaTools(config, options.toolLookup);
  logMediaTools(log.child({ module: 'media' }), media, config.roles);
  const metrics = createMetrics();
  const infra = await openInfrastructure(config, log, options.infrastructure);
  const services = await createServices(config, infra, log, media);
  // Every node folds the counter deltas it records; any node also folds those a dead one left.
  const counterFlusher = startCounterFlusher(services.counters, {
    ...COUNTER_FLUSH,
    log: log.child({ module: 'interactions' }),
  });

  let app: FastifyInstance | null = null;
  let url: string | null = null;
  if (config.roles.includes('api')) {
    await services.recsys.start();
    if (config.rtmpPort !== null) await startRtmpIngest(services, config, log);
    app = await buildHttpApp({ config, log, metrics, infra, services });
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address() as AddressInfo;
    url = listeningUrl(config.host, address.port);
    log.info({ url, roles: config.roles }, 'Looply is listening');
  }
  const workers: JobWorker[] = config.roles.includes('worker')
    ? await startWorkers({ config, infra, services, log, metrics })
    : [];

  const seeding = new AbortController();
  const seeded =
    config.demoContent && config.roles.includes('api')
      ? seedDemoContentOnce({ infra, services, log: log.child({ module: 'demo' }), signal: seeding.signal })
      : Promise.resolve();

  let closing: Promise<void> | null = null;
  return {
    url,
    services,
    infra,
    config,
    log,
    close() {
      closing ??= (async () => {
        log.info('shutting down');
        seeding.abort();
        // Before the app closes every socket without a word: browser publishers hear they should go elsewhere.
        await services.liveBrowserIngest.close();
        await app?.close();
        await services.liveIngest.close();
        await services.recsys.close();
        await Promise.all(workers.map((worker) => worker.stop()));
        await counterFlusher.stop();
        await seeded.catch(() => {});
        await infra.close();
        log.info('shut down cleanly');
      })();
      return closing;
    },
  };
}

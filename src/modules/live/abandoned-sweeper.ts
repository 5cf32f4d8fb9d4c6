import type { FastifyInstance } from 'fastify';
import { LIVE } from '../../config.ts';
import type { LiveService } from './service.ts';

/**
 * Every api node ends, every LIVE.abandonedSweepMs, the streams on air whose ingest node stopped vouching for them
 * (it died with their publisher): the end a grace period of silence would have brought. Stops with the app.
 */
export function scheduleAbandonedStreamSweeps(app: FastifyInstance, live: LiveService): void {
  const log = app.log.child({ module: 'live' });
  let running: Promise<void> | null = null;
  const sweep = () => {
    running ??= live
      .endAbandoned()
      .then(
        (ended) => {
          if (ended.length > 0) log.warn({ streams: ended }, 'ended live streams whose ingest node went away');
        },
        (error: unknown) => log.error({ err: error }, 'abandoned live stream sweep failed'),
      )
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(sweep, LIVE.abandonedSweepMs);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
}

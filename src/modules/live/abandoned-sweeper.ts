import type { FastifyInstance } from 'fastify';
import { LIVE } from '../../config.ts';
import { schedulePeriodicSweep } from '../../http/periodic-sweep.ts';
import type { LiveService } from './service.ts';

/**
 * Every api node ends, every LIVE.abandonedSweepMs, the streams on air whose ingest node stopped vouching for them
 * (it died with their publisher): the end a grace period of silence would have brought. Stops with the app.
 */
export function scheduleAbandonedStreamSweeps(app: FastifyInstance, live: LiveService): void {
  const log = app.log.child({ module: 'live' });
  const sweep = async () => {
    const ended = await live.endAbandoned();
    if (ended.length > 0) log.warn({ streams: ended }, 'ended live streams whose ingest node went away');
  };
  const failure = 'abandoned live stream sweep failed';
  schedulePeriodicSweep(app, { intervalMs: LIVE.abandonedSweepMs, runAtReady: false, failure, sweep }, log);
}

import type { FastifyInstance } from 'fastify';
import { LIVE } from '../../config.ts';
import { schedulePeriodicSweep } from '../../http/periodic-sweep.ts';
import type { LiveMediaCleanup } from './media-cleanup.ts';

/** Every api node removes, every LIVE.mediaSweepMs, what streams ended longer than the retention period ago left. */
export function scheduleEndedMediaSweeps(app: FastifyInstance, cleanup: LiveMediaCleanup): void {
  const log = app.log.child({ module: 'live' });
  const sweep = async () => {
    const report = await cleanup.sweep();
    if (report.streams.length > 0 || report.dirs > 0) log.info(report, 'removed what ended live streams left');
  };
  const failure = 'ended live stream cleanup failed';
  schedulePeriodicSweep(app, { intervalMs: LIVE.mediaSweepMs, runAtReady: true, failure, sweep }, log);
}

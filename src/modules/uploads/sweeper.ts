import type { FastifyInstance } from 'fastify';
import { schedulePeriodicSweep } from '../../http/periodic-sweep.ts';
import type { ResumableUploads } from './service.ts';

/** Sweeps resumable uploads once the api starts (finishing what a crash interrupted) and then every `intervalMs`. */
export function scheduleUploadSweeps(app: FastifyInstance, uploads: ResumableUploads, intervalMs: number): void {
  const log = app.log.child({ module: 'uploads' });
  const sweep = async () => {
    const report = await uploads.sweep();
    for (const failure of report.failures) {
      log.error({ err: failure.error, uploadId: failure.uploadId }, 'upload sweep could not settle an upload');
    }
    const { completed, expired, orphansRemoved } = report;
    if (completed + expired + orphansRemoved > 0) log.info({ completed, expired, orphansRemoved }, 'uploads swept');
  };
  schedulePeriodicSweep(app, { intervalMs, runAtReady: true, failure: 'upload sweep failed', sweep }, log);
}

import type { FastifyInstance } from 'fastify';
import type { ResumableUploads } from './service.ts';

/**
 * Sweeps resumable uploads once the api starts (finishing what a crash interrupted) and then every `intervalMs`,
 * one sweep at a time. The timer never keeps the process alive; closing the app waits for a sweep in flight.
 */
export function scheduleUploadSweeps(app: FastifyInstance, uploads: ResumableUploads, intervalMs: number): void {
  const log = app.log.child({ module: 'uploads' });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;

  const sweep = () => {
    running ??= uploads
      .sweep()
      .then(
        (report) => {
          for (const failure of report.failures) {
            log.error({ err: failure.error, uploadId: failure.uploadId }, 'upload sweep could not settle an upload');
          }
          const { completed, expired, orphansRemoved } = report;
          if (completed + expired + orphansRemoved > 0)
            log.info({ completed, expired, orphansRemoved }, 'uploads swept');
        },
        (error: unknown) => log.error({ err: error }, 'upload sweep failed'),
      )
      .finally(() => {
        running = null;
      });
  };

  app.addHook('onReady', async () => {
    sweep();
    timer = setInterval(sweep, intervalMs);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
}

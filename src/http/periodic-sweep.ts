import type { FastifyInstance } from 'fastify';

/**
 * Runs `sweep` every `intervalMs` from when the app is ready (at once too with `runAtReady`), one sweep at a time.
 * The timer never keeps the process alive; closing the app waits for a sweep in flight. `sweep` handles its own
 * failures: a rejection is logged here as `failure`.
 */
export function schedulePeriodicSweep(
  app: FastifyInstance,
  options: { intervalMs: number; runAtReady: boolean; failure: string; sweep: () => Promise<void> },
  log = app.log,
): void {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  const sweep = () => {
    running ??= options
      .sweep()
      .catch((error: unknown) => log.error({ err: error }, options.failure))
      .finally(() => {
        running = null;
      });
  };
  app.addHook('onReady', async () => {
    if (options.runAtReady) sweep();
    timer = setInterval(sweep, options.intervalMs);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
}

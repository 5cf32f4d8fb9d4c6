import type { Logger } from '../../platform/logger.ts';
import type { InteractionCounters } from './counters.ts';

export interface CounterReconciler {
  stop(): Promise<void>;
}

/**
 * Rebuilds every count from its rows every `intervalMs`, and logs what it had to correct: with deltas recorded in
 * the facts' transactions nothing should ever be wrong, so a correction is a bug (or a hand edit) worth a warning.
 */
export function startCounterReconciler(
  counters: InteractionCounters,
  options: { intervalMs: number; log: Logger },
): CounterReconciler {
  let stopped = false;
  let running: Promise<void> | null = null;
  const pass = () => {
    running = counters
      .reconcile()
      .then((report) => {
        const corrected = report.videos + report.comments + report.creators;
        if (corrected > 0) options.log.warn({ corrected: report }, 'counters disagreed with their rows; corrected');
        else options.log.debug('counters agree with their rows');
      })
      .catch((error: unknown) => options.log.warn({ err: error }, 'counter reconciliation failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(() => {
    if (!stopped && !running) pass();
  }, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

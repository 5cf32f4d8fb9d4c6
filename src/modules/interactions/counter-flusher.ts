import type { Logger } from '../../platform/logger.ts';
import { FLUSH_BATCH, type InteractionCounters } from './counters.ts';

export interface CounterFlusher {
  /** Stops the loop, waits for the pass in flight and flushes once more, so a clean shutdown loses no delta. */
  stop(): Promise<void>;
}

/** Flushes buffered counters every `intervalMs`; a full batch is followed at once by another pass. */
export function startCounterFlusher(
  counters: InteractionCounters,
  options: { intervalMs: number; log: Logger },
): CounterFlusher {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const drain = async () => {
    while ((await counters.flushOnce()) >= FLUSH_BATCH) {
      // a backlog: keep going until a pass comes back short
    }
  };

  const pass = () => {
    running = drain()
      .catch((error: unknown) => options.log.warn({ err: error }, 'counter flush failed; the deltas stay buffered'))
      .finally(() => {
        if (!stopped) timer = setTimeout(pass, options.intervalMs);
      });
  };
  timer = setTimeout(pass, options.intervalMs);

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await drain().catch((error: unknown) => options.log.warn({ err: error }, 'last counter flush failed'));
    },
  };
}

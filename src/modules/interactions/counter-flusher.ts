import type { Logger } from '../../platform/logger.ts';
import { FLUSH_BATCH, type InteractionCounters } from './counters.ts';

export interface CounterFlusher {
  /** Stops the loop and waits for the pass in flight; what is left pending stays durable for the next pass. */
  stop(): Promise<void>;
}

export interface CounterFlusherOptions {
  /** How soon after this process records a delta a pass runs (changes close together fold in one pass). */
  delayMs: number;
  /** A pass also runs this often, for deltas other processes recorded and left (they may have died). */
  fallbackMs: number;
  log: Logger;
}

/**
 * Folds recorded counter deltas into the counters: soon after this process records some, and every `fallbackMs`
 * anyway. Deltas are durable, so the flusher only bounds how many a read has to add up; it never loses one.
 */
export function startCounterFlusher(counters: InteractionCounters, options: CounterFlusherOptions): CounterFlusher {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let dueAt = Number.POSITIVE_INFINITY;
  let running: Promise<void> | null = null;

  // Not background work: every read of a count adds up the pending deltas, so a fold held back behind requests
  // would make each of them slower.
  const drain = async () => {
    while (!stopped && (await counters.flushOnce()) >= FLUSH_BATCH) {
      // a backlog: keep going until a pass comes back short
    }
  };

  const schedule = (delayMs: number) => {
    if (stopped || Date.now() + delayMs >= dueAt) return;
    clearTimeout(timer);
    dueAt = Date.now() + delayMs;
    timer = setTimeout(pass, delayMs);
  };

  const pass = () => {
    dueAt = Number.POSITIVE_INFINITY;
    if (running) return schedule(options.delayMs);
    running = drain()
      .catch((error: unknown) => options.log.warn({ err: error }, 'counter flush failed; the deltas stay pending'))
      .finally(() => {
        running = null;
        schedule(options.fallbackMs);
      });
  };

  const unsubscribe = counters.onRecorded(() => schedule(options.delayMs));
  schedule(options.fallbackMs);

  return {
    async stop() {
      stopped = true;
      unsubscribe();
      clearTimeout(timer);
      await running;
    },
  };
}

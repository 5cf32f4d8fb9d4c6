import { inBackground } from '../db/background-work.ts';
/** A sleep that `wake()` cuts short; a wake while nobody sleeps makes the next sleep return at once. */
export interface Waker {
  wake(): void;
  sleep(ms: number): Promise<void>;
}

export function createWaker(): Waker {
  let pending = false;
  let wakeSleeper: (() => void) | undefined;
  return {
    wake() {
      pending = true;
      wakeSleeper?.();
    },
    sleep(ms) {
      if (pending) {
        pending = false;
        // A macrotask, not a resolved promise: a loop that always has work must still let timers and I/O run.
        return new Promise((resolve) => setImmediate(resolve));
      }
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          wakeSleeper = undefined;
          pending = false;
          resolve();
        };
        const timer = setTimeout(done, ms);
        wakeSleeper = done;
      });
    },
  };
}

/** What one poll took, and when the next item not ready yet falls due. */
export interface Taken<T> {
  items: T[];
  /** Milliseconds until the earliest lease, backoff or delay ends (≤ 0: already); null when nothing is waiting. */
  nextDueInMs: number | null;
}

export interface PollLoopOptions<T> {
  /** How many items may run at once. */
  slots: number;
  /**
   * The fallback: the longest the loop sleeps when nothing wakes it and nothing falls due sooner. Local work wakes
   * it, so this only bounds how late it sees work it was not told about (another process's).
   */
  intervalMs: number;
  /** Takes at most `free` items (claims them); no items means nothing is ready. */
  take(free: number): Promise<Taken<T>>;
  run(item: T): Promise<void>;
  onError(error: unknown): void;
}

/** A due time already past but not claimable (another member holds the row a moment) is retried this soon. */
const MIN_SLEEP_MS = 10;
/** After a failed poll (the store blinked) the loop tries again within this. */
const ERROR_RETRY_MS = 1_000;
/**
 * Takes that found less than a full batch are at least this far apart: a wake soon after a take waits out the rest,
 * so under load the events of many requests are claimed in one transaction instead of one claim per event each
 * (which cost more than the requests themselves), while a wake after a quiet spell is still answered at once.
 */
export const TAKE_COALESCE_MS = 50;

/** How long to sleep after a poll: until the next item falls due, at most the fallback interval. */
export function sleepAfterPoll(nextDueInMs: number | null, intervalMs: number): number {
  if (nextDueInMs === null || !Number.isFinite(nextDueInMs)) return intervalMs;
  return Math.min(intervalMs, Math.max(MIN_SLEEP_MS, Math.ceil(nextDueInMs)));
}

export interface PollLoop {
  /** Polls now instead of at the next tick (local work arrived). */
  wake(): void;
  /** Takes nothing more and waits for the items in flight. */
  stop(): Promise<void>;
}

/** Items being handled concurrently; a finished one wakes the loop that started it, which may take another. */
export class InFlight<T> {
  readonly #running = new Set<Promise<void>>();
  readonly #run: (item: T) => Promise<void>;
  readonly #onError: (error: unknown) => void;
  readonly #waker: Waker;

  constructor(run: (item: T) => Promise<void>, onError: (error: unknown) => void, waker: Waker) {
    this.#run = run;
    this.#onError = onError;
    this.#waker = waker;
  }

  get size(): number {
    return this.#running.size;
  }

  start(item: T): void {
    const running: Promise<void> = inBackground(() => this.#run(item))
      .catch(this.#onError)
      .finally(() => {
        this.#running.delete(running);
        this.#waker.wake();
      });
    this.#running.add(running);
  }

  /** Waits for every item in flight, including any started meanwhile. */
  async drain(): Promise<void> {
    while (this.#running.size > 0) await Promise.all(this.#running);
  }
}

/**
 * Polls `take` whenever a slot is free, runs what it returns, and sleeps until a wake, a finished item, the next due
 * time `take` reported or the fallback interval, whichever comes first.
 */
export function startPollLoop<T>(options: PollLoopOptions<T>): PollLoop {
  let stopped = false;
  const waker = createWaker();
  const inFlight = new InFlight(options.run, options.onError, waker);

  const loop = (async () => {
    let lastPartialTakeAt = Number.NEGATIVE_INFINITY;
    while (!stopped) {
      const free = options.slots - inFlight.size;
      let filled = false;
      let sleepMs = options.intervalMs;
      if (free > 0) {
        const early = lastPartialTakeAt + TAKE_COALESCE_MS - performance.now();
        if (early > 0) await new Promise((resolve) => setTimeout(resolve, early));
        if (stopped) break;
        try {
          const taken = await inBackground(() => options.take(free));
          lastPartialTakeAt = taken.items.length < free ? performance.now() : Number.NEGATIVE_INFINITY;
          filled = taken.items.length === free;
          for (const item of taken.items) inFlight.start(item);
          sleepMs = sleepAfterPoll(taken.nextDueInMs, options.intervalMs);
        } catch (error) {
          options.onError(error);
          sleepMs = Math.min(options.intervalMs, ERROR_RETRY_MS);
        }
      }
      // A full take means more may be waiting: go again as soon as a slot frees up.
      if (!stopped && (!filled || inFlight.size >= options.slots)) await waker.sleep(sleepMs);
      else await new Promise((resolve) => setImmediate(resolve));
    }
  })();

  return {
    wake: () => waker.wake(),
    async stop() {
      stopped = true;
      waker.wake();
      await loop;
      await inFlight.drain();
    },
  };
}

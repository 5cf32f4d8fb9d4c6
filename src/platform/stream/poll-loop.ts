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

export interface PollLoopOptions<T> {
  /** How many items may run at once. */
  slots: number;
  intervalMs: number;
  /** Takes at most `free` items (claims them); an empty array means nothing is ready. */
  take(free: number): Promise<T[]>;
  run(item: T): Promise<void>;
  onError(error: unknown): void;
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
    const running: Promise<void> = this.#run(item)
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

/** Polls `take` whenever a slot is free, runs what it returns, and sleeps until a tick, a wake or a finished item. */
export function startPollLoop<T>(options: PollLoopOptions<T>): PollLoop {
  let stopped = false;
  const waker = createWaker();
  const inFlight = new InFlight(options.run, options.onError, waker);

  const loop = (async () => {
    while (!stopped) {
      const free = options.slots - inFlight.size;
      let filled = false;
      if (free > 0) {
        try {
          const items = await options.take(free);
          filled = items.length === free;
          for (const item of items) inFlight.start(item);
        } catch (error) {
          options.onError(error);
        }
      }
      // A full take means more may be waiting: go again as soon as a slot frees up.
      if (!stopped && (!filled || inFlight.size >= options.slots)) await waker.sleep(options.intervalMs);
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

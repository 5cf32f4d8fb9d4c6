import { AsyncLocalStorage } from 'node:async_hooks';

const background = new AsyncLocalStorage<true>();

/**
 * Runs `work` as background work: event consumers and job workers. Where the store is one executor shared by
 * everything in the process (PGlite), its statements wait while a request's are queued, so a request is not held up
 * behind the consumers its own writes woke.
 */
export function inBackground<T>(work: () => Promise<T>): Promise<T> {
  return background.run(true, work);
}

export function isBackgroundWork(): boolean {
  return background.getStore() === true;
}

export interface GateOptions {
  /**
   * The share of the store's time background work gets while requests wait for it: after a background turn that
   * took `d` ms, requests go first until they have had `d × (1 − share) / share` ms. Turns are weighed by time, not
   * counted, because a consumer's turn is often a whole transaction and a request's a single statement.
   */
  backgroundShare?: number;
  /** Requests that go first before waiting background work may go ahead of them at all. */
  foregroundStreak?: number;
  now?: () => number;
}

/**
 * One statement (or transaction) at a time, requests first, but background work keeps its share of the time while
 * it waits, so a steady stream of requests cannot starve the consumers.
 */
export class ForegroundFirstGate {
  readonly #owedFactor: number;
  readonly #foregroundStreak: number;
  readonly #now: () => number;
  readonly #foreground: Array<() => void> = [];
  readonly #background: Array<() => void> = [];
  #busy = false;
  #streak = 0;
  #yielded = false;
  /** Milliseconds of request time still due before background work may go ahead of a waiting request. */
  #owedToForeground = 0;

  constructor(options: GateOptions = {}) {
    const share = options.backgroundShare ?? 0.25;
    if (!(share > 0 && share <= 1)) throw new Error('backgroundShare must be in (0, 1]');
    this.#owedFactor = (1 - share) / share;
    this.#foregroundStreak = options.foregroundStreak ?? 8;
    this.#now = options.now ?? performance.now.bind(performance);
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const background = isBackgroundWork();
    if (this.#busy) {
      await new Promise<void>((resolve) => (background ? this.#background : this.#foreground).push(resolve));
    }
    this.#busy = true;
    const started = this.#now();
    try {
      return await work();
    } finally {
      const took = this.#now() - started;
      // Background time counts against it only if requests waited behind it.
      if (!background) this.#owedToForeground = Math.max(0, this.#owedToForeground - took);
      else if (this.#foreground.length > 0) this.#owedToForeground += took * this.#owedFactor;
      this.#streak = background ? 0 : this.#streak + 1;
      this.#next();
    }
  }

  #next(): void {
    if (this.#background.length > 0 && this.#foreground.length === 0 && !this.#yielded) {
      // PGlite runs on this thread, so requests that arrived meanwhile are still unread on their sockets: let the
      // event loop read them first, or a consumer's turn would start before they could even queue.
      this.#yielded = true;
      setImmediate(() => this.#next());
      return;
    }
    this.#yielded = false;
    const requestsHadTheirTurn = this.#streak >= this.#foregroundStreak && this.#owedToForeground <= 0;
    const backgroundsTurn = this.#background.length > 0 && (this.#foreground.length === 0 || requestsHadTheirTurn);
    const grant = backgroundsTurn ? this.#background.shift() : this.#foreground.shift();
    if (grant) grant();
    else {
      this.#busy = false;
      this.#streak = 0;
    }
  }
}

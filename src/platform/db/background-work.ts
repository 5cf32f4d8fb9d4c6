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

/**
 * One statement (or transaction) at a time, requests first. Background work still gets a turn after every
 * `foregroundStreak` foreground turns while it waits, so a steady stream of requests cannot starve the consumers.
 */
export class ForegroundFirstGate {
  readonly #foregroundStreak: number;
  readonly #foreground: Array<() => void> = [];
  readonly #background: Array<() => void> = [];
  #busy = false;
  #streak = 0;

  constructor(foregroundStreak = 8) {
    this.#foregroundStreak = foregroundStreak;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#busy) {
      await new Promise<void>((resolve) => (isBackgroundWork() ? this.#background : this.#foreground).push(resolve));
    }
    this.#busy = true;
    try {
      return await work();
    } finally {
      this.#next();
    }
  }

  #next(): void {
    const backgroundsTurn =
      this.#background.length > 0 && (this.#foreground.length === 0 || this.#streak >= this.#foregroundStreak);
    const grant = backgroundsTurn ? this.#background.shift() : this.#foreground.shift();
    this.#streak = backgroundsTurn ? 0 : grant ? this.#streak + 1 : 0;
    if (grant) grant();
    else this.#busy = false;
  }
}

/**
 * What a benchmark must undo — child processes, the browser, temp directories, a database — run last first, each
 * step once, even when the run's own `finally` and a signal handler both ask for it (the second waits for the first).
 */
export class CleanUps {
  readonly #steps: Array<() => Promise<unknown>> = [];
  #running: Promise<void> = Promise.resolve();
  readonly #log: (line: string) => void;

  constructor(log: (line: string) => void) {
    this.#log = log;
  }

  add(step: () => Promise<unknown>): void {
    this.#steps.push(step);
  }

  run(): Promise<void> {
    const steps = this.#steps.splice(0).reverse();
    this.#running = this.#running.then(async () => {
      for (const step of steps) await step().catch((error) => this.#log(`clean-up: ${(error as Error).message}`));
    });
    return this.#running;
  }
}

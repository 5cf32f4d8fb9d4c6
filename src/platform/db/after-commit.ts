/** The listeners a transaction collects with `afterCommit`, called once it has committed. */
export class CommitListeners {
  readonly #listeners: Array<() => void> = [];

  add(listener: () => void): void {
    this.#listeners.push(listener);
  }

  /** After COMMIT: each on its own microtask, so a listener that throws cannot turn a commit into a failure. */
  committed(): void {
    for (const listener of this.#listeners.splice(0)) queueMicrotask(listener);
  }
}

/** Outside a transaction a write is committed when its query resolves. */
export const callAtOnce = (listener: () => void): void => queueMicrotask(listener);

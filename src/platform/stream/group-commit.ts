interface Waiting<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Writes items in batches without waiting for a batch to fill: an item that arrives while nothing is being written
 * goes at once, and items that arrive during a write go together in the next one (a group commit). Each `add`
 * settles when the write that carried its item does.
 */
export class GroupCommit<T> {
  readonly #write: (items: T[]) => Promise<void>;
  #queued: Waiting<T>[] = [];
  #writing = false;

  constructor(write: (items: T[]) => Promise<void>) {
    this.#write = write;
  }

  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queued.push({ item, resolve, reject });
      if (!this.#writing) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#writing = true;
    while (this.#queued.length > 0) {
      const batch = this.#queued;
      this.#queued = [];
      try {
        await this.#write(batch.map((waiting) => waiting.item));
        for (const waiting of batch) waiting.resolve();
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
    this.#writing = false;
  }
}

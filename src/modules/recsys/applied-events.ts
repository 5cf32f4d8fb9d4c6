/**
 * Which events this node's recommender has already applied, so a redelivered event (at-least-once) or one seen
 * first through the shared session is applied once. Remembers the last `capacity` ids; older redeliveries are
 * ruled out by the snapshot watermark.
 */
export class AppliedEvents {
  readonly #capacity: number;
  readonly #ids = new Set<string>();
  readonly #ring: string[] = [];
  #next = 0;

  constructor(capacity = 200_000, ids: readonly string[] = []) {
    this.#capacity = capacity;
    for (const id of ids) this.add(id);
  }

  has(id: string): boolean {
    return this.#ids.has(id);
  }

  /** False when the id was already there. */
  add(id: string): boolean {
    if (this.#ids.has(id)) return false;
    const evicted = this.#ring[this.#next];
    if (evicted !== undefined) this.#ids.delete(evicted);
    this.#ring[this.#next] = id;
    this.#next = (this.#next + 1) % this.#capacity;
    this.#ids.add(id);
    return true;
  }

  /** Oldest first, for the snapshot. */
  toArray(): string[] {
    return [...this.#ring.slice(this.#next), ...this.#ring.slice(0, this.#next)].filter((id) => id !== undefined);
  }
}

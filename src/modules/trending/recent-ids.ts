/**
 * The last `capacity` event ids seen, to drop redeliveries (at-least-once) without remembering every id: a
 * redelivery comes within seconds of the first delivery, long before its id leaves the ring.
 */
export class RecentIds {
  readonly #ids = new Set<string>();
  readonly #ring: Array<string | undefined>;
  #next = 0;

  constructor(capacity: number) {
    this.#ring = new Array(capacity);
  }

  /** False when `id` was seen recently. */
  add(id: string): boolean {
    if (this.#ids.has(id)) return false;
    const evicted = this.#ring[this.#next];
    if (evicted !== undefined) this.#ids.delete(evicted);
    this.#ring[this.#next] = id;
    this.#next = (this.#next + 1) % this.#ring.length;
    this.#ids.add(id);
    return true;
  }
}

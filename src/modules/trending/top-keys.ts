/**
 * The `capacity` keys with the highest priority seen so far: a binary min-heap over typed arrays, so the weakest
 * candidate is replaced in O(log capacity) when a stronger key turns up (the heavy-hitter candidates of a
 * Count-Min sketch). Memory is fixed by the capacity.
 */
export class TopKeys {
  readonly capacity: number;
  readonly #keys: Array<string | undefined>;
  readonly #priority: Float64Array;
  /** heap position → slot */
  readonly #heap: Int32Array;
  /** slot → heap position */
  readonly #position: Int32Array;
  readonly #slotOf = new Map<string, number>();
  #size = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.#keys = new Array(capacity);
    this.#priority = new Float64Array(capacity);
    this.#heap = new Int32Array(capacity);
    this.#position = new Int32Array(capacity);
  }

  get size(): number {
    return this.#size;
  }

  has(key: string): boolean {
    return this.#slotOf.has(key);
  }

  /** Keeps `key` with `priority` if it is among the strongest; false when it was not kept. */
  offer(key: string, priority: number): boolean {
    const known = this.#slotOf.get(key);
    if (known !== undefined) {
      this.#priority[known] = priority;
      const at = this.#position[known] as number;
      this.#up(at);
      this.#down(this.#position[known] as number);
      return true;
    }
    if (this.#size < this.capacity) {
      const slot = this.#size;
      this.#size += 1;
      this.#place(slot, key, priority, slot);
      this.#up(slot);
      return true;
    }
    const weakest = this.#heap[0] as number;
    if (priority <= (this.#priority[weakest] as number)) return false;
    this.#slotOf.delete(this.#keys[weakest] as string);
    this.#place(weakest, key, priority, 0);
    this.#down(0);
    return true;
  }

  /** Multiplies every priority (the sketch they come from was rescaled); the order stays. */
  scale(factor: number): void {
    for (let i = 0; i < this.#size; i += 1) this.#priority[i] = (this.#priority[i] as number) * factor;
  }

  *keys(): IterableIterator<string> {
    for (let i = 0; i < this.#size; i += 1) yield this.#keys[i] as string;
  }

  #place(slot: number, key: string, priority: number, at: number): void {
    this.#keys[slot] = key;
    this.#priority[slot] = priority;
    this.#heap[at] = slot;
    this.#position[slot] = at;
    this.#slotOf.set(key, slot);
  }

  #less(a: number, b: number): boolean {
    return (this.#priority[this.#heap[a] as number] as number) < (this.#priority[this.#heap[b] as number] as number);
  }

  #swap(a: number, b: number): void {
    const slotA = this.#heap[a] as number;
    const slotB = this.#heap[b] as number;
    this.#heap[a] = slotB;
    this.#heap[b] = slotA;
    this.#position[slotB] = a;
    this.#position[slotA] = b;
  }

  #up(at: number): void {
    let child = at;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.#less(child, parent)) return;
      this.#swap(child, parent);
      child = parent;
    }
  }

  #down(at: number): void {
    let parent = at;
    for (;;) {
      const left = 2 * parent + 1;
      const right = left + 1;
      let smallest = parent;
      if (left < this.#size && this.#less(left, smallest)) smallest = left;
      if (right < this.#size && this.#less(right, smallest)) smallest = right;
      if (smallest === parent) return;
      this.#swap(parent, smallest);
      parent = smallest;
    }
  }
}

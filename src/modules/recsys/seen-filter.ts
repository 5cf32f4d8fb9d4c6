import { hashString } from '../../platform/hashing.ts';

/** Items one generation holds at about 1 % false positives; two generations remember the last 1–2 × this many. */
const GENERATION_CAPACITY = 1024;
const HASHES = 7;
/** m = −n ln p / (ln 2)², rounded up to whole 32-bit words. */
const BITS = Math.ceil((-GENERATION_CAPACITY * Math.log(0.01)) / Math.LN2 ** 2 / 32) * 32;
const WORDS = BITS / 32;

/**
 * The videos a user has already been shown, as a Bloom filter: fixed small memory, no false negatives (a video shown
 * is never shown again while remembered), about 1 % false positives (a video wrongly skipped). Two generations: when
 * the newer one is full the older is dropped, so very old views may come back instead of the filter saturating.
 */
export class SeenFilter {
  #current: Uint32Array;
  #previous: Uint32Array | null;
  #count: number;
  /** Total additions ever; the copy with the higher version wins when two nodes' copies meet. */
  version: number;

  constructor(current?: Uint32Array, previous?: Uint32Array | null, count = 0, version = 0) {
    this.#current = current ?? new Uint32Array(WORDS);
    this.#previous = previous ?? null;
    this.#count = count;
    this.version = version;
  }

  static readonly capacity = GENERATION_CAPACITY;

  add(id: string): void {
    const [h1, h2] = seenHashes(id);
    if (this.hasHashes(h1, h2)) return;
    if (this.#count >= GENERATION_CAPACITY) {
      this.#previous = this.#current;
      this.#current = new Uint32Array(WORDS);
      this.#count = 0;
    }
    setBits(this.#current, h1, h2);
    this.#count++;
    this.version++;
  }

  has(id: string): boolean {
    const [h1, h2] = seenHashes(id);
    return this.hasHashes(h1, h2);
  }

  /** `has` for an id whose seenHashes are already known (the retrieval hot loop). */
  hasHashes(h1: number, h2: number): boolean {
    return contains(this.#current, h1, h2) || (this.#previous !== null && contains(this.#previous, h1, h2));
  }

  /** Takes in another node's copy: the newer one's generations, plus the other's recent additions. */
  merge(other: SeenFilter): void {
    const [newer, older] = other.version > this.version ? [other, this] : [this, other];
    const current = Uint32Array.from(newer.#current);
    for (let i = 0; i < WORDS; i++) current[i] = (current[i] as number) | (older.#current[i] as number);
    this.#previous = newer.#previous ? Uint32Array.from(newer.#previous) : null;
    this.#current = current;
    this.#count = Math.max(newer.#count, older.#count);
    this.version = Math.max(newer.version, older.version);
  }

  encode(): string {
    const header = new Uint32Array([this.#count, this.version, this.#previous ? 1 : 0]);
    const parts = [header, this.#current, ...(this.#previous ? [this.#previous] : [])];
    return Buffer.concat(parts.map((part) => Buffer.from(part.buffer, part.byteOffset, part.byteLength))).toString(
      'base64',
    );
  }

  static decode(encoded: string): SeenFilter {
    const bytes = Buffer.from(encoded, 'base64');
    const words = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const [count = 0, version = 0, hasPrevious = 0] = words;
    if (words.length !== 3 + WORDS * (hasPrevious ? 2 : 1)) throw new Error('not an encoded seen filter');
    const current = words.slice(3, 3 + WORDS);
    const previous = hasPrevious ? words.slice(3 + WORDS) : null;
    return new SeenFilter(current, previous, count, version);
  }
}

/** The two hashes a video id is filed under; computed once per video by the catalogue. */
export function seenHashes(id: string): [number, number] {
  return [hashString(id, 11), hashString(id, 17) | 1];
}

function contains(bits: Uint32Array, h1: number, h2: number): boolean {
  for (let i = 0; i < HASHES; i++) {
    const bit = ((h1 + Math.imul(i, h2)) >>> 0) % BITS;
    if (((bits[bit >>> 5] as number) & (1 << (bit & 31))) === 0) return false;
  }
  return true;
}

/** Kirsch–Mitzenmacher: k positions from two hashes. */
function setBits(bits: Uint32Array, h1: number, h2: number): void {
  for (let i = 0; i < HASHES; i++) {
    const bit = ((h1 + Math.imul(i, h2)) >>> 0) % BITS;
    bits[bit >>> 5] = (bits[bit >>> 5] as number) | (1 << (bit & 31));
  }
}

/** Non-cryptographic hashing and seeded randomness, shared by the recommender, trending and the demo content. */

/** 32-bit FNV-1a with a murmur3 finaliser: cheap, well mixed, seedable for several independent hashes of one key. */
export function hashString(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ Math.imul(seed, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return finalise(h);
}

/** Hash of two small integers (feature crosses such as user × hashtag). */
export function hashInts(a: number, b: number, seed = 0): number {
  let h = Math.imul(a ^ 0x27d4eb2d, 0x9e3779b1) ^ Math.imul(b + seed, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return finalise(h);
}

function finalise(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A small, fast, seedable PRNG (mulberry32): reproducible sampling in tests, evaluation and exploration. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Two independent 32-bit hashes of a string (FNV-1a and a Murmur3-style mix of the UTF-16 code units), for the
 * double hashing of a Count-Min sketch: row i uses h1 + i·h2.
 */
export function hashPair(key: string): [number, number] {
  let fnv = 0x811c9dc5;
  let mix = 0x9747b28c ^ key.length;
  for (let i = 0; i < key.length; i += 1) {
    const unit = key.charCodeAt(i);
    fnv = Math.imul(fnv ^ unit, 0x01000193);
    let k = Math.imul(unit, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    mix ^= Math.imul(k, 0x1b873593);
    mix = (mix << 13) | (mix >>> 19);
    mix = Math.imul(mix, 5) + 0xe6546b64;
  }
  mix ^= mix >>> 16;
  mix = Math.imul(mix, 0x85ebca6b);
  mix ^= mix >>> 13;
  mix = Math.imul(mix, 0xc2b2ae35);
  mix ^= mix >>> 16;
  // An odd step visits every column of a power-of-two row.
  return [fnv >>> 0, (mix | 1) >>> 0];
}

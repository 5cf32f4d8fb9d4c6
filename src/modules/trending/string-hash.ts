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

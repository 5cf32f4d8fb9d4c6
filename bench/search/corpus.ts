import { createRandom } from '../../src/platform/hashing.ts';

/**
 * A deterministic synthetic corpus for the search benchmark: a vocabulary of made-up words (plus a few real ones the
 * query mix uses), hashtags from words and word pairs, accounts, sounds and videos whose words, hashtags and sounds
 * follow Zipf-like popularity, as real ones do.
 */
export { createRandom };

const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'to', 'ne', 'su', 'da', 'vi', 'po', 'le', 'zu', 'ba', 'ri', 'go', 'fe'];
const REAL_WORDS = ['dance', 'choreography', 'sunset', 'cooking', 'travel', 'skate', 'comedy', 'guitar', 'makeup'];

/** Picks index i with probability ∝ 1/(i+1)^s: a few items are very popular, most are rare. */
export function zipfPicker(size: number, s: number, random: () => number): () => number {
  const cdf = new Float64Array(size);
  let total = 0;
  for (let i = 0; i < size; i += 1) {
    total += 1 / (i + 1) ** s;
    cdf[i] = total;
  }
  return () => {
    const target = random() * total;
    let low = 0;
    let high = size - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((cdf[mid] as number) < target) low = mid + 1;
      else high = mid;
    }
    return low;
  };
}

export function vocabulary(size: number, random: () => number): string[] {
  const words = new Set(REAL_WORDS);
  while (words.size < size) {
    const length = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < length; i += 1) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    words.add(word);
  }
  return [...words];
}

export function hashtagNames(words: readonly string[], size: number, random: () => number): string[] {
  const tags = new Set(words.slice(0, Math.min(words.length, size / 5)));
  while (tags.size < size) {
    const a = words[Math.floor(random() * words.length)] as string;
    const b = words[Math.floor(random() * words.length)] as string;
    tags.add(random() < 0.5 ? `${a}${b}` : `${a}_${b}`);
  }
  return [...tags];
}

export function usernames(words: readonly string[], size: number, random: () => number): string[] {
  const names = new Set<string>();
  while (names.size < size) {
    const word = words[Math.floor(random() * words.length)] as string;
    const suffix =
      random() < 0.5 ? '' : random() < 0.5 ? `_${Math.floor(random() * 1000)}` : `${Math.floor(random() * 100)}`;
    names.add(`${word}${suffix}`.slice(0, 24));
  }
  return [...names];
}

export function sentence(words: readonly string[], pick: () => number, length: number): string {
  const out: string[] = [];
  for (let i = 0; i < length; i += 1) out.push(words[pick()] as string);
  return out.join(' ');
}

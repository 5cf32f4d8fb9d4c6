import { describe, expect, it } from 'vitest';
import { createRandom } from '../../platform/hashing.ts';
import { broadestPrefixes, nextPrefix, typoPrefixProbes } from './typo-prefix-probes.ts';

/** Optimal string alignment distance: replace, drop, add a letter, or swap two neighbours, each one edit. */
function editDistance(a: string[], b: string[]): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => i + j));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const row = d[i] as number[];
      const above = d[i - 1] as number[];
      row[j] = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/**
 * What the probes are for: some start of `value`, 4 letters or more, is at most one edit from `word`, its first letter
 * untouched — but a 4-letter word's last letter is not replaced (that start would be as wide as its first 3 letters).
 */
function startsOneEditFrom(word: string, value: string): boolean {
  const w = [...word];
  const v = [...value];
  if (v[0] !== w[0]) return false;
  for (let end = 4; end <= v.length; end += 1) {
    const lastReplaced = w.length === 4 && end === 4 && v.slice(0, 3).join('') === w.slice(0, 3).join('');
    if (!lastReplaced && editDistance(w.slice(1), v.slice(1, end)) <= 1) return true;
  }
  return false;
}

/** Code point order, as PostgreSQL's `text_pattern_ops` compares UTF-8 bytes. */
const before = (a: string, b: string) => {
  const x = [...a].map((c) => c.codePointAt(0) as number);
  const y = [...b].map((c) => c.codePointAt(0) as number);
  for (let i = 0; i < Math.min(x.length, y.length); i += 1)
    if (x[i] !== y[i]) return (x[i] as number) < (y[i] as number);
  return x.length < y.length;
};

function like(value: string, pattern: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i] as string;
    if (char === '\\') source += (pattern[++i] as string).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else source += char === '_' ? '.' : char === '%' ? '.*' : char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'su').test(value);
}

/** `search_without_char`: the value less its character at position `at` (1-based). */
const withoutChar = (value: string, at: number) => [...value].toSpliced(at - 1, 1).join('');

/** What the store does with the probes: the corrected prefixes of the values each range holds. */
function found(word: string, vocabulary: readonly string[]): Map<string, string> {
  const prefixes = new Map<string, string>();
  for (const probe of typoPrefixProbes(word)) {
    for (const value of vocabulary) {
      const key = probe.without === null ? value : withoutChar(value, probe.without);
      if (!before(key, probe.from) && before(key, probe.to) && (probe.pattern === null || like(key, probe.pattern))) {
        prefixes.set(value, [...value].slice(0, probe.length).join(''));
      }
    }
  }
  return prefixes;
}

describe("typo'd prefix probes", () => {
  it('find "dance" from a misspelt start of it, never from a wrong first letter', () => {
    const vocabulary = ['dance', 'dancing', 'dank', 'sunset', 'bance', 'adance'];
    for (const typed of ['dnac', 'dancw', 'danec', 'dence', 'dnce', 'dane', 'daance']) {
      expect(found(typed, vocabulary).get('dance'), typed).toBeDefined();
    }
    expect(found('dnac', vocabulary).get('dancing')).toBe('danc');
    expect(found('dancw', vocabulary).get('dancing')).toBe('danc');
    expect([...found('banc', vocabulary).keys()]).toEqual(['bance']);
    // A 4-letter word keeps 4 letters: "danx" would only say "dan…", which starts nearly everything alike.
    expect([...found('danx', vocabulary).keys()]).toEqual([]);
    expect([...found('danxe', vocabulary).keys()]).toEqual(['dance']);
    // A word too short to tell a typo, or too long to be worth it, has none.
    expect(typoPrefixProbes('dan')).toEqual([]);
    expect(typoPrefixProbes('a'.repeat(31))).toEqual([]);
  });

  it('find exactly the values with a start one edit from the word, in ranges of three characters or more', () => {
    const random = createRandom(42);
    // Few letters, `_` and `%` among them: many near misses, and LIKE's wildcards must stay literal.
    const letters = ['a', 'b', 'c', '_', '%', 'é'];
    const text = (length: number) =>
      Array.from({ length }, () => letters[Math.floor(random() * letters.length)] as string).join('');
    for (let round = 0; round < 40; round += 1) {
      const word = text(4 + Math.floor(random() * 4));
      const vocabulary = Array.from({ length: 400 }, () => text(1 + Math.floor(random() * 9)));
      const prefixes = found(word, vocabulary);
      for (const value of vocabulary) {
        const expected = startsOneEditFrom(word, value);
        const plain = value.startsWith(word);
        expect(prefixes.has(value) || plain, `${word} ~ ${value}`).toBe(expected);
        const prefix = prefixes.get(value);
        if (prefix !== undefined)
          expect(editDistance([...word], [...prefix]), `${word} → ${prefix}`).toBeLessThanOrEqual(1);
      }
      // Every range fixes at least three characters, and only ranges on the value itself need a pattern checked.
      const probes = typoPrefixProbes(word);
      for (const probe of probes) {
        expect([...probe.from].length, probe.from).toBeGreaterThanOrEqual(3);
        if (probe.without !== null) expect(probe.pattern).toBeNull();
      }
      expect(probes.length).toBeLessThanOrEqual(4 * word.length);
    }
  });

  it('bound each range by the next prefix in code point order', () => {
    expect(nextPrefix('dan')).toBe('dao');
    expect(nextPrefix('a\u{10ffff}')).toBe('b');
    expect(nextPrefix('a\ud7ff')).toBe('a\ue000');
    expect(nextPrefix('\u{10ffff}')).toBeNull();
  });

  it('keep the broadest corrected prefixes, the most used first, and none a plain prefix search finds', () => {
    const rows = [
      { prefix: 'danc', covers: 40 },
      { prefix: 'dna', covers: 3 },
      { prefix: 'dnace', covers: 1 },
      { prefix: 'dac', covers: 9 },
      { prefix: 'dnacx', covers: 2 },
    ];
    expect(broadestPrefixes('dnac', rows, 10)).toEqual(['danc', 'dac', 'dna']);
    expect(broadestPrefixes('dnac', rows, 2)).toEqual(['danc', 'dac']);
  });
});

import { SEARCH_LIMITS } from '../../config.ts';

/**
 * One index range of a vocabulary: values in [`from`, `to`) (byte order, as `text_pattern_ops` compares) that match
 * the LIKE `pattern`. The first `length` characters of a value found are the corrected prefix.
 */
export interface PrefixProbe {
  from: string;
  to: string;
  pattern: string;
  length: number;
}

/**
 * The ranges that hold every value one edit away from starting with `word`: `onValue` ranges of the value itself,
 * `onWithoutSecond` ranges of the value without its second character (`search_without_second`), where an edit of the
 * second character leaves only the first one fixed, too short a range to read.
 */
export interface TypoProbes {
  onValue: PrefixProbe[];
  onWithoutSecond: PrefixProbe[];
}

const ANY = Symbol('any character');
type Slot = string | typeof ANY;

/**
 * A typo'd prefix, as Meilisearch and Typesense treat the last word typed: a value matches when one of its prefixes is
 * one edit (a letter replaced, dropped, added, or two neighbours swapped) from `word`. The first letter is kept, as
 * Meilisearch counts a typo there as two: that keeps every range narrow. Words shorter than
 * SEARCH_LIMITS.minCorrectableLength, or longer than maxTypoPrefixLength, get none.
 */
export function typoPrefixProbes(word: string): TypoProbes {
  const letters = [...word];
  const chars: Slot[] = letters;
  const n = letters.length;
  if (n < SEARCH_LIMITS.minCorrectableLength || n > SEARCH_LIMITS.maxTypoPrefixLength) {
    return { onValue: [], onWithoutSecond: [] };
  }
  const edits: Slot[][] = [];
  for (let i = 1; i < n; i += 1) edits.push(chars.toSpliced(i, 1)); // a letter too many
  for (let i = 1; i < n - 1; i += 1) {
    if (letters[i] !== letters[i + 1]) edits.push(chars.toSpliced(i, 2, chars[i + 1] as Slot, chars[i] as Slot));
  }
  // A letter replaced or missing at the last place is already "the word without its last letter", dropped above.
  for (let i = 2; i < n - 1; i += 1) {
    edits.push(chars.toSpliced(i, 1, ANY)); // a letter replaced
    edits.push(chars.toSpliced(i, 0, ANY)); // a letter missing
  }
  const literal = (slots: Slot[]) => (slots.includes(ANY) ? null : (slots as string[]).join(''));
  // A value starting with the word itself, or with a shorter literal edit, is found anyway.
  const covering = [word, ...edits.map(literal).filter((text): text is string => text !== null)];
  const covered = (slots: Slot[]) =>
    covering.some((prefix) => {
      const head = [...prefix];
      return head.length <= slots.length && head.every((char, i) => slots[i] === char) && literal(slots) !== prefix;
    });
  const onValue = uniqueBy(
    edits.filter((slots) => !covered(slots)).flatMap((slots) => probe(slots, slots.length)),
    (item) => item.pattern,
  );
  // The second letter replaced (d?nce) or missing (d?ance): without their second letter, values start with these.
  const second = [letters[0], ...letters.slice(2)].join('');
  const onWithoutSecond = uniqueBy(
    [second, word].flatMap((text) => probe([...text], [...text].length + 1)),
    (item) => item.pattern,
  );
  return { onValue, onWithoutSecond };
}

function probe(slots: Slot[], length: number): PrefixProbe[] {
  const fixed = slots.indexOf(ANY) === -1 ? slots.length : slots.indexOf(ANY);
  const from = (slots.slice(0, fixed) as string[]).join('');
  const to = nextPrefix(from);
  if (to === null) return [];
  const pattern = `${slots.map((slot) => (slot === ANY ? '_' : slot.replace(/[\\%_]/g, '\\$&'))).join('')}%`;
  return [{ from, to, pattern, length }];
}

/**
 * The smallest text after every text starting with `prefix`, in code point order (byte order of UTF-8, as
 * `text_pattern_ops` compares): the last character moved one on. Null when there is none (only U+10FFFF).
 */
export function nextPrefix(prefix: string): string | null {
  const chars = [...prefix];
  while (chars.length > 0) {
    const last = (chars.pop() as string).codePointAt(0) as number;
    if (last < 0x10ffff) {
      const next = last + 1 >= 0xd800 && last + 1 <= 0xdfff ? 0xe000 : last + 1;
      return chars.join('') + String.fromCodePoint(next);
    }
  }
  return null;
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(key(item)) && seen.add(key(item)));
}

/**
 * The corrected prefixes worth searching for: none that starts with the word (a plain prefix finds those) or with
 * another kept one (it finds them too), the ones covering most of the vocabulary first, at most `limit`.
 */
export function broadestPrefixes(
  word: string,
  found: ReadonlyArray<{ prefix: string; covers: number }>,
  limit: number,
): string[] {
  const candidates = found.filter((item) => !item.prefix.startsWith(word));
  const byLength = [...candidates].sort((a, b) => a.prefix.length - b.prefix.length || (a.prefix < b.prefix ? -1 : 1));
  const kept: Array<{ prefix: string; covers: number }> = [];
  for (const item of byLength) {
    if (!kept.some((other) => item.prefix.startsWith(other.prefix))) kept.push(item);
  }
  return kept
    .sort((a, b) => b.covers - a.covers || (a.prefix < b.prefix ? -1 : 1))
    .slice(0, limit)
    .map((item) => item.prefix);
}

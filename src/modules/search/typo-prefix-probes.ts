import { SEARCH_LIMITS } from '../../config.ts';

/**
 * One index range of a vocabulary: values in [`from`, `to`) (byte order, as `text_pattern_ops` compares) that match
 * the LIKE `pattern` (null: all of them, the range is a plain prefix) — compared without their character at position
 * `without` (2 or 3, `search_without_char`) when it is set. The first `length` characters of a value found are the
 * corrected prefix.
 */
export interface PrefixProbe {
  from: string;
  to: string;
  pattern: string | null;
  length: number;
  without: 2 | 3 | null;
}

const ANY = Symbol('any character');
type Slot = string | typeof ANY;

/**
 * The index ranges holding every value that starts one edit away from `word` — a typo'd prefix, as Meilisearch and
 * Typesense treat the last word typed: one of the value's prefixes is one edit (a letter replaced, dropped, added, or
 * two neighbours swapped) from `word`. The first letter is kept, as Meilisearch counts a typo there as two. A letter
 * replaced or missing at the second or third place is looked for in the values without that character, where it
 * leaves `word` (but one letter) as a plain prefix; further on, the letters before it fix a narrow enough range. Words
 * shorter than SEARCH_LIMITS.minCorrectableLength, or longer than maxTypoPrefixLength, get none, and no corrected
 * prefix is shorter than that either: a 4-letter word may have two letters swapped, one replaced or one missing, but
 * not one too many or its last one wrong, which would leave a 3-letter prefix that starts nearly everything alike.
 */
export function typoPrefixProbes(word: string): PrefixProbe[] {
  const letters = [...word];
  const chars: Slot[] = letters;
  const n = letters.length;
  if (n < SEARCH_LIMITS.minCorrectableLength || n > SEARCH_LIMITS.maxTypoPrefixLength) return [];
  const edits: Slot[][] = [];
  for (let i = 1; i < n; i += 1) edits.push(chars.toSpliced(i, 1)); // a letter too many
  for (let i = 1; i < n - 1; i += 1) {
    if (letters[i] !== letters[i + 1]) edits.push(chars.toSpliced(i, 2, chars[i + 1] as Slot, chars[i] as Slot));
  }
  // A letter replaced at the last place is found as "the word without its last letter" (never for a 4-letter word).
  for (let i = 3; i < n - 1; i += 1) edits.push(chars.toSpliced(i, 1, ANY)); // a letter replaced
  for (let i = 3; i < n; i += 1) edits.push(chars.toSpliced(i, 0, ANY)); // a letter missing
  // A prefix shorter than a correctable word ("dan" for "danx") would find nearly everything that starts alike.
  const long = edits.filter((slots) => slots.length >= SEARCH_LIMITS.minCorrectableLength);
  const literal = (slots: Slot[]) => (slots.includes(ANY) ? null : (slots as string[]).join(''));
  // A value starting with the word itself, or with a shorter literal edit, is found anyway.
  const covering = [word, ...long.map(literal).filter((text): text is string => text !== null)];
  const covered = (slots: Slot[]) =>
    covering.some((prefix) => {
      const head = [...prefix];
      return head.length <= slots.length && head.every((char, i) => slots[i] === char) && literal(slots) !== prefix;
    });
  const onValue = long.filter((slots) => !covered(slots)).flatMap((slots) => probe(slots, slots.length, null));
  // The letter at position 2 or 3 replaced (d?nce, da?ce) or missing there (d?ance, da?nce): without it, values start
  // with the word without that letter, or with the whole word.
  const withoutOne = ([2, 3] as const).flatMap((at) => [
    ...probe(letters.toSpliced(at - 1, 1), n, at),
    ...probe(letters, n + 1, at),
  ]);
  return uniqueBy([...onValue, ...withoutOne], (item) => `${item.without} ${item.from} ${item.pattern}`);
}

function probe(slots: Slot[], length: number, without: PrefixProbe['without']): PrefixProbe[] {
  const fixed = slots.indexOf(ANY) === -1 ? slots.length : slots.indexOf(ANY);
  const from = (slots.slice(0, fixed) as string[]).join('');
  const to = nextPrefix(from);
  if (to === null) return [];
  const pattern =
    fixed === slots.length
      ? null
      : `${slots.map((slot) => (slot === ANY ? '_' : slot.replace(/[\\%_]/g, '\\$&'))).join('')}%`;
  return [{ from, to, pattern, length, without }];
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

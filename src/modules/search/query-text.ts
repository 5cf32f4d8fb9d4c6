import { SEARCH_LIMITS } from '../../config.ts';
import { badRequest } from '../../platform/errors.ts';

/** What a person typed, in the forms each kind of document is compared with. */
export interface SearchText {
  /** Trimmed, spaces collapsed: compared with display names and sound titles (lower-cased in SQL). */
  phrase: string;
  /** Letters, digits and `_`, lower case: compared with hashtag names. */
  tag: string;
  /** Letters, digits, `_` and `.`, lower case: compared with usernames. */
  handle: string;
  /** Words of letters and digits, lower case, for full-text search. */
  words: string[];
}

const WORD = /[\p{L}\p{N}]+/gu;
const NOT_TAG = /[^\p{L}\p{N}_]+/gu;
const NOT_HANDLE = /[^\p{L}\p{N}_.]+/gu;

/** 400 for an empty or too long query; the length counts characters as a person sees them (code points). */
export function parseSearchText(raw: string | undefined): SearchText {
  const trimmed = (raw ?? '').trim();
  if (trimmed === '') throw badRequest('QUERY_REQUIRED', 'Type something to search for.');
  if ([...trimmed].length > SEARCH_LIMITS.maxQueryLength) {
    throw badRequest('QUERY_TOO_LONG', `A search has at most ${SEARCH_LIMITS.maxQueryLength} characters.`);
  }
  const folded = trimmed.normalize('NFKC').toLowerCase();
  const words = [...new Set(folded.match(WORD) ?? [])]
    .map((word) => word.slice(0, SEARCH_LIMITS.maxWordLength))
    .slice(0, SEARCH_LIMITS.maxWords);
  return {
    phrase: trimmed.normalize('NFKC').replace(/\s+/gu, ' '),
    tag: folded.replace(NOT_TAG, ''),
    handle: folded.replace(NOT_HANDLE, ''),
    words,
  };
}

/** A query without a letter or a digit (only emoji, `%`, `_` …) finds nothing. */
export function findsNothing(text: SearchText): boolean {
  return text.words.length === 0;
}

/** A LIKE pattern matching values that start with `value`: its own `%`, `_` and `\` match only themselves. */
export function startsWithPattern(value: string): string {
  return `${value.replace(/[\\%_]/g, '\\$&')}%`;
}

// Words hold only letters and digits, so quoting them is enough to keep tsquery syntax out of a query.
const quoted = (word: string) => `'${word}'`;

/** Every word as a whole word: `'a' & 'b'`. */
export function exactTsQuery(words: readonly string[]): string | null {
  return words.length === 0 ? null : words.map(quoted).join(' & ');
}

/** Every word as a prefix, optionally only in fields of the given weights: `'a':*AB & 'b':*AB`. */
export function prefixTsQuery(words: readonly string[], weights = ''): string | null {
  return words.length === 0 ? null : words.map((word) => `${quoted(word)}:*${weights}`).join(' & ');
}

const isWord = (term: string) => /^[\p{L}\p{N}]+$/u.test(term);

/**
 * Every word as a prefix or as one of its corrections, and the last word also as one of its typo'd prefixes:
 * `('a':* | 'ax') & ('bc':* | 'cb':*)`.
 */
export function correctedTsQuery(
  words: readonly string[],
  corrections: ReadonlyMap<string, string[]>,
  lastWordPrefixes: readonly string[] = [],
): string | null {
  if (words.length === 0) return null;
  return words
    .map((word, i) => {
      const prefixes = [word, ...(i === words.length - 1 ? lastWordPrefixes.filter(isWord) : [])];
      const alternatives = [
        ...prefixes.map((prefix) => `${quoted(prefix)}:*`),
        ...(corrections.get(word) ?? []).filter(isWord).map(quoted),
      ];
      return alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' | ')})`;
    })
    .join(' & ');
}

/**
 * Every word as a prefix, the last one also as one of its typo'd prefixes, optionally only in fields of the given
 * weights: `'a':*AB & ('bc':*AB | 'cb':*AB)`. Null without a typo'd prefix (the prefix query says the same).
 */
export function typoPrefixTsQuery(
  words: readonly string[],
  lastWordPrefixes: readonly string[],
  weights = '',
): string | null {
  const typos = lastWordPrefixes.filter(isWord);
  if (words.length === 0 || typos.length === 0) return null;
  const last = words.length - 1;
  return words
    .map((word, i) => {
      const prefixes = i === last ? [word, ...typos] : [word];
      const alternatives = prefixes.map((prefix) => `${quoted(prefix)}:*${weights}`);
      return alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' | ')})`;
    })
    .join(' & ');
}

/** The word typed last: the one a person may still be typing, matched as a typo'd prefix too. */
export function lastWord(text: SearchText): string | null {
  return text.words.at(-1) ?? null;
}

/**
 * The words of texts (a caption and its hashtags, a sound title, a display name), as the vocabulary that misspelt
 * words and typo'd prefixes are corrected against.
 */
export function vocabularyOf(texts: readonly string[]): string[] {
  const text = texts.join(' ').normalize('NFKC').toLowerCase();
  // Shorter words have too few trigrams to be told apart from others.
  return [...new Set(text.match(WORD) ?? [])].filter(
    (word) => word.length >= 3 && word.length <= SEARCH_LIMITS.maxWordLength,
  );
}

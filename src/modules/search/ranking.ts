/**
 * How every search ranks, as SQL over column names written here (never over input): a tier — 4 when a name or word
 * equals the query, 3 when it starts with it, 2 when it starts with a typo'd form of its last word (one edit:
 * "dnac" → dance), 1 for a close spelling (trigrams) — plus, below the next tier, text relevance times popularity.
 * So exact beats prefix beats typo'd prefix beats fuzzy, and at equal text relevance the more popular item wins.
 */
export const TIER = { exact: 4, prefix: 3, typoPrefix: 2, close: 1 } as const;

/** Popularity in [0, 1): log-scaled, so a thousand views is far from a million, and halfway at about 20. */
function popularityShare(popularity: string): string {
  return `(ln(1 + greatest(${popularity}, 0)) / (ln(1 + greatest(${popularity}, 0)) + 3))`;
}

/** `tier` an integer expression, `relevance` one in [0, 1]. */
export function scoreSql(tier: string, relevance: string, popularity: string): string {
  return `((${tier})::float8 + 0.999 * least(greatest((${relevance})::float8, 0), 1) * (0.5 + 0.5 * ${popularityShare(popularity)}))`;
}

/** ts_rank of a single full match in the heaviest field is about 0.6: map it to 1. */
export function textRankSql(document: string, query: string): string {
  return `coalesce(ts_rank(${document}, ${query})::float8 / 0.6, 0)`;
}

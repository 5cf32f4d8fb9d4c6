import { searchHashtags } from '../../src/modules/search/hashtag-search.ts';
import { parseSearchText } from '../../src/modules/search/query-text.ts';
import { searchSounds } from '../../src/modules/search/sound-search.ts';
import { suggest } from '../../src/modules/search/suggestions.ts';
import { videosWithHashtag, videosWithSound } from '../../src/modules/search/topic-videos.ts';
import { searchUsers } from '../../src/modules/search/user-search.ts';
import { searchVideos } from '../../src/modules/search/video-search.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { createRandom } from './corpus.ts';
import type { LoadedCorpus } from './load.ts';

export type QueryKind = 'exact' | 'prefix' | 'typo' | 'typo_prefix';
export const QUERY_KINDS: readonly QueryKind[] = ['exact', 'prefix', 'typo', 'typo_prefix'];
export type Target = 'videos' | 'users' | 'hashtags' | 'sounds' | 'suggest';

export interface TimedQuery {
  kind: QueryKind;
  target: Target;
  query: string;
}

/** One letter changed, dropped or two swapped: the misspellings people make. */
function misspell(word: string, random: () => number): string {
  const at = 1 + Math.floor(random() * (word.length - 2));
  const choice = random();
  if (choice < 0.33) return word.slice(0, at) + word.slice(at + 1);
  if (choice < 0.66) return word.slice(0, at) + (word[at + 1] ?? '') + (word[at] ?? '') + word.slice(at + 2);
  return `${word.slice(0, at)}x${word.slice(at + 1)}`;
}

/**
 * The start of a word as someone typing it with a slip: its first half, at least 4 letters, with one letter (never the
 * first) dropped (when 4 remain), swapped with the next, replaced or added.
 */
export function misspeltPrefix(word: string, random: () => number): string {
  const prefix = word.slice(0, Math.max(4, Math.ceil(word.length / 2)));
  const at = 1 + Math.floor(random() * (prefix.length - 1));
  const choice = random();
  if (choice < 0.25 && prefix.length > 4) return prefix.slice(0, at) + prefix.slice(at + 1);
  if (choice < 0.5 && at < prefix.length - 1) {
    return prefix.slice(0, at) + (prefix[at + 1] ?? '') + (prefix[at] ?? '') + prefix.slice(at + 2);
  }
  if (choice < 0.75) return `${prefix.slice(0, at)}x${prefix.slice(at + 1)}`;
  return `${prefix.slice(0, at)}x${prefix.slice(at)}`;
}

/**
 * A fixed mix: each target gets the same number of exact, prefix, typo and typo'd prefix queries drawn from the
 * corpus. The typo'd prefixes come from their own random sequence, so the other queries are those of earlier runs.
 */
export function queryMix(corpus: LoadedCorpus, perCell: number): TimedQuery[] {
  const random = createRandom(7);
  const slips = createRandom(8);
  const pick = <T>(items: readonly T[], top = items.length) =>
    items[Math.floor(random() * Math.min(top, items.length))] as T;
  const longWords = corpus.words.filter((word) => word.length >= 6);
  const sources: Record<Target, () => string> = {
    // Videos are searched by caption words, often popular ones: the expensive case.
    videos: () => pick(longWords, 2000),
    users: () => pick(corpus.usernames),
    hashtags: () => pick(corpus.hashtags, 5000),
    sounds: () => pick(corpus.soundTitles),
    suggest: () => pick(corpus.hashtags, 5000),
  };
  const mix: TimedQuery[] = [];
  for (const target of Object.keys(sources) as Target[]) {
    for (let i = 0; i < perCell; i += 1) {
      const whole = sources[target]();
      const word = whole.split(' ')[0] as string;
      mix.push({ kind: 'exact', target, query: whole });
      mix.push({ kind: 'prefix', target, query: word.slice(0, Math.max(3, Math.ceil(word.length / 2))) });
      mix.push({ kind: 'typo', target, query: word.length >= 5 ? misspell(word, random) : `${word}x` });
      mix.push({ kind: 'typo_prefix', target, query: misspeltPrefix(word, slips) });
    }
  }
  return mix;
}

export async function runQuery(db: Database, timed: TimedQuery): Promise<number> {
  const text = parseSearchText(timed.query);
  const page = 20;
  switch (timed.target) {
    case 'videos':
      return (await searchVideos(db, text, null, page)).length;
    case 'users':
      return (await searchUsers(db, text, null, page)).length;
    case 'hashtags':
      return (await searchHashtags(db, text, null, page)).length;
    case 'sounds':
      return (await searchSounds(db, text, null, page, null)).length;
    case 'suggest':
      return (await suggest(db, text, null)).length;
  }
}

export interface Percentiles {
  queries: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  max_ms: number;
  /** Share of queries that found at least one result. */
  found: number;
}

export function percentiles(samples: Array<{ ms: number; results: number }>): Percentiles {
  const sorted = samples.map((sample) => sample.ms).sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10;
  return {
    queries: sorted.length,
    p50_ms: at(0.5),
    p95_ms: at(0.95),
    p99_ms: at(0.99),
    max_ms: Math.round((sorted.at(-1) ?? 0) * 10) / 10,
    found:
      Math.round((samples.filter((sample) => sample.results > 0).length / Math.max(1, samples.length)) * 100) / 100,
  };
}

/** Runs a query of the mix through some version of the search code (this one: `runQuery`). */
export type QueryRunner = (db: Database, timed: TimedQuery) => Promise<number>;

type Sample = TimedQuery & { ms: number; results: number };

function summary(samples: Sample[]) {
  const by = (filter: (sample: Sample) => boolean) => percentiles(samples.filter(filter));
  const targets = ['videos', 'users', 'hashtags', 'sounds', 'suggest'] as const;
  return {
    overall: by(() => true),
    by_kind: Object.fromEntries(QUERY_KINDS.map((kind) => [kind, by((sample) => sample.kind === kind)])),
    by_target: Object.fromEntries(targets.map((target) => [target, by((sample) => sample.target === target)])),
    slowest: [...samples]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3)
      .map((sample) => ({ target: sample.target, kind: sample.kind, query: sample.query, ms: Math.round(sample.ms) })),
  };
}

async function timed(run: QueryRunner, db: Database, query: TimedQuery): Promise<Sample> {
  const started = performance.now();
  const results = await run(db, query);
  return { ...query, ms: performance.now() - started, results };
}

/**
 * Runs the mix once to warm the caches, then again timing each query (one at a time, as a user waits). With a
 * `baseline` (the same mix through another version's code, on the same index), each query runs through both, in
 * turns, so both see the same load; then `baseline` holds its figures and `p95_ratio` this version's p95 over it.
 */
export async function timeMix(db: Database, mix: readonly TimedQuery[], baseline?: QueryRunner) {
  const runners: QueryRunner[] = baseline ? [runQuery, baseline] : [runQuery];
  for (const query of mix) for (const run of runners) await run(db, query);
  const samples: Sample[][] = runners.map(() => []);
  for (const [i, query] of mix.entries()) {
    // Alternate who goes first, so neither always runs on caches the other warmed.
    const order = i % 2 === 0 ? runners.keys() : [...runners.keys()].reverse();
    for (const r of order) samples[r]?.push(await timed(runners[r] as QueryRunner, db, query));
  }
  const own = summary(samples[0] ?? []);
  if (!baseline) return own;
  const other = summary(samples[1] ?? []);
  const ratio = (a: Percentiles, b: Percentiles) => Math.round((a.p95_ms / Math.max(b.p95_ms, 0.1)) * 100) / 100;
  return {
    ...own,
    baseline: other,
    p95_ratio: {
      overall: ratio(own.overall, other.overall),
      by_kind: Object.fromEntries(
        QUERY_KINDS.map((kind) => [kind, ratio(own.by_kind[kind] as Percentiles, other.by_kind[kind] as Percentiles)]),
      ),
    },
  };
}

/**
 * Hashtag and sound pages of the most used hashtags and sounds (the biggest lists): the first page and the page a
 * cursor two pages in leads to, 20 videos each (index reads only, as the queries above).
 */
export async function timePages(db: Database, corpus: LoadedCorpus, count: number) {
  const { rows: sounds } = await db.query<{ id: string }>(
    'select id::text from search_sounds order by video_count desc limit $1',
    [count],
  );
  const samples: Array<{ ms: number; results: number }> = [];
  const pages = async (
    fetch: (after: { score: number; key: string } | null) => Promise<Array<{ id: string; score: number }>>,
  ) => {
    let after: { score: number; key: string } | null = null;
    for (let page = 0; page < 3; page += 1) {
      const started = performance.now();
      const rows = await fetch(after);
      samples.push({ ms: performance.now() - started, results: rows.length });
      const last = rows.at(-1);
      if (!last) break;
      after = { score: last.score, key: last.id };
    }
  };
  for (const tag of corpus.hashtags.slice(0, count)) await pages((after) => videosWithHashtag(db, tag, after, 20));
  for (const { id } of sounds) await pages((after) => videosWithSound(db, id, after, 20));
  return percentiles(samples);
}

import type { CreatorStats } from './audience-stats.ts';
import { type VideoCatalogue, VideoStat } from './catalogue.ts';
import type { TrendingBoard } from './trending.ts';
import { grow } from './typed-arrays.ts';
import type { UserProfile } from './user-profiles.ts';
import type { VideoIndex } from './video-index.ts';

/** Where a candidate came from (bit flags: one video can come from several sources). */
export const CandidateSource = { similar: 1, trending: 2, fresh: 4, explore: 8, following: 16 } as const;

const TRENDING_CANDIDATES = 300;
const FRESH_CANDIDATES = 300;
const RANDOM_CANDIDATES = 200;
const FOLLOWING_CANDIDATES = 200;
/** A fresh upload is in its test audience until it has this many views. */
const TEST_AUDIENCE_VIEWS = 100;
const FOLLOWING_RECENT_MS = 3 * 86_400_000;

/** The candidates of one request: labels, their sources, deduplicated. Reused across requests. */
export class CandidatePool {
  labels = new Int32Array(8192);
  sources = new Uint8Array(8192);
  count = 0;
  /** Time the last retrieval spent in the nearest-neighbour search. */
  annMs = 0;
  #slot = new Int32Array(0);
  #stamp = new Uint32Array(0);
  #generation = 0;

  reset(catalogueSize: number): void {
    if (this.#stamp.length < catalogueSize) {
      this.#stamp = new Uint32Array(Math.max(catalogueSize, this.#stamp.length * 2));
      this.#slot = new Int32Array(this.#stamp.length);
      this.#generation = 0;
    }
    this.#generation++;
    this.count = 0;
  }

  add(label: number, source: number): void {
    if (this.#stamp[label] === this.#generation) {
      const slot = this.#slot[label] as number;
      this.sources[slot] = (this.sources[slot] as number) | source;
      return;
    }
    if (this.count === this.labels.length) {
      this.labels = grow(this.labels, this.count * 2);
      this.sources = grow(this.sources, this.count * 2);
    }
    this.#stamp[label] = this.#generation;
    this.#slot[label] = this.count;
    this.labels[this.count] = label;
    this.sources[this.count] = source;
    this.count++;
  }
}

export interface RetrievalRequest {
  /** Null for a visitor. */
  viewerId: string | null;
  catalogue: VideoCatalogue;
  index: VideoIndex;
  trending: TrendingBoard;
  creators: CreatorStats;
  /** Undefined for a visitor: no similarity or following sources, no seen filter. */
  profile: UserProfile | undefined;
  /** The user's unit query vector; all zeros when there is nothing to search with. */
  query: Float32Array;
  annCandidates: number;
  annEf: number;
  now: number;
  random: () => number;
}

/**
 * Stage 1: candidates from every source, filtered. Nearest neighbours of the user's vector in the HNSW index (up to
 * `annCandidates`), the trending board, fresh uploads still in their test audience (zero-follower creators first),
 * recent videos of followed creators and a uniform random sample for exploration. Filtered: eligible (ready,
 * public, published, not removed), not already seen, not by a hidden (blocked) author, not the user's own.
 */
export function retrieveCandidates(request: RetrievalRequest, pool: CandidatePool): CandidatePool {
  const { catalogue, profile, now } = request;
  pool.reset(catalogue.size);
  const ownAuthor = request.viewerId ? catalogue.authors.find(request.viewerId) : -1;
  const admit = (label: number, source: number) => {
    if (label < 0 || !catalogue.isEligible(label)) return;
    const author = catalogue.author[label] as number;
    if (author === ownAuthor) return;
    if (profile) {
      if (profile.hidden.size > 0 && profile.hidden.has(author)) return;
      if (profile.seen.hasHashes(catalogue.seenHash1[label] as number, catalogue.seenHash2[label] as number)) return;
    }
    pool.add(label, source);
  };

  pool.annMs = 0;
  if (profile && hasDirection(request.query)) {
    const searching = performance.now();
    const neighbours = request.index.search(request.query, request.annCandidates, request.annEf);
    pool.annMs = performance.now() - searching;
    for (const label of neighbours) admit(label, CandidateSource.similar);
  }
  const board = request.trending.top();
  for (let i = 0; i < board.length && i < TRENDING_CANDIDATES; i++) admit(board[i] as number, CandidateSource.trending);
  if (profile && profile.follows.size > 0) {
    let taken = 0;
    for (const author of profile.follows) {
      for (const label of catalogue.recentByAuthor.get(author) ?? []) {
        if (now - (catalogue.readyAt[label] as number) > FOLLOWING_RECENT_MS) continue;
        admit(label, CandidateSource.following);
        taken++;
      }
      if (taken >= FOLLOWING_CANDIDATES) break;
    }
  }
  addFreshUploads(request, admit);
  for (let i = 0; i < RANDOM_CANDIDATES && i < catalogue.eligibleCount; i++) {
    admit(catalogue.randomEligible(request.random), CandidateSource.explore);
  }
  return pool;
}

/** Newest first, creators without followers before the rest. */
function addFreshUploads(request: RetrievalRequest, admit: (label: number, source: number) => void): void {
  const { catalogue, creators, now } = request;
  const later: number[] = [];
  let taken = 0;
  const ring = catalogue.fresh;
  for (let i = 1; i <= ring.length && taken < FRESH_CANDIDATES; i++) {
    const label = ring[(catalogue.freshHead - i + ring.length) % ring.length] as number;
    if (label < 0) break;
    if (catalogue.lifetime.get(label, VideoStat.views, now) >= TEST_AUDIENCE_VIEWS) continue;
    if (creators.followersOf(catalogue.author[label] as number) === 0) {
      admit(label, CandidateSource.fresh);
      taken++;
    } else later.push(label);
  }
  for (const label of later) {
    if (taken++ >= FRESH_CANDIDATES) break;
    admit(label, CandidateSource.fresh);
  }
}

function hasDirection(vector: Float32Array): boolean {
  for (let i = 0; i < vector.length; i++) if (vector[i] !== 0) return true;
  return false;
}

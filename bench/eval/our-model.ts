import type { Static, TSchema } from 'typebox';
import { CoEngagementScores } from '../../src/modules/recsys/co-engagement.ts';
import { rankCandidates } from '../../src/modules/recsys/rank-candidates.ts';
import { type RankingContext, rankingContext } from '../../src/modules/recsys/ranking-features.ts';
import { Recommender } from '../../src/modules/recsys/recommender.ts';
import { DEFAULT_RECOMMENDER, type RecommenderOptions } from '../../src/modules/recsys/recommender-state.ts';
import { EMBEDDING_DIM } from '../../src/modules/recsys/vector-math.ts';
import { VideoEvents } from '../../src/modules/videos/events.ts';
import type { EventDefinition } from '../../src/platform/stream/event-contract.ts';
import { createEvent, type DomainEvent } from '../../src/platform/stream/events.ts';
import type { IndexedSplit, Scorer } from './baselines.ts';
import type { Movie } from './movielens.ts';

const DAY_MS = 86_400_000;

/** A hashtag from a genre or a free-text tag: lower case, letters, digits and _. */
export function asHashtag(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 50);
}

function event<S extends TSchema>(definition: EventDefinition<S>, data: Static<S>, atMs: number): DomainEvent {
  return createEvent(definition, data, new Date(atMs));
}

/** Ids are uuids, as events carry them: MovieLens' numbers in the last group. */
const uuidOf = (kind: number, n: number) => `0000000${kind}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const movieVideoId = (movieId: number) => uuidOf(1, movieId);
const movieAuthorId = (movieId: number) => uuidOf(2, movieId);
const raterId = (userId: number) => uuidOf(3, userId);

export interface OurModel {
  recommender: Recommender;
  /** Stage 2 over every item: the ranking model's score. */
  rankingScorer: Scorer;
  /** The whole serving path (retrieval → ranking → re-ranking) for `size` ids, as item indices. */
  servePage(user: number, size: number): number[];
}

/**
 * Our recommender fed MovieLens as Looply events: each movie a VideoReady (genres then its most used tags as
 * hashtags, the title as caption, released on 1 January of its year), each train rating a full-watch ViewLogged,
 * in time order. Movies have no creator in MovieLens, so each is its own author.
 */
export function trainOurModel(
  _data: IndexedSplit,
  movies: Movie[],
  itemIds: number[],
  userIds: number[],
  train: Array<Array<{ item: number; time: number }>>,
  movieTags: Map<number, string[]>,
  options: Partial<RecommenderOptions> = {},
): OurModel {
  const recommender = new Recommender({ options: { ...DEFAULT_RECOMMENDER, ...options }, seed: 1 });
  const byId = new Map(movies.map((movie) => [movie.id, movie]));
  const firstSeen = new Map<number, number>();
  for (const list of train) {
    for (const { item, time } of list)
      firstSeen.set(item, Math.min(firstSeen.get(item) ?? Number.POSITIVE_INFINITY, time));
  }
  const start = Math.min(...[...firstSeen.values()]) * 1000;
  itemIds.forEach((movieId, item) => {
    const movie = byId.get(movieId);
    const released = movie?.year ? Date.UTC(movie.year, 0, 1) : (firstSeen.get(item) ?? start / 1000) * 1000;
    const hashtags = [...new Set([...(movie?.genres ?? []), ...(movieTags.get(movieId) ?? [])].map(asHashtag))].filter(
      Boolean,
    );
    recommender.apply(
      event(
        VideoEvents.ready,
        {
          video_id: movieVideoId(movieId),
          author_id: movieAuthorId(movieId),
          caption: movie?.title ?? '',
          hashtags,
          duration_ms: 0,
        },
        Math.min(released, start),
      ),
    );
  });
  const views = train
    .flatMap((list, user) => list.map(({ item, time }) => ({ user, item, time })))
    .sort((a, b) => a.time - b.time || a.user - b.user);
  let maintained = 0;
  for (const { user, item, time } of views) {
    const at = time * 1000;
    recommender.apply(
      event(
        VideoEvents.viewLogged,
        {
          video_id: movieVideoId(itemIds[item] as number),
          user_id: raterId(userIds[user] as number),
          watch_time_ms: 60_000,
          completion_rate: 1,
          replay_count: 0,
          skipped: false,
          source: 'fyp',
        },
        at,
      ),
    );
    if (at - maintained > DAY_MS) {
      // No row expiry here: each user is scored as of their own last train time, but the state ends in 2018, so a
      // global clock would expire the rows of users who left years before (production expires rows idle 30 days).
      recommender.maintain(at, 0, false);
      maintained = at;
    }
  }
  recommender.maintain(maintained, 10_000, false);

  const { state } = recommender;
  const labels = Int32Array.from(itemIds, (movieId) => state.catalogue.labelOf.get(movieVideoId(movieId)) as number);
  const itemOfLabel = new Map<number, number>();
  labels.forEach((label, item) => {
    itemOfLabel.set(label, item);
  });
  const lastTrainTime = (user: number) => ((train[user]?.at(-1)?.time ?? start / 1000) as number) * 1000;
  const query = new Float32Array(EMBEDDING_DIM);
  const short = new Float32Array(EMBEDDING_DIM);
  const long = new Float32Array(EMBEDDING_DIM);
  const coScores = new CoEngagementScores();
  const rankingScorer: Scorer = (user, scores) => {
    const now = lastTrainTime(user);
    const profile = state.users.find(raterId(userIds[user] as number));
    const vectors = {
      query: state.towers.userVector(profile, query, now),
      short: profile ? profile.shortInterest(short, now) : short.fill(0),
      long: profile ? profile.longInterest(long) : long.fill(0),
    };
    const context: RankingContext = rankingContext(state, profile, vectors, now, coScores);
    rankCandidates(state.ranker, context, labels, labels.length, scores);
  };
  return {
    recommender,
    rankingScorer,
    servePage(user, size) {
      const page = recommender.recommend({ userId: raterId(userIds[user] as number), now: lastTrainTime(user), size });
      return page.items.map((item) => itemOfLabel.get(state.catalogue.labelOf.get(item.videoId) as number) as number);
    },
  };
}

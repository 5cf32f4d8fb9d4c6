import { AudienceStats, CreatorStats } from './audience-stats.ts';
import { VideoCatalogue } from './catalogue.ts';
import { CoEngagement } from './co-engagement.ts';
import { ImpressionJoiner } from './impression-joiner.ts';
import { rankingPrior } from './ranking-features.ts';
import { MultiTaskRanker } from './ranking-model.ts';
import { TrendingBoard } from './trending.ts';
import { DEFAULT_TOWERS, type TowerOptions, TwoTowers } from './two-towers.ts';
import { UserProfiles } from './user-profiles.ts';
import { EMBEDDING_DIM } from './vector-math.ts';
import { VideoIndex } from './video-index.ts';

export interface RecommenderOptions {
  towers: TowerOptions;
  /** Random videos each engaged view is contrasted with, for the towers and for the ranking heads. */
  towerNegatives: number;
  rankerNegatives: number;
  /**
   * Size of the ANN retrieval and its search breadth. With trending, fresh, following and random sources, stage 1
   * hands ~5,000 candidates to ranking; the HNSW search is the part of the 10 ms budget that grows with the catalogue.
   */
  annCandidates: number;
  annEf: number;
  /** Ranked ids per computation (one cached list). */
  listSize: number;
  hnsw: { m: number; efConstruction: number };
  taskWeights?: readonly number[];
}

export const DEFAULT_RECOMMENDER: RecommenderOptions = {
  towers: DEFAULT_TOWERS,
  towerNegatives: 8,
  rankerNegatives: 2,
  annCandidates: 4000,
  annEf: 4000,
  listSize: 50,
  hnsw: { m: 16, efConstruction: 64 },
};

/** Everything the recommender holds in memory; one instance per api process. */
export interface RecommenderState {
  options: RecommenderOptions;
  catalogue: VideoCatalogue;
  users: UserProfiles;
  creators: CreatorStats;
  hashtags: AudienceStats;
  sounds: AudienceStats;
  towers: TwoTowers;
  ranker: MultiTaskRanker;
  index: VideoIndex;
  trending: TrendingBoard;
  coEngagement: CoEngagement;
  joiner: ImpressionJoiner;
  /** Videos whose tower rows moved since their vector was last written to the catalogue and the index. */
  dirty: Set<number>;
  /** Videos whose catalogue vector may have drifted from the one in the index. */
  unindexed: Set<number>;
}

export function createRecommenderState(options: RecommenderOptions = DEFAULT_RECOMMENDER): RecommenderState {
  return {
    options,
    catalogue: new VideoCatalogue(),
    users: new UserProfiles(),
    creators: new CreatorStats(),
    hashtags: new AudienceStats(),
    sounds: new AudienceStats(),
    towers: new TwoTowers(options.towers),
    ranker: new MultiTaskRanker({
      prior: rankingPrior(),
      ...(options.taskWeights ? { weights: options.taskWeights } : {}),
    }),
    index: new VideoIndex({ dim: EMBEDDING_DIM, ...options.hnsw }),
    trending: new TrendingBoard(),
    coEngagement: new CoEngagement(),
    joiner: new ImpressionJoiner(),
    dirty: new Set(),
    unindexed: new Set(),
  };
}

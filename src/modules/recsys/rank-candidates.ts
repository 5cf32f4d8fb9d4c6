import { FeatureVector } from './ftrl.ts';
import { type RankingContext, writeRankingFeatures } from './ranking-features.ts';
import type { MultiTaskRanker } from './ranking-model.ts';

const features = new FeatureVector();

/** Stage 2: the multi-task model's combined score for each of the first `count` labels, into `scores`. */
export function rankCandidates(
  ranker: MultiTaskRanker,
  context: RankingContext,
  labels: Int32Array,
  count: number,
  scores: Float32Array,
): Float32Array {
  for (let i = 0; i < count; i++) {
    writeRankingFeatures(context, labels[i] as number, features);
    scores[i] = ranker.score(features);
  }
  return scores;
}

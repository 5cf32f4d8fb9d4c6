/** Recall@k = hits / |test|; NDCG@k with binary relevance, ideal DCG over min(|test|, k) hits. */
export function recallAndNdcg(ranked: readonly number[], relevant: ReadonlySet<number>, k: number) {
  let hits = 0;
  let dcg = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) {
    if (relevant.has(ranked[i] as number)) {
      hits++;
      dcg += 1 / Math.log2(i + 2);
    }
  }
  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return { recall: relevant.size ? hits / relevant.size : 0, ndcg: ideal ? dcg / ideal : 0 };
}

/** Indices of the `k` largest scores, best first, skipping indices `excluded` says to. */
export function topK(scores: ArrayLike<number>, k: number, excluded: (index: number) => boolean): number[] {
  const best: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (excluded(i)) continue;
    const score = scores[i] as number;
    if (best.length === k && score <= (scores[best[k - 1] as number] as number)) continue;
    let at = best.length === k ? k - 1 : best.length;
    if (best.length < k) best.push(i);
    while (at > 0 && (scores[best[at - 1] as number] as number) < score) {
      best[at] = best[at - 1] as number;
      at--;
    }
    best[at] = i;
  }
  return best;
}

export interface MethodResult {
  method: string;
  recall20: number;
  ndcg20: number;
  trainSeconds: number;
  scoreSeconds: number;
  notes?: string;
}

import { createRandom } from '../../src/platform/hashing.ts';

/** Users and items as dense indices: what every method here trains and scores on. */
export interface IndexedSplit {
  itemCount: number;
  /** Per user: train item indices, in time order. */
  train: Int32Array[];
  /** Per user: test item indices. */
  test: Set<number>[];
  trainSets: Set<number>[];
}

export type Scorer = (user: number, scores: Float32Array) => void;

/** Most interacted-with items in train, the same list for everyone. */
export function trainPopularity(data: IndexedSplit): Scorer {
  const counts = new Float32Array(data.itemCount);
  for (const items of data.train) for (const item of items) counts[item] = (counts[item] as number) + 1;
  return (_user, scores) => scores.set(counts);
}

/**
 * Item-kNN: cosine similarity of items' binary user vectors, each item keeping its `neighbours` most similar;
 * a user's score for an item is the sum of its similarities to the user's train items.
 */
export function trainItemKnn(data: IndexedSplit, neighbours: number): Scorer {
  const n = data.itemCount;
  const co = new Float32Array(n * n);
  const counts = new Float32Array(n);
  for (const items of data.train) {
    for (const a of items) {
      counts[a] = (counts[a] as number) + 1;
      const row = a * n;
      for (const b of items) if (a !== b) co[row + b] = (co[row + b] as number) + 1;
    }
  }
  const lists: Array<{ items: Int32Array; sims: Float32Array }> = [];
  const candidates: number[] = [];
  for (let a = 0; a < n; a++) {
    candidates.length = 0;
    const row = a * n;
    for (let b = 0; b < n; b++) {
      const c = co[row + b] as number;
      if (c > 0) {
        co[row + b] = c / Math.sqrt((counts[a] as number) * (counts[b] as number));
        candidates.push(b);
      }
    }
    candidates.sort((x, y) => (co[row + y] as number) - (co[row + x] as number));
    const kept = candidates.slice(0, neighbours);
    lists.push({ items: Int32Array.from(kept), sims: Float32Array.from(kept.map((b) => co[row + b] as number)) });
  }
  return (user, scores) => {
    scores.fill(0);
    for (const item of data.train[user] as Int32Array) {
      const list = lists[item] as { items: Int32Array; sims: Float32Array };
      for (let j = 0; j < list.items.length; j++) {
        const b = list.items[j] as number;
        scores[b] = (scores[b] as number) + (list.sims[j] as number);
      }
    }
  };
}

export interface BprOptions {
  factors: number;
  learningRate: number;
  regularization: number;
  epochs: number;
  seed: number;
}

/** BPR matrix factorisation (Rendle et al. 2009): SGD on (user, train item, uniformly sampled other item) triples. */
export function trainBpr(data: IndexedSplit, options: BprOptions): Scorer {
  const { factors: k, learningRate: lr, regularization: reg } = options;
  const random = createRandom(options.seed);
  const users = data.train.length;
  const gaussian = () => (random() + random() + random() - 1.5) * 0.1;
  const p = Float32Array.from({ length: users * k }, gaussian);
  const q = Float32Array.from({ length: data.itemCount * k }, gaussian);
  const bias = new Float32Array(data.itemCount);
  const pairs: Array<[number, number]> = [];
  data.train.forEach((items, user) => {
    for (const item of items) pairs.push([user, item]);
  });
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let step = 0; step < pairs.length; step++) {
      const [u, i] = pairs[Math.floor(random() * pairs.length)] as [number, number];
      let j = Math.floor(random() * data.itemCount);
      while ((data.trainSets[u] as Set<number>).has(j)) j = Math.floor(random() * data.itemCount);
      let x = (bias[i] as number) - (bias[j] as number);
      for (let f = 0; f < k; f++) x += (p[u * k + f] as number) * ((q[i * k + f] as number) - (q[j * k + f] as number));
      const g = 1 / (1 + Math.exp(x));
      bias[i] = (bias[i] as number) + lr * (g - reg * (bias[i] as number));
      bias[j] = (bias[j] as number) + lr * (-g - reg * (bias[j] as number));
      for (let f = 0; f < k; f++) {
        const pu = p[u * k + f] as number;
        const qi = q[i * k + f] as number;
        const qj = q[j * k + f] as number;
        p[u * k + f] = pu + lr * (g * (qi - qj) - reg * pu);
        q[i * k + f] = qi + lr * (g * pu - reg * qi);
        q[j * k + f] = qj + lr * (-g * pu - reg * qj);
      }
    }
  }
  return (user, scores) => {
    for (let i = 0; i < data.itemCount; i++) {
      let s = bias[i] as number;
      for (let f = 0; f < k; f++) s += (p[user * k + f] as number) * (q[i * k + f] as number);
      scores[i] = s;
    }
  };
}

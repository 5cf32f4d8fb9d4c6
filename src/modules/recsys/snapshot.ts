import { deserialize, serialize } from 'node:v8';
import { AppliedEvents } from './applied-events.ts';
import type { VideoCatalogue } from './catalogue.ts';
import type { DecayedCounters } from './decayed-counters.ts';
import { Vocabulary } from './decayed-counters.ts';
import { HashEmbeddingTable } from './embedding-table.ts';
import type { FtrlSnapshot } from './ftrl.ts';
import { rankingPrior } from './ranking-features.ts';
import { MultiTaskRanker } from './ranking-model.ts';
import { REPLAY_OVERLAP_MS, Recommender } from './recommender.ts';
import { createRecommenderState, DEFAULT_RECOMMENDER, type RecommenderOptions } from './recommender-state.ts';
import { SeenFilter, seenHashes } from './seen-filter.ts';
import { TwoTowers } from './two-towers.ts';
import { UserProfile } from './user-profiles.ts';
import { EMBEDDING_DIM } from './vector-math.ts';

const FORMAT = 1;
/** Event ids kept in a snapshot: enough to recognise every redelivery within the replay overlap. */
const APPLIED_IDS_KEPT = 50_000;

type Counters = { values: Float32Array; at: Float64Array };

function counters(source: DecayedCounters, rows: number): Counters {
  return { values: source.values.slice(0, rows * source.columns), at: source.at.slice(0, rows) };
}

function restoreCounters(target: DecayedCounters, saved: Counters): void {
  target.ensure(saved.at.length);
  target.values.set(saved.values);
  target.at.set(saved.at);
}

/** Everything the recommender learned, as one buffer (V8 serialisation keeps typed arrays compact). */
export function encodeRecommender(recommender: Recommender): Buffer {
  const { state } = recommender;
  const { catalogue: c } = state;
  const n = c.size;
  return serialize({
    format: FORMAT,
    watermark: recommender.watermark,
    applied: recommender.applied.toArray().slice(-APPLIED_IDS_KEPT),
    catalogue: {
      ids: c.ids,
      authors: c.authors.names,
      tags: c.tags.names,
      sounds: c.sounds.names,
      tokens: c.tokens.names,
      author: c.author.slice(0, n),
      sound: c.sound.slice(0, n),
      tagSlots: c.tagSlots.slice(0, n * (c.tagSlots.length / c.author.length)),
      tokenSlots: c.tokenSlots.slice(0, n * (c.tokenSlots.length / c.author.length)),
      readyAt: c.readyAt.slice(0, n),
      publishAt: c.publishAt.slice(0, n),
      durationMs: c.durationMs.slice(0, n),
      state: c.state.slice(0, n),
      vectors: c.vectors.slice(0, n * EMBEDDING_DIM),
      allTimeViews: c.allTimeViews.slice(0, n),
      trending: counters(c.trending, n),
      lifetime: counters(c.lifetime, n),
      fresh: c.fresh,
      freshHead: c.freshHead,
      recentByAuthor: [...c.recentByAuthor.entries()],
    },
    users: [...state.users.all()].map((profile) => ({
      ...profile,
      tagAffinity: [...profile.tagAffinity.entries()],
      authorAffinity: [...profile.authorAffinity.entries()],
      soundAffinity: [...profile.soundAffinity.entries()],
      tagViews: [...profile.tagViews.entries()],
      tagEngaged: [...profile.tagEngaged.entries()],
      follows: [...profile.follows],
      hidden: [...profile.hidden],
      seen: profile.seen.encode(),
    })),
    creators: {
      followers: state.creators.followers.slice(0, c.authors.size),
      videos: state.creators.videos.slice(0, c.authors.size),
      engagement: counters(state.creators.engagement, c.authors.size),
    },
    hashtags: counters(state.hashtags.engagement, c.tags.size),
    sounds: counters(state.sounds.engagement, c.sounds.size),
    embeddings: state.towers.table.toSnapshot(),
    heads: state.ranker.toSnapshot().map(sparseHead),
    coEngagement: {
      totals: state.coEngagement.totals.slice(0, n),
      neighbours: state.coEngagement.neighbours.slice(0, n),
      weights: state.coEngagement.weights.slice(0, n),
    },
  });
}

function sparseHead(head: FtrlSnapshot) {
  const indices: number[] = [];
  for (let i = 0; i < head.n.length; i++) if (head.n[i] !== 0) indices.push(i);
  return {
    size: head.n.length,
    indices: Int32Array.from(indices),
    z: Float32Array.from(indices, (i) => head.z[i] as number),
    n: Float32Array.from(indices, (i) => head.n[i] as number),
  };
}

function denseHead(saved: ReturnType<typeof sparseHead>): FtrlSnapshot {
  const z = new Float32Array(saved.size);
  const n = new Float32Array(saved.size);
  saved.indices.forEach((index, i) => {
    z[index] = saved.z[i] as number;
    n[index] = saved.n[i] as number;
  });
  return { z, n };
}

/**
 * A recommender restored from `encodeRecommender`: state, models and the index (rebuilt from the vectors). Events
 * up to the watermark minus the replay overlap are already in it; the remembered ids catch redeliveries after that.
 */
export function decodeRecommender(buffer: Buffer, options: RecommenderOptions = DEFAULT_RECOMMENDER): Recommender {
  // biome-ignore lint/suspicious/noExplicitAny: the shape is the one encodeRecommender wrote, checked by `format`
  const saved = deserialize(buffer) as any;
  if (saved?.format !== FORMAT) throw new Error(`unknown recommender snapshot format ${saved?.format}`);
  const base = createRecommenderState(options);
  const state = {
    ...base,
    towers: new TwoTowers(
      options.towers,
      new HashEmbeddingTable(
        {
          dim: EMBEDDING_DIM,
          minCount: options.towers.minCount,
          ttlMs: options.towers.ttlMs,
          learningRate: options.towers.learningRate,
          startsAtZero: (key) => key.startsWith('v:') || key.startsWith('u:'),
        },
        saved.embeddings,
      ),
    ),
    ranker: new MultiTaskRanker({
      prior: rankingPrior(),
      ...(options.taskWeights ? { weights: options.taskWeights } : {}),
      snapshot: saved.heads.map(denseHead),
    }),
  };
  restoreCatalogue(state.catalogue, saved.catalogue);
  for (const raw of saved.users) {
    const profile = Object.assign(new UserProfile(raw.id), {
      ...raw,
      tagAffinity: new Map(raw.tagAffinity),
      authorAffinity: new Map(raw.authorAffinity),
      soundAffinity: new Map(raw.soundAffinity),
      tagViews: new Map(raw.tagViews),
      tagEngaged: new Map(raw.tagEngaged),
      follows: new Set(raw.follows),
      hidden: new Set(raw.hidden),
      seen: SeenFilter.decode(raw.seen),
    });
    state.users.put(profile);
  }
  state.creators.ensure(saved.creators.followers.length);
  state.creators.followers.set(saved.creators.followers);
  state.creators.videos.set(saved.creators.videos);
  restoreCounters(state.creators.engagement, saved.creators.engagement);
  restoreCounters(state.hashtags.engagement, saved.hashtags);
  restoreCounters(state.sounds.engagement, saved.sounds);
  state.coEngagement.ensure(saved.coEngagement.totals.length);
  state.coEngagement.totals.set(saved.coEngagement.totals);
  state.coEngagement.neighbours = saved.coEngagement.neighbours;
  state.coEngagement.weights = saved.coEngagement.weights;
  const { catalogue } = state;
  for (let i = 0; i < catalogue.eligibleCount; i++) {
    const label = catalogue.eligible[i] as number;
    state.index.upsert(label, catalogue.vectorOf(label));
  }
  state.trending.rebuild(catalogue, saved.watermark);
  const recommender = new Recommender({ state });
  recommender.watermark = saved.watermark;
  recommender.replayFloor = saved.watermark - REPLAY_OVERLAP_MS;
  recommender.applied = new AppliedEvents(undefined, saved.applied);
  return recommender;
}

// biome-ignore lint/suspicious/noExplicitAny: see decodeRecommender
function restoreCatalogue(catalogue: VideoCatalogue, saved: any): void {
  catalogue.authors = new Vocabulary(saved.authors);
  catalogue.tags = new Vocabulary(saved.tags);
  catalogue.sounds = new Vocabulary(saved.sounds);
  catalogue.tokens = new Vocabulary(saved.tokens);
  const videos = saved.ids as string[];
  catalogue.ensureCapacity(videos.length);
  for (const [label, id] of videos.entries()) {
    catalogue.ids.push(id);
    catalogue.labelOf.set(id, label);
    [catalogue.seenHash1[label], catalogue.seenHash2[label]] = seenHashes(id);
  }
  catalogue.author.set(saved.author);
  catalogue.sound.set(saved.sound);
  catalogue.tagSlots.set(saved.tagSlots);
  catalogue.tokenSlots.set(saved.tokenSlots);
  catalogue.readyAt.set(saved.readyAt);
  catalogue.publishAt.set(saved.publishAt);
  catalogue.durationMs.set(saved.durationMs);
  catalogue.vectors.set(saved.vectors);
  catalogue.allTimeViews.set(saved.allTimeViews);
  restoreCounters(catalogue.trending, saved.trending);
  restoreCounters(catalogue.lifetime, saved.lifetime);
  catalogue.fresh = saved.fresh;
  catalogue.freshHead = saved.freshHead;
  catalogue.recentByAuthor = new Map(saved.recentByAuthor);
  (saved.state as Uint8Array).forEach((state, label) => {
    catalogue.setState(label, state);
  });
}

import { TRENDING } from '../../config.ts';
import { hashPair } from '../../platform/hashing.ts';
import { DecayedCountMin } from './decayed-count-min.ts';
import { TopKeys } from './top-keys.ts';
import { trendScore, type WindowCounts } from './trend-score.ts';

export const TREND_KINDS = ['hashtag', 'sound', 'video'] as const;
export type TrendKind = (typeof TREND_KINDS)[number];

export interface TrendEntry {
  key: string;
  score: number;
  counts: WindowCounts;
}

export interface DetectorShape {
  windowsMs: readonly number[];
  depth: number;
  width: number;
  candidates: number;
}

const DEFAULT_SHAPE: DetectorShape = {
  windowsMs: TRENDING.windowsMs,
  depth: TRENDING.sketchDepth,
  width: TRENDING.sketchWidth,
  candidates: TRENDING.candidates,
};

/** Candidates are ranked by the middle window: recent enough to catch a riser, long enough to be steady. */
const PRIORITY_WINDOW = 1;

/** One kind of key (hashtags, sounds or videos): a decayed Count-Min sketch per window and the candidate keys. */
class KindTrends {
  sketches: DecayedCountMin[];
  readonly candidates: TopKeys;

  constructor(shape: DetectorShape, landmark: number) {
    this.sketches = shape.windowsMs.map(
      (tauMs) => new DecayedCountMin({ depth: shape.depth, width: shape.width, tauMs, landmark }),
    );
    this.candidates = new TopKeys(shape.candidates);
  }

  record(key: string, weight: number, at: number): void {
    const [h1, h2] = hashPair(key);
    let priority = 0;
    for (const [i, sketch] of this.sketches.entries()) {
      if (sketch.needsRescale(at)) {
        const factor = sketch.rescale(at);
        if (i === PRIORITY_WINDOW) this.candidates.scale(factor);
      }
      const stored = sketch.add(h1, h2, weight, at);
      if (i === PRIORITY_WINDOW) priority = stored;
    }
    this.candidates.offer(key, priority);
  }

  counts(key: string, now: number): WindowCounts {
    const [h1, h2] = hashPair(key);
    const [a, b, c] = this.sketches.map((sketch) => sketch.estimate(h1, h2, now));
    return [a ?? 0, b ?? 0, c ?? 0];
  }

  /** Re-offers every candidate with its priority in this sketch (after a merge). */
  recandidate(keys: Iterable<string>): void {
    const sketch = this.sketches[PRIORITY_WINDOW] as DecayedCountMin;
    for (const key of keys) {
      const [h1, h2] = hashPair(key);
      this.candidates.offer(key, sketch.stored(h1, h2));
    }
  }
}

/**
 * The trending detector: weighted activity (views, likes, shares, uploads) of hashtags, sounds and videos in
 * exponentially decayed windows (15 min, 1 h, 24 h), in memory bounded by the sketch size whatever the number of
 * distinct keys, and the keys that accelerate most. Synchronous, no I/O: the service feeds it events.
 */
export class TrendingDetector {
  readonly shape: DetectorShape;
  readonly #kinds: Record<TrendKind, KindTrends>;
  /** Counts recorded activity and merges: an unchanged detector needs no new snapshot. */
  revision = 0;

  constructor(shape: DetectorShape = DEFAULT_SHAPE, landmark = Date.now()) {
    this.shape = shape;
    this.#kinds = {
      hashtag: new KindTrends(shape, landmark),
      sound: new KindTrends(shape, landmark),
      video: new KindTrends(shape, landmark),
    };
  }

  record(kind: TrendKind, key: string, weight: number, at: number): void {
    if (weight <= 0 || key === '') return;
    this.#kinds[kind].record(key, weight, at);
    this.revision += 1;
  }

  counts(kind: TrendKind, key: string, now: number): WindowCounts {
    return this.#kinds[kind].counts(key, now);
  }

  /** The candidates with their counts and score, best first. */
  top(kind: TrendKind, limit: number, now: number): TrendEntry[] {
    const trends = this.#kinds[kind];
    const entries: TrendEntry[] = [];
    for (const key of trends.candidates.keys()) {
      const counts = trends.counts(key, now);
      entries.push({ key, counts, score: trendScore(counts) });
    }
    entries.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1));
    return entries.slice(0, limit);
  }

  /** Bytes held by the sketches and the candidates' numbers (keys are strings besides). */
  memoryBytes(): number {
    let bytes = 0;
    for (const kind of TREND_KINDS) {
      const trends = this.#kinds[kind];
      for (const sketch of trends.sketches) bytes += sketch.cells.byteLength;
      bytes += trends.candidates.capacity * (8 + 4 + 4);
    }
    return bytes;
  }

  /** Adds another detector's sketches and candidates (a stopped node's share of the events). */
  merge(other: TrendingDetector): void {
    this.revision += 1;
    for (const kind of TREND_KINDS) {
      const mine = this.#kinds[kind];
      const theirs = other.#kinds[kind];
      for (const [i, sketch] of mine.sketches.entries()) sketch.merge(theirs.sketches[i] as DecayedCountMin);
      mine.recandidate([...mine.candidates.keys(), ...theirs.candidates.keys()]);
    }
  }

  /** The whole state as bytes: a JSON header (shape, landmarks, candidate keys), then every sketch's cells. */
  serialize(): Buffer {
    const header = {
      version: 1,
      shape: this.shape,
      kinds: Object.fromEntries(
        TREND_KINDS.map((kind) => [
          kind,
          {
            landmarks: this.#kinds[kind].sketches.map((sketch) => sketch.landmark),
            keys: [...this.#kinds[kind].candidates.keys()],
          },
        ]),
      ),
    };
    const json = Buffer.from(JSON.stringify(header));
    const parts: Buffer[] = [Buffer.alloc(4), json];
    parts[0]?.writeUInt32LE(json.length, 0);
    for (const kind of TREND_KINDS) {
      for (const sketch of this.#kinds[kind].sketches) {
        parts.push(Buffer.from(sketch.cells.buffer, sketch.cells.byteOffset, sketch.cells.byteLength));
      }
    }
    return Buffer.concat(parts);
  }

  /** A detector from `serialize` bytes; null when they are damaged or of another shape than `shape`. */
  static restore(bytes: Uint8Array, shape: DetectorShape = DEFAULT_SHAPE): TrendingDetector | null {
    try {
      const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const length = buffer.readUInt32LE(0);
      const header = JSON.parse(buffer.subarray(4, 4 + length).toString('utf8')) as {
        version: number;
        shape: DetectorShape;
        kinds: Record<TrendKind, { landmarks: number[]; keys: string[] }>;
      };
      if (header.version !== 1 || JSON.stringify(header.shape) !== JSON.stringify(shape)) return null;
      const detector = new TrendingDetector(shape);
      const cellBytes = shape.depth * shape.width * 8;
      let offset = 4 + length;
      for (const kind of TREND_KINDS) {
        const trends = detector.#kinds[kind];
        trends.sketches = shape.windowsMs.map((tauMs, i) => {
          const cells = new Float64Array(shape.depth * shape.width);
          new Uint8Array(cells.buffer).set(buffer.subarray(offset, offset + cellBytes));
          offset += cellBytes;
          const landmark = header.kinds[kind].landmarks[i] ?? Date.now();
          return new DecayedCountMin({ depth: shape.depth, width: shape.width, tauMs, landmark, cells });
        });
        trends.recandidate(header.kinds[kind].keys);
      }
      return offset === buffer.length ? detector : null;
    } catch {
      return null;
    }
  }
}

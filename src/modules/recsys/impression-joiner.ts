import type { FeatureVector } from './ftrl.ts';

export const Outcome = { like: 1, share: 2, follow: 4 } as const;

export interface Impression {
  userId: string;
  label: number;
  author: number;
  at: number;
  features: FeatureVector;
  outcomes: number;
}

/** After this long, an impression's like/share/follow labels are final. */
const JOIN_WINDOW_MS = 10 * 60_000;

/**
 * Monolith's online joiner in miniature: a view's watch labels are known when it is logged, but a like, share or
 * follow may arrive just before it (while watching) or soon after. Each view waits here with the features it was
 * ranked with until the user moves on, then its delayed labels are final and the heads train on them.
 */
export class ImpressionJoiner {
  readonly #pending = new Map<string, Impression[]>();
  /** Outcomes that arrived before their view, by user and label, with when they arrived. */
  readonly #early = new Map<string, Map<number, { outcomes: number; at: number }>>();

  /** Records a view; returns the user's earlier impressions, which are final now that the user moved on. */
  record(userId: string, label: number, author: number, features: FeatureVector, at: number): Impression[] {
    const early = this.#early.get(userId)?.get(label);
    if (early) this.#early.get(userId)?.delete(label);
    const impression: Impression = { userId, label, author, at, features, outcomes: early?.outcomes ?? 0 };
    const final = (this.#pending.get(userId) ?? []).filter((item) => item.label !== label);
    this.#pending.set(userId, [impression]);
    return final;
  }

  mark(userId: string, label: number, outcome: number, at: number): void {
    const impression = this.#pending.get(userId)?.find((item) => item.label === label);
    if (impression) {
      impression.outcomes |= outcome;
      return;
    }
    let early = this.#early.get(userId);
    if (!early) {
      early = new Map();
      this.#early.set(userId, early);
    }
    const entry = early.get(label) ?? { outcomes: 0, at };
    entry.outcomes |= outcome;
    early.set(label, entry);
  }

  /** A follow credits the user's pending view of a video by that author. */
  markAuthor(userId: string, author: number, outcome: number): void {
    for (const impression of this.#pending.get(userId) ?? []) {
      if (impression.author === author) impression.outcomes |= outcome;
    }
  }

  /** Impressions older than the join window, now final; forgets stale early outcomes. */
  sweep(now: number): Impression[] {
    const final: Impression[] = [];
    for (const [userId, pending] of this.#pending) {
      const keep = pending.filter((item) => now - item.at < JOIN_WINDOW_MS);
      final.push(...pending.filter((item) => now - item.at >= JOIN_WINDOW_MS));
      if (keep.length === 0) this.#pending.delete(userId);
      else this.#pending.set(userId, keep);
    }
    for (const [userId, early] of this.#early) {
      for (const [label, entry] of early) if (now - entry.at >= JOIN_WINDOW_MS) early.delete(label);
      if (early.size === 0) this.#early.delete(userId);
    }
    return final;
  }
}

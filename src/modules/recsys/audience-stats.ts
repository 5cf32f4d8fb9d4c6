import { DecayedCounters } from './decayed-counters.ts';
import { grow } from './typed-arrays.ts';

const WEEK_MS = 7 * 86_400_000;

/** How an author, a hashtag or a sound does with viewers: decayed views and engaged views (watched past half). */
export class AudienceStats {
  readonly engagement = new DecayedCounters(2, WEEK_MS);

  record(index: number, engaged: boolean, now: number): void {
    if (index < 0) return;
    this.engagement.add(index, 0, 1, now);
    if (engaged) this.engagement.add(index, 1, 1, now);
  }

  /** Engaged share of views, smoothed toward `prior` with the weight of `strength` views. */
  engagementRate(index: number, now: number, prior = 0.4, strength = 5): number {
    if (index < 0) return prior;
    const views = this.engagement.get(index, 0, now);
    const engaged = this.engagement.get(index, 1, now);
    return (engaged + prior * strength) / (views + strength);
  }

  views(index: number, now: number): number {
    return index < 0 ? 0 : this.engagement.get(index, 0, now);
  }
}

/** Per author: followers and published videos (exact counts), plus audience engagement. */
export class CreatorStats extends AudienceStats {
  followers = new Int32Array(1024);
  videos = new Int32Array(1024);

  ensure(authors: number): void {
    if (authors <= this.followers.length) return;
    const size = Math.max(authors, this.followers.length * 2);
    this.followers = grow(this.followers, size);
    this.videos = grow(this.videos, size);
  }

  addFollowers(author: number, by: number): void {
    this.ensure(author + 1);
    this.followers[author] = Math.max(0, (this.followers[author] as number) + by);
  }

  addVideo(author: number): void {
    this.ensure(author + 1);
    this.videos[author] = (this.videos[author] as number) + 1;
  }

  followersOf(author: number): number {
    return (this.followers[author] as number | undefined) ?? 0;
  }
}

export interface VideoTopic {
  hashtags: string[];
  soundId: string | null;
}

/**
 * The hashtags and sound of recently active videos, so a view can count for them: learnt from VideoReady, asked of
 * the search index on a miss, at most `capacity` remembered (least recently used leaves first).
 */
export class VideoTopics {
  readonly #capacity: number;
  readonly #lookup: (ids: string[]) => Promise<Map<string, VideoTopic>>;
  readonly #known = new Map<string, VideoTopic>();

  constructor(capacity: number, lookup: (ids: string[]) => Promise<Map<string, VideoTopic>>) {
    this.#capacity = capacity;
    this.#lookup = lookup;
  }

  remember(videoId: string, topic: VideoTopic): void {
    this.#known.delete(videoId);
    this.#known.set(videoId, topic);
    if (this.#known.size > this.#capacity) {
      const oldest = this.#known.keys().next().value;
      if (oldest !== undefined) this.#known.delete(oldest);
    }
  }

  forget(videoId: string): void {
    this.#known.delete(videoId);
  }

  /** Null when neither this cache nor the index knows the video (yet). */
  async get(videoId: string): Promise<VideoTopic | null> {
    const known = this.#known.get(videoId);
    if (known) {
      this.remember(videoId, known);
      return known;
    }
    const found = (await this.#lookup([videoId])).get(videoId);
    if (found) this.remember(videoId, found);
    return found ?? null;
  }
}

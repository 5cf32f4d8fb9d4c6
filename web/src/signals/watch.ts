/**
 * What one viewing of one video amounts to: seconds watched, how far it got, how often it looped. Fed with the
 * player's position as it plays; pure, so its arithmetic is tested without a browser.
 */

export interface WatchReport {
  watch_time_ms: number;
  /** 0–1: the furthest point reached over the length; 1 once it looped. */
  completion_rate: number;
  replay_count: number;
  /** Left within 2 s without finishing — the server derives the same from the numbers. */
  skip: boolean;
}

/** A view shorter than this, not finished, is a skip (as the recommender counts it). */
export const SKIP_MS = 2000;

export class WatchTracker {
  #watched = 0;
  #furthest = 0;
  #replays = 0;
  #last: number | null = null;
  #duration: number;

  /** `duration` in seconds, when known (the player's own duration replaces it once loaded). */
  constructor(duration = 0) {
    this.#duration = duration;
  }

  set duration(seconds: number) {
    if (Number.isFinite(seconds) && seconds > 0) this.#duration = seconds;
  }

  get watchedSeconds(): number {
    return this.#watched;
  }

  /** The player is at `now` seconds (timeupdate). */
  position(now: number): void {
    const last = this.#last;
    if (last !== null) {
      const delta = now - last;
      if (delta > 0 && delta < 2) this.#watched += delta;
      else if (delta < 0 && this.#isLoop(last, now)) this.#looped(last, now);
    }
    this.#last = now;
    this.#furthest = Math.max(this.#furthest, now);
  }

  /** The player jumped to `to` (seeking): a loop restart counts as a replay, a scrub does not count as watching. */
  seeked(to: number): void {
    const last = this.#last;
    if (last !== null && this.#isLoop(last, to)) {
      this.#looped(last, to);
      this.#last = to;
    } else {
      this.#last = null;
    }
  }

  /** Playback stopped (pause, leaving): the next position starts a new stretch. */
  paused(): void {
    this.#last = null;
  }

  /** The report so far, and a fresh start. Null when nothing was watched. */
  take(): WatchReport | null {
    const watchedMs = Math.round(this.#watched * 1000);
    const completion = this.#replays > 0 ? 1 : this.#duration > 0 ? Math.min(1, this.#furthest / this.#duration) : 0;
    const report: WatchReport = {
      watch_time_ms: watchedMs,
      completion_rate: Math.round(completion * 1000) / 1000,
      replay_count: this.#replays,
      skip: watchedMs < SKIP_MS && completion < 1,
    };
    this.#watched = 0;
    this.#furthest = 0;
    this.#replays = 0;
    this.#last = null;
    return watchedMs > 0 ? report : null;
  }

  /** A jump from the last second back to the first: the `loop` attribute starting the video over. */
  #isLoop(from: number, to: number): boolean {
    return this.#duration > 0 && from >= this.#duration - 1 && to < 1;
  }

  #looped(from: number, to: number): void {
    this.#replays += 1;
    this.#watched += Math.max(0, this.#duration - from) + Math.max(0, to);
    this.#furthest = this.#duration;
  }
}

import type { Cache, Unsubscribe } from '../../platform/cache/cache.ts';
import { hlsChannel } from './live-playlists.ts';

/** A node keeps a stream's channel this long after its last waiter: players come back five times a second. */
const LINGER_MS = 30_000;

interface StreamWatch {
  subscription: Promise<Unsubscribe>;
  listeners: Set<() => void>;
  linger: NodeJS.Timeout | null;
}

interface WarnLog {
  warn(details: object, message: string): void;
}

export interface EdgeWatcher {
  /** Resolves at the stream's next playlist change, or at `deadline` (epoch ms), whichever is first. */
  next(deadline: number): Promise<void>;
  close(): void;
}

/**
 * How requests held on this node (blocking playlist reloads, hinted parts) hear that a stream's playlists moved,
 * wherever the stream is packaged: one subscription per stream to its HLS channel, shared by every waiter.
 */
export class HlsEdgeWatch {
  readonly #cache: Cache;
  readonly #log: WarnLog;
  readonly #streams = new Map<string, StreamWatch>();

  constructor(cache: Cache, log: WarnLog) {
    this.#cache = cache;
    this.#log = log;
  }

  /** Resolves once subscribed: a change after this call is never missed. */
  async watch(streamId: string): Promise<EdgeWatcher> {
    const stream = this.#open(streamId);
    let wake: (() => void) | null = null;
    let changed = false;
    const listener = () => {
      changed = true;
      wake?.();
    };
    stream.listeners.add(listener);
    try {
      await stream.subscription;
    } catch (error) {
      this.#release(streamId, stream, listener);
      throw error;
    }
    return {
      next: async (deadline) => {
        if (!changed) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = null;
        }
        changed = false;
      },
      close: () => this.#release(streamId, stream, listener),
    };
  }

  #open(streamId: string): StreamWatch {
    const known = this.#streams.get(streamId);
    if (known) {
      if (known.linger) clearTimeout(known.linger);
      known.linger = null;
      return known;
    }
    const listeners = new Set<() => void>();
    const stream: StreamWatch = {
      listeners,
      linger: null,
      subscription: this.#cache.subscribe(hlsChannel(streamId), () => {
        for (const listener of listeners) listener();
      }),
    };
    this.#streams.set(streamId, stream);
    return stream;
  }

  #release(streamId: string, stream: StreamWatch, listener: () => void): void {
    stream.listeners.delete(listener);
    if (stream.listeners.size > 0 || stream.linger) return;
    stream.linger = setTimeout(() => {
      if (stream.listeners.size > 0 || this.#streams.get(streamId) !== stream) return;
      this.#streams.delete(streamId);
      stream.subscription
        .then((unsubscribe) => unsubscribe())
        .catch((error: unknown) => this.#log.warn({ err: error, streamId }, 'unsubscribing a live HLS channel failed'));
    }, LINGER_MS);
    stream.linger.unref();
  }

  /** Drops every subscription (the server is closing). */
  async close(): Promise<void> {
    const streams = [...this.#streams.values()];
    this.#streams.clear();
    for (const stream of streams) if (stream.linger) clearTimeout(stream.linger);
    await Promise.all(
      streams.map((stream) => stream.subscription.then((unsubscribe) => unsubscribe()).catch(() => {})),
    );
  }
}

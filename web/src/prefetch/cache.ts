/**
 * The in-memory media cache the player reads through: playlists (text) and segments (bytes) by absolute URL,
 * bounded by a byte budget (least recently used out first), plus the downloads in flight so a player asking for
 * something already on its way joins that download instead of starting another.
 */

export interface CachedResponse {
  url: string;
  /** Playlists are text; segments are bytes (handed out as copies: hls.js transfers them to its worker). */
  data: string | ArrayBuffer;
  bytes: number;
  /** How long the download took, ms from request to last byte, and to the first byte. */
  loadMs: number;
  firstByteMs: number;
  /** Who fetched it: the prefetch engine ahead of time, or the player itself (through the network). */
  origin: 'prefetch' | 'player';
}

interface InFlight {
  promise: Promise<CachedResponse>;
  controller: AbortController;
  /** Players waiting on it: a download someone waits for is never cancelled as useless. */
  waiters: number;
}

export class MediaCache {
  readonly #entries = new Map<string, CachedResponse>();
  readonly #inFlight = new Map<string, InFlight>();
  readonly #maxBytes: number;
  #bytes = 0;
  hits = 0;
  joins = 0;
  misses = 0;

  constructor(maxBytes = 48 * 1024 * 1024) {
    this.#maxBytes = maxBytes;
  }

  get bytes(): number {
    return this.#bytes;
  }

  has(url: string): boolean {
    return this.#entries.has(url);
  }

  /** A cached response (marking it recently used), or undefined. */
  get(url: string): CachedResponse | undefined {
    const entry = this.#entries.get(url);
    if (!entry) return undefined;
    this.#entries.delete(url);
    this.#entries.set(url, entry);
    return entry;
  }

  put(entry: CachedResponse): void {
    const old = this.#entries.get(entry.url);
    if (old) {
      this.#bytes -= old.bytes;
      this.#entries.delete(entry.url);
    }
    if (entry.bytes > this.#maxBytes) return;
    this.#entries.set(entry.url, entry);
    this.#bytes += entry.bytes;
    for (const [url, victim] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#entries.delete(url);
      this.#bytes -= victim.bytes;
    }
  }

  inFlight(url: string): InFlight | undefined {
    return this.#inFlight.get(url);
  }

  /** Registers a download; it leaves the in-flight table when it settles, and a success is cached. */
  track(url: string, controller: AbortController, promise: Promise<CachedResponse>): InFlight {
    const flight: InFlight = {
      controller,
      waiters: 0,
      promise: promise.then(
        (response) => {
          this.put(response);
          return response;
        },
        (error: unknown) => {
          throw error;
        },
      ),
    };
    flight.promise.then(
      () => this.#settle(url, flight),
      () => this.#settle(url, flight),
    );
    this.#inFlight.set(url, flight);
    return flight;
  }

  #settle(url: string, flight: InFlight): void {
    if (this.#inFlight.get(url) === flight) this.#inFlight.delete(url);
  }

  /** Cancels a download nobody waits for; returns whether it was cancelled. */
  cancel(url: string): boolean {
    const flight = this.#inFlight.get(url);
    if (!flight || flight.waiters > 0) return false;
    flight.controller.abort();
    this.#inFlight.delete(url);
    return true;
  }

  inFlightUrls(): string[] {
    return [...this.#inFlight.keys()];
  }

  clear(): void {
    for (const url of this.inFlightUrls()) this.cancel(url);
    this.#entries.clear();
    this.#bytes = 0;
  }
}

/** A copy of a cached body that the caller may keep or transfer. */
export function copyBody(data: string | ArrayBuffer): string | ArrayBuffer {
  return typeof data === 'string' ? data : data.slice(0);
}

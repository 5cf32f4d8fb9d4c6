/**
 * An hls.js loader that reads through the prefetch engine: a playlist or segment already prefetched is handed over
 * with no network round trip, one still downloading is joined, anything else is fetched (and cached). Byte-range
 * requests go to hls.js' own loader.
 */
import type { HlsConfig, Loader, LoaderCallbacks, LoaderConfiguration, LoaderContext, LoaderStats } from 'hls.js';
import { copyBody } from './cache.ts';
import type { LoadResult, PrefetchEngine } from './engine.ts';

type LoaderClass = new (config: HlsConfig) => Loader<LoaderContext>;

function emptyStats(): LoaderStats {
  return {
    aborted: false,
    loaded: 0,
    retry: 0,
    total: 0,
    chunkCount: 0,
    bwEstimate: 0,
    loading: { start: 0, first: 0, end: 0 },
    parsing: { start: 0, end: 0 },
    buffering: { start: 0, first: 0, end: 0 },
  };
}

/** Served-from-where counts, for the benchmark and the debug overlay. */
export const loaderCounters = { hit: 0, join: 0, network: 0 };

export function createCachedLoader(engine: PrefetchEngine, Fallback: LoaderClass): LoaderClass {
  return class CachedLoader implements Loader<LoaderContext> {
    context: LoaderContext | null = null;
    stats: LoaderStats = emptyStats();
    readonly #config: HlsConfig;
    #controller: AbortController | null = null;
    #timer: ReturnType<typeof setTimeout> | undefined;
    #fallback: Loader<LoaderContext> | null = null;
    #callbacks: LoaderCallbacks<LoaderContext> | null = null;

    constructor(config: HlsConfig) {
      this.#config = config;
    }

    load(context: LoaderContext, config: LoaderConfiguration, callbacks: LoaderCallbacks<LoaderContext>): void {
      this.context = context;
      // hls.js holds on to this very stats object (frag.stats = loader.stats) before calling load: reset it in place.
      Object.assign(this.stats, emptyStats());
      // hls.js sets rangeStart/rangeEnd to 0 for a whole segment; a real byte range has an end.
      if (context.rangeEnd) {
        this.#fallback = new Fallback(this.#config);
        this.#fallback.stats = this.stats;
        this.#fallback.load(context, config, callbacks);
        return;
      }
      const controller = new AbortController();
      this.#controller = controller;
      this.#callbacks = callbacks;
      const stats = this.stats;
      stats.loading.start = performance.now();
      const maxMs = config.loadPolicy?.maxLoadTimeMs ?? config.timeout ?? 0;
      if (maxMs > 0 && Number.isFinite(maxMs)) {
        this.#timer = setTimeout(() => {
          if (controller.signal.aborted) return;
          controller.abort();
          this.#controller = null;
          callbacks.onTimeout(stats, context, null);
        }, maxMs);
      }
      const kind = context.responseType === 'arraybuffer' ? 'bytes' : 'text';
      engine.load(context.url, kind, controller.signal).then(
        (result) => {
          clearTimeout(this.#timer);
          if (controller.signal.aborted) return;
          // Done: hls.js destroys the loader inside onSuccess, and that must not count as an abort.
          this.#controller = null;
          this.#succeed(result, context, callbacks);
        },
        (error: unknown) => {
          clearTimeout(this.#timer);
          if (controller.signal.aborted) return;
          this.#controller = null;
          const text = error instanceof Error ? error.message : 'network error';
          const code = Number(/HTTP (\d{3})/.exec(text)?.[1] ?? 0);
          callbacks.onError({ code, text }, context, null, stats);
        },
      );
    }

    #succeed(result: LoadResult, context: LoaderContext, callbacks: LoaderCallbacks<LoaderContext>): void {
      loaderCounters[result.served] += 1;
      const { response } = result;
      const stats = this.stats;
      const now = performance.now();
      if (result.served === 'network') {
        stats.loading.first = stats.loading.start + response.firstByteMs;
      } else {
        // Report the download as it happened (shifted to now), so hls.js' bandwidth estimate stays truthful.
        stats.loading.start = now - response.loadMs;
        stats.loading.first = stats.loading.start + response.firstByteMs;
      }
      stats.loading.end = now;
      stats.loaded = response.bytes;
      stats.total = response.bytes;
      stats.chunkCount = 1;
      const data = copyBody(response.data);
      callbacks.onSuccess({ url: response.url, data, code: 200 }, stats, context, null);
    }

    abort(): void {
      clearTimeout(this.#timer);
      // hls.js answers an abort by destroying the loader, which aborts again: let go of the fallback first.
      const fallback = this.#fallback;
      this.#fallback = null;
      fallback?.abort();
      fallback?.destroy();
      if (this.#controller && !this.#controller.signal.aborted) {
        this.#controller.abort();
        this.stats.aborted = true;
        if (this.context) this.#callbacks?.onAbort?.(this.stats, this.context, null);
      }
    }

    destroy(): void {
      this.abort();
      this.#callbacks = null;
      this.context = null;
    }
  };
}

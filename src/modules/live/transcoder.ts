import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { LIVE } from '../../config.ts';
import type { BlobStore } from '../../platform/blob/blob-store.ts';
import type { Cache } from '../../platform/cache/cache.ts';
import type { Logger } from '../../platform/logger.ts';
import { runFfmpeg } from '../media/ffmpeg-runner.ts';
import { HlsPackager } from './hls-packager.ts';
import { type LiveRung, type LiveSource, liveLadder, liveTranscodeArgs } from './ladder.ts';
import { recordingName } from './replay.ts';

export interface LiveTranscodeOptions {
  streamId: string;
  /** The local RTMP address ffmpeg plays the publisher from. */
  input: string;
  source: LiveSource;
  ffmpegPath: string;
  preset: string;
  /** ffmpeg's own directory for this stream; removed on stop. */
  dir: string;
  /** Where each run also records the publisher for the replay (kept across runs and reconnects); null: no replay. */
  recordingDir: string | null;
  blobs: BlobStore;
  cache: Cache;
  /** The packager of the stream's previous transcode on this node (its publisher reconnected): kept if it fits. */
  packager?: HlsPackager | undefined;
  log: Logger;
}

/** A run that lasted this long was healthy: the count of quick failures starts again. */
const HEALTHY_RUN_MS = 10_000;

/**
 * One ffmpeg for one stream, from the publisher to the ladder, and the packager that makes LL-HLS of what it writes.
 * ffmpeg ending while the stream goes on (it crashed, or was killed) is logged and started again as a new run,
 * whose files have names of their own; after LIVE.maxRestarts quick failures in a row it gives up.
 */
export class LiveTranscode {
  readonly #options: LiveTranscodeOptions;
  readonly #rungs: LiveRung[];
  readonly #packager: HlsPackager;
  readonly #abort = new AbortController();
  #loop: Promise<void> = Promise.resolve();
  /** Runs started, restarts included. */
  runs = 0;

  constructor(options: LiveTranscodeOptions) {
    this.#options = options;
    this.#rungs = liveLadder(options.source);
    // A reconnect carries on the same playlists (a discontinuity, numbering going on), so players keep playing.
    this.#packager = options.packager?.fits(this.#rungs)
      ? options.packager
      : new HlsPackager({
          streamId: options.streamId,
          rungs: this.#rungs,
          blobs: options.blobs,
          cache: options.cache,
          log: options.log,
        });
  }

  get packager(): HlsPackager {
    return this.#packager;
  }

  async start(): Promise<void> {
    await rm(this.#options.dir, { recursive: true, force: true });
    await mkdir(this.#options.dir, { recursive: true });
    if (this.#options.recordingDir !== null) await mkdir(this.#options.recordingDir, { recursive: true });
    this.#loop = this.#runUntilStopped();
  }

  /** Stops ffmpeg and stores what it wrote; `ended` marks the playlists as finished for players. */
  async stop(ended: boolean): Promise<void> {
    this.#abort.abort();
    await this.#loop;
    await this.#packager.stop(ended);
    await rm(this.#options.dir, { recursive: true, force: true });
  }

  async #runUntilStopped(): Promise<void> {
    const { streamId, log } = this.#options;
    let quickFailures = 0;
    while (!this.#abort.signal.aborted) {
      this.runs += 1;
      const startedAt = Date.now();
      const { input, source, preset, recordingDir } = this.#options;
      const recording = recordingDir === null ? null : join(recordingDir, recordingName(startedAt));
      const args = liveTranscodeArgs(input, this.#rungs, source.hasAudio, preset, recording);
      const outputs = this.#packager.startRun(startedAt);
      try {
        await runFfmpeg(this.#options.ffmpegPath, args, {
          signal: this.#abort.signal,
          cwd: this.#options.dir,
          outputs,
        });
        if (this.#abort.signal.aborted) return;
        log.warn({ streamId, run: this.runs }, 'live transcode ended while the stream goes on: restarting');
      } catch (error) {
        if (this.#abort.signal.aborted) return;
        log.error({ err: error, streamId, run: this.runs }, 'live transcode failed: restarting');
      }
      quickFailures = Date.now() - startedAt >= HEALTHY_RUN_MS ? 1 : quickFailures + 1;
      if (quickFailures > LIVE.maxRestarts) {
        log.error({ streamId }, 'live transcode keeps failing: giving up until the publisher reconnects');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, LIVE.restartDelayMs));
    }
  }
}

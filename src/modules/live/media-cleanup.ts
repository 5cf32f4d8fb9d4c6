import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LIVE } from '../../config.ts';
import type { BlobStore } from '../../platform/blob/blob-store.ts';
import type { Cache } from '../../platform/cache/cache.ts';
import type { Database } from '../../platform/db/database.ts';
import { liveBlobKey } from './hls-packager.ts';
import { forgetPlaylists } from './live-playlists.ts';
import { LiveStore } from './store.ts';

const STREAM_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface CleanupReport {
  /** Streams whose HLS blobs were removed. */
  streams: string[];
  /** Leftover directories of this node removed (a transcode or a replay that never finished). */
  dirs: number;
}

/**
 * Removes what an ended stream leaves behind once the retention period has passed: its HLS in the cache and blob store (on
 * any node, once: the stream is marked after its blobs are gone, and deleting twice is harmless) and the
 * directories this node kept for it (the transcode's output, a replay recording that was never handed over) once
 * nothing wrote to them for LIVE.leftoverQuietMs, so a replay still being handed over keeps its files.
 */
export class LiveMediaCleanup {
  readonly #db: Database;
  readonly #blobs: BlobStore;
  readonly #cache: Cache;
  readonly #workDir: string;
  readonly #retentionMs: number;

  constructor(deps: { db: Database; blobs: BlobStore; cache: Cache; workDir: string; retentionMinutes: number }) {
    this.#db = deps.db;
    this.#blobs = deps.blobs;
    this.#cache = deps.cache;
    this.#workDir = deps.workDir;
    this.#retentionMs = deps.retentionMinutes * 60_000;
  }

  async sweep(): Promise<CleanupReport> {
    const endedBefore = new Date(Date.now() - this.#retentionMs);
    const store = new LiveStore(this.#db);
    const streams = await store.listMediaKept(endedBefore, LIVE.mediaSweepBatch);
    for (const id of streams) {
      await forgetPlaylists(this.#cache, id);
      await this.#blobs.deletePrefix(liveBlobKey(id, ''));
      await store.markMediaRemoved(id);
    }
    return { streams, dirs: await this.#removeLeftovers(store, endedBefore) };
  }

  async #removeLeftovers(store: LiveStore, endedBefore: Date): Promise<number> {
    const dirs = [this.#workDir, join(this.#workDir, 'replays')];
    const found = await Promise.all(dirs.map(async (dir) => ({ dir, ids: await streamDirsIn(dir) })));
    const ids = found.flatMap((entry) => entry.ids);
    if (ids.length === 0) return 0;
    const expired = new Set(await store.endedBefore(ids, endedBefore));
    let removed = 0;
    const quietSince = Date.now() - LIVE.leftoverQuietMs;
    for (const { dir, ids: inDir } of found) {
      for (const id of inDir.filter((each) => expired.has(each))) {
        const path = join(dir, id);
        const changed = await stat(path).then(
          (info) => info.mtimeMs,
          () => null,
        );
        if (changed === null || changed > quietSince) continue;
        await rm(path, { recursive: true, force: true });
        removed += 1;
      }
    }
    return removed;
  }
}

/** The stream directories in `dir` (named by stream id); none when it does not exist. */
async function streamDirsIn(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((entry) => entry.isDirectory() && STREAM_ID.test(entry.name)).map((entry) => entry.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

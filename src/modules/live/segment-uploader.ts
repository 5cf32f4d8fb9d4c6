import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LIVE } from '../../config.ts';
import type { BlobStore } from '../../platform/blob/blob-store.ts';
import type { Logger } from '../../platform/logger.ts';

export const PLAYLIST_TYPE = 'application/vnd.apple.mpegurl';
export const SEGMENT_TYPE = 'video/mp4';

/** The blob key of a file of a stream's HLS output (`master.m3u8`, `v0/index.m3u8`, `v0/r…-00001.m4s`). */
export function liveBlobKey(streamId: string, file: string): string {
  return `live/${streamId}/${file}`;
}

/** Files a playlist names: its init segment (EXT-X-MAP) and media segments, or a master's variant playlists. */
export function filesNamedIn(playlist: string): string[] {
  const files: string[] = [];
  for (const line of playlist.split('\n')) {
    const text = line.trim();
    const map = /^#EXT-X-MAP:.*URI="([^"]+)"/.exec(text);
    if (map?.[1]) files.push(map[1]);
    else if (text !== '' && !text.startsWith('#')) files.push(text);
  }
  return files;
}

/**
 * Copies one stream's HLS output from ffmpeg's directory into the blob store, so every api node serves it: a
 * playlist is stored only after every file it names, and a segment that left the playlists is deleted a minute
 * later (a player may still be fetching it). Polls the directory; ffmpeg renames finished playlists into place.
 */
export class SegmentUploader {
  readonly #streamId: string;
  readonly #dir: string;
  readonly #blobs: BlobStore;
  readonly #log: Logger;
  /** Last stored text of each playlist, by its path under the directory. */
  readonly #playlists = new Map<string, string>();
  readonly #stored = new Set<string>();
  /** Stored segments no playlist names any more, with when they left. */
  readonly #leaving = new Map<string, number>();
  #timer: NodeJS.Timeout | null = null;
  #lastError: string | null = null;
  #pass: Promise<void> = Promise.resolve();

  constructor(deps: { streamId: string; dir: string; blobs: BlobStore; log: Logger }) {
    this.#streamId = deps.streamId;
    this.#dir = deps.dir;
    this.#blobs = deps.blobs;
    this.#log = deps.log;
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      this.#pass = this.#pass
        .then(() => this.#sync())
        .then(() => {
          this.#lastError = null;
        })
        .catch((error: unknown) => {
          // Logged once per kind of failure, not on every poll while it lasts.
          const message = error instanceof Error ? error.message : String(error);
          if (message !== this.#lastError)
            this.#log.warn({ err: error, streamId: this.#streamId }, 'live segments not stored');
          this.#lastError = message;
        });
    }, LIVE.uploadPollMs);
  }

  /** Stops polling after storing what ffmpeg wrote last. With `ended`, the playlists say the stream is over. */
  async stop(ended: boolean): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#pass.catch(() => {});
    await this.#sync().catch((error: unknown) => this.#log.warn({ err: error }, 'last live segments not stored'));
    if (ended) await this.#endPlaylists();
  }

  async #sync(): Promise<void> {
    const master = await this.#readText('master.m3u8');
    if (master === null) return;
    const variants = filesNamedIn(master);
    const named = new Set<string>();
    for (const variant of variants) {
      const text = await this.#readText(variant);
      if (text === null) continue;
      const base = variant.includes('/') ? variant.slice(0, variant.lastIndexOf('/') + 1) : '';
      const files = filesNamedIn(text).map((file) => base + file);
      for (const file of files) named.add(file);
      if (this.#playlists.get(variant) === text) continue;
      for (const file of files) {
        if (this.#stored.has(file)) continue;
        await this.#storeFile(file);
      }
      await this.#putPlaylist(variant, text);
    }
    if (this.#playlists.get('master.m3u8') !== master) await this.#putPlaylist('master.m3u8', master);
    await this.#forgetOld(named);
  }

  async #forgetOld(named: Set<string>): Promise<void> {
    const now = Date.now();
    for (const file of this.#stored) {
      if (named.has(file)) {
        this.#leaving.delete(file);
        continue;
      }
      const left = this.#leaving.get(file);
      if (left === undefined) this.#leaving.set(file, now);
      else if (now - left >= LIVE.segmentRetentionMs) {
        await this.#blobs.delete(liveBlobKey(this.#streamId, file));
        this.#stored.delete(file);
        this.#leaving.delete(file);
      }
    }
  }

  async #endPlaylists(): Promise<void> {
    for (const [file, text] of this.#playlists) {
      if (file === 'master.m3u8' || text.includes('#EXT-X-ENDLIST')) continue;
      await this.#putPlaylist(file, `${text.trimEnd()}\n#EXT-X-ENDLIST\n`);
    }
  }

  async #putPlaylist(file: string, text: string): Promise<void> {
    await this.#blobs.put(liveBlobKey(this.#streamId, file), Buffer.from(text), PLAYLIST_TYPE);
    this.#playlists.set(file, text);
  }

  async #storeFile(file: string): Promise<void> {
    try {
      await this.#blobs.putFile(liveBlobKey(this.#streamId, file), join(this.#dir, file), SEGMENT_TYPE);
      this.#stored.add(file);
    } catch (error) {
      // ffmpeg already deleted a segment we were too slow for: the playlist moved on, so does the uploader.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  async #readText(file: string): Promise<string | null> {
    try {
      return await readFile(join(this.#dir, file), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}

import type { Cache } from '../../platform/cache/cache.ts';
import type { EdgePosition } from './rendition-timeline.ts';

/**
 * A stream's playlists live in the cache (they change five times a second; the blob store holds the parts and
 * segments), each with its live edge, and every change is announced on the stream's HLS channel: how an api node
 * answers a blocking playlist reload for a stream another node ingests.
 */
export const PLAYLIST_TTL_MS = 6 * 3_600_000;

export interface StoredPlaylist {
  text: string;
  /** The media playlist's edge; null for the master. */
  edge: EdgePosition | null;
}

export const hlsChannel = (streamId: string) => `live:hls:${streamId}`;
const playlistKey = (streamId: string, file: string) => `live:hls:${streamId}:${file}`;

export async function readPlaylist(cache: Cache, streamId: string, file: string): Promise<StoredPlaylist | null> {
  const raw = await cache.get(playlistKey(streamId, file));
  return raw === null ? null : (JSON.parse(raw) as StoredPlaylist);
}

/** Stores a playlist, then tells every node watching the stream that `file` changed. */
export async function writePlaylist(cache: Cache, streamId: string, file: string, playlist: StoredPlaylist) {
  await cache.set(playlistKey(streamId, file), JSON.stringify(playlist), PLAYLIST_TTL_MS);
  await cache.publish(hlsChannel(streamId), file);
}

/** Forgets every playlist of a stream (its media is being deleted): the master and each rendition's, v0 to v9. */
export async function forgetPlaylists(cache: Cache, streamId: string): Promise<void> {
  const files = ['master.m3u8', ...Array.from({ length: 10 }, (_, n) => `v${n}/index.m3u8`)];
  await Promise.all(files.map((file) => cache.delete(playlistKey(streamId, file))));
}

/** Whether a playlist at `edge` answers a blocking reload for segment `msn` (part `part`, or the whole segment). */
export function reached(edge: EdgePosition, msn: number, part: number | null): boolean {
  if (edge.ended || edge.msn > msn) return true;
  return part !== null && edge.msn === msn && edge.part >= part;
}

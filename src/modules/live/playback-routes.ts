import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { LIVE } from '../../config.ts';
import type { BlobStore } from '../../platform/blob/blob-store.ts';
import type { Cache } from '../../platform/cache/cache.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import type { HlsEdgeWatch } from './hls-edge-watch.ts';
import { liveBlobKey, PLAYLIST_TYPE, SEGMENT_TYPE } from './hls-packager.ts';
import { reached, readPlaylist, type StoredPlaylist } from './live-playlists.ts';
import { HlsParams, HlsQuery } from './schemas.ts';
import type { LiveService } from './service.ts';

/** What the packager writes (hls-packager.ts): the master, a playlist per rendition, init sections, segments, parts. */
const PLAYLIST = /^(master\.m3u8|v\d\/index\.m3u8)$/;
const MEDIA = /^v(\d)\/(?:init-r\d{1,16}\.mp4|s(\d{1,9})(?:\.\d{1,3})?\.m4s)$/;

/** Whether a viewer may watch a stream, remembered this long: a player asks several times a second. */
const ACCESS_MEMORY_MS = 2_000;
const ACCESS_MEMORY_ENTRIES = 10_000;

/** A player may ask for a segment this far beyond the live edge; further is a bad request (RFC 8216bis 6.2.5.2). */
const MSN_AHEAD_LIMIT = 2;

export interface LivePlaybackDeps {
  live: LiveService;
  blobs: BlobStore;
  cache: Cache;
  edges: HlsEdgeWatch;
}

/**
 * `GET /v1/live/{id}/hls/…`: a stream's LL-HLS, so every api node serves every stream, whichever node packages it.
 * Playlists come from the cache and change with every part (no-store); a blocking reload (`_HLS_msn`, `_HLS_part`)
 * is held until the playlist reaches that part. Parts and segments come from the blob store and never change
 * (immutable); a request for the part a playlist hints at is held until it is written. Streams not open to everyone
 * need the viewer's bearer token (hls.js sends it through `xhrSetup`).
 */
export function registerLivePlaybackRoute(app: FastifyInstance, deps: LivePlaybackDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const allowed = new Map<string, { until: number; open: boolean }>();

  async function access(viewerId: string | null, streamId: string): Promise<{ open: boolean }> {
    const memo = `${viewerId ?? '-'}:${streamId}`;
    const known = allowed.get(memo);
    if (known && known.until > Date.now()) return known;
    const stream = await deps.live.watchable(viewerId, streamId);
    if (allowed.size >= ACCESS_MEMORY_ENTRIES) allowed.clear();
    const entry = { until: Date.now() + ACCESS_MEMORY_MS, open: stream.visibility === 'public' };
    allowed.set(memo, entry);
    return entry;
  }

  /** Reads until `ready` says the answer is there or the hold runs out; the last read either way. */
  async function holdUntil<T>(streamId: string, read: () => Promise<T>, ready: (value: T) => boolean): Promise<T> {
    const first = await read();
    if (ready(first)) return first;
    const deadline = Date.now() + LIVE.blockingReloadMs;
    const watcher = await deps.edges.watch(streamId);
    try {
      let value = await read();
      while (!ready(value) && Date.now() < deadline) {
        await watcher.next(deadline);
        value = await read();
      }
      return value;
    } finally {
      watcher.close();
    }
  }

  async function sendPlaylist(streamId: string, file: string, query: HlsDirectives, reply: FastifyReply) {
    const msn = query._HLS_msn === undefined ? null : Number(query._HLS_msn);
    const part = query._HLS_part === undefined ? null : Number(query._HLS_part);
    if (part !== null && msn === null) throw badRequest('BAD_HLS_DIRECTIVE', '_HLS_part needs _HLS_msn.');
    const read = () => readPlaylist(deps.cache, streamId, file);
    const playlist =
      msn === null
        ? await read()
        : await holdUntil(streamId, read, (current: StoredPlaylist | null) => {
            if (!current?.edge) return current !== null;
            if (msn > current.edge.msn + MSN_AHEAD_LIMIT) {
              throw badRequest('BAD_HLS_DIRECTIVE', 'That segment is too far beyond the live edge.');
            }
            return reached(current.edge, msn, part);
          });
    if (!playlist) throw notFound('NOT_FOUND', 'Not written yet, or no longer kept.');
    return reply
      .header('content-type', PLAYLIST_TYPE)
      .header('cache-control', 'no-store')
      .header('access-control-allow-origin', '*')
      .send(playlist.text);
  }

  /** A part or segment not stored yet is waited for while it is the one the live edge is about to reach. */
  async function sendMedia(streamId: string, file: string, match: RegExpExecArray, open: boolean, reply: FastifyReply) {
    const key = liveBlobKey(streamId, file);
    const stat = () => deps.blobs.stat(key);
    let info = await stat();
    const msn = match[2] === undefined ? null : Number(match[2]);
    if (!info && msn !== null) {
      const playlist = await readPlaylist(deps.cache, streamId, `v${match[1]}/index.m3u8`);
      const edge = playlist?.edge;
      if (edge && !edge.ended && msn >= edge.msn && msn <= edge.msn + 1)
        info = await holdUntil(streamId, stat, Boolean);
    }
    if (!info) throw notFound('NOT_FOUND', 'Not written yet, or no longer kept.');
    return reply
      .header('content-type', SEGMENT_TYPE)
      .header('content-length', String(info.size))
      .header('cache-control', `${open ? 'public' : 'private'}, max-age=31536000, immutable`)
      .header('access-control-allow-origin', '*')
      .send(await deps.blobs.read(key));
  }

  api.get(
    '/v1/live/:id/hls/*',
    { schema: { tags: ['live'], params: HlsParams, querystring: HlsQuery, hide: true } },
    async (request, reply) => {
      const file = request.params['*'];
      const media = MEDIA.exec(file);
      if (!media && !PLAYLIST.test(file)) throw notFound('NOT_FOUND', 'There is no such file in this stream.');
      const { open } = await access(request.viewer?.userId ?? null, request.params.id);
      if (media) return sendMedia(request.params.id, file, media, open, reply);
      return sendPlaylist(request.params.id, file, request.query, reply);
    },
  );
}

interface HlsDirectives {
  _HLS_msn?: string | undefined;
  _HLS_part?: string | undefined;
}

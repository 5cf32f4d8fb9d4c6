import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { BlobStore } from '../../platform/blob/blob-store.ts';
import { notFound } from '../../platform/errors.ts';
import { HlsParams } from './schemas.ts';
import { liveBlobKey, PLAYLIST_TYPE, SEGMENT_TYPE } from './segment-uploader.ts';
import type { LiveService } from './service.ts';

/** What the transcoder writes (ladder.ts): the master, one playlist per rendition, init and media segments. */
const PLAYLIST = /^(master\.m3u8|v\d\/index\.m3u8)$/;
const SEGMENT = /^v\d\/(init-r\d{1,16}(-\d)?\.mp4|r\d{1,16}-\d{5,9}\.m4s)$/;

/** Whether a viewer may watch a stream, remembered this long: a player asks several times a second. */
const ACCESS_MEMORY_MS = 2_000;
const ACCESS_MEMORY_ENTRIES = 10_000;

/**
 * `GET /v1/live/{id}/hls/…`: a stream's HLS from the blob store, so every api node serves every stream, whichever
 * node ingests it. Playlists change every second (no-store); a segment never changes once written (immutable).
 * Streams not open to everyone need the viewer's bearer token (hls.js sends it through `xhrSetup`).
 */
export function registerLivePlaybackRoute(app: FastifyInstance, deps: { live: LiveService; blobs: BlobStore }): void {
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

  api.get(
    '/v1/live/:id/hls/*',
    { schema: { tags: ['live'], params: HlsParams, hide: true } },
    async (request, reply) => {
      const file = request.params['*'];
      const playlist = PLAYLIST.test(file);
      if (!playlist && !SEGMENT.test(file)) throw notFound('NOT_FOUND', 'There is no such file in this stream.');
      const { open } = await access(request.viewer?.userId ?? null, request.params.id);
      const key = liveBlobKey(request.params.id, file);
      const info = await deps.blobs.stat(key);
      if (!info) throw notFound('NOT_FOUND', 'Not written yet, or no longer kept.');
      const scope = open ? 'public' : 'private';
      reply
        .header('content-type', playlist ? PLAYLIST_TYPE : SEGMENT_TYPE)
        .header('content-length', String(info.size))
        .header('cache-control', playlist ? 'no-store' : `${scope}, max-age=31536000, immutable`)
        .header('access-control-allow-origin', '*');
      return reply.send(await deps.blobs.read(key));
    },
  );
}

import type { FastifyInstance } from 'fastify';
import { parseRange } from '../../http/range.ts';
import { assertBlobKey, type BlobStore } from '../../platform/blob/blob-store.ts';
import { AppError, notFound } from '../../platform/errors.ts';

/** Prefixes of the blob store that are public media; uploads' sources are never served. */
const SERVED_PREFIXES = ['videos/', 'sounds/'];

/**
 * Processing writes every file of a run under a key of its own (`videos/<id>/<rendition id>/…`, `sounds/<id>/
 * <rendition id>.m4a`) and never rewrites it, so a CDN may keep those forever. Playlists get a short life anyway:
 * they are what a player asks for first, and a short one bounds any mistake.
 */
const IMMUTABLE_PREFIXES = ['videos/', 'sounds/'];

function cacheControl(key: string): string {
  if (key.endsWith('.m3u8')) return 'public, max-age=60';
  if (IMMUTABLE_PREFIXES.some((prefix) => key.startsWith(prefix))) return 'public, max-age=31536000, immutable';
  return 'public, max-age=86400';
}

/** Serves processed media from the blob store with content types, byte ranges, ETags and CORS. */
export function registerMediaRoutes(app: FastifyInstance, blobs: BlobStore): void {
  app.route<{ Params: { '*': string } }>({
    method: ['GET', 'HEAD'],
    url: '/media/*',
    schema: { hide: true },
    handler: async (request, reply) => {
      const key = request.params['*'];
      try {
        assertBlobKey(key);
      } catch {
        throw notFound('MEDIA_NOT_FOUND', 'No such media file.');
      }
      if (!SERVED_PREFIXES.some((prefix) => key.startsWith(prefix)))
        throw notFound('MEDIA_NOT_FOUND', 'No such media file.');
      const info = await blobs.stat(key);
      if (!info) throw notFound('MEDIA_NOT_FOUND', 'No such media file.');

      const etag = `"${info.etag}"`;
      reply
        .header('content-type', info.contentType)
        .header('accept-ranges', 'bytes')
        .header('etag', etag)
        .header('last-modified', info.modifiedAt.toUTCString())
        .header('cache-control', cacheControl(key))
        .header('access-control-allow-origin', '*')
        .header('access-control-expose-headers', 'content-length, content-range, accept-ranges');
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();

      const range = parseRange(request.headers.range, info.size);
      if (range === 'unsatisfiable') {
        reply.header('content-range', `bytes */${info.size}`);
        throw new AppError(416, 'RANGE_NOT_SATISFIABLE', 'The requested byte range is outside the file.');
      }
      const length = range ? range.end - range.start + 1 : info.size;
      reply.header('content-length', String(length));
      if (range) reply.status(206).header('content-range', `bytes ${range.start}-${range.end}/${info.size}`);
      if (request.method === 'HEAD') return reply.send();
      return reply.send(await blobs.read(key, range ?? undefined));
    },
  });
}

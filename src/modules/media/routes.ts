import type { Readable } from 'node:stream';
import { text as readText } from 'node:stream/consumers';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseRange } from '../../http/range.ts';
import { assertBlobKey, type BlobInfo, type BlobStore, type ByteRange } from '../../platform/blob/blob-store.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { type MediaAccessDeps, mediaAccess } from './media-access.ts';
import { signPlaylistUris, signVttUris } from './signed-playlists.ts';
import { type MediaSignature, signatureQuery } from './signed-urls.ts';

/**
 * Processing writes every file of a run under a key of its own (`videos/<id>/<rendition id>/…`, `sounds/<id>/
 * <rendition id>.m4a`), as does every avatar upload (`avatars/<user id>/<random id>.webp`), and never rewrites it,
 * so a CDN may keep those forever. Playlists get a short life anyway:
 * they are what a player asks for first, and a short one bounds any mistake.
 */
function publicCacheControl(key: string): string {
  return key.endsWith('.m3u8') ? 'public, max-age=60' : 'public, max-age=31536000, immutable';
}

/** Signed files stay out of shared caches, and a browser keeps them no longer than their signature works. */
function privateCacheControl(key: string, signature: MediaSignature): string {
  const remaining = Math.max(0, signature.exp - Math.floor(Date.now() / 1000));
  return `private, max-age=${key.endsWith('.m3u8') ? Math.min(60, remaining) : remaining}`;
}

/** The text files whose references must carry the signature onwards. */
const SIGNED_REWRITES: ReadonlyArray<[suffix: string, rewrite: (text: string, query: string) => string]> = [
  ['.m3u8', signPlaylistUris],
  ['.vtt', signVttUris],
];

interface MediaBody {
  info: BlobInfo;
  etag: string;
  cacheControl: string;
  read(range: ByteRange | undefined): Promise<Readable | Buffer>;
}

/**
 * Serves processed media from the blob store with content types, byte ranges, ETags and CORS. Files of videos
 * not open to every visitor need the signature the API put on their URLs (see media-access.ts).
 */
export function registerMediaRoutes(app: FastifyInstance, deps: MediaAccessDeps & { blobs: BlobStore }): void {
  const { blobs } = deps;
  app.route<{ Params: { '*': string }; Querystring: { exp?: string; sig?: string } }>({
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
      const access = await mediaAccess(key, request.query, deps);
      const info = access ? await blobs.stat(key) : null;
      if (!access || !info) throw notFound('MEDIA_NOT_FOUND', 'No such media file.');
      const signature = access.kind === 'signed' ? access.signature : null;
      const cacheControl = signature ? privateCacheControl(key, signature) : publicCacheControl(key);
      const rewrite = signature && SIGNED_REWRITES.find(([suffix]) => key.endsWith(suffix))?.[1];
      if (!signature || !rewrite) {
        const read = (range: ByteRange | undefined) => blobs.read(key, range);
        return sendMedia(request, reply, { info, etag: info.etag, cacheControl, read });
      }
      const body = Buffer.from(rewrite(await readText(await blobs.read(key)), signatureQuery(signature)));
      return sendMedia(request, reply, {
        info: { ...info, size: body.length },
        etag: `${info.etag}.${signature.exp}`,
        cacheControl,
        read: async (range) => (range ? body.subarray(range.start, range.end + 1) : body),
      });
    },
  });
}

async function sendMedia(request: FastifyRequest, reply: FastifyReply, media: MediaBody): Promise<FastifyReply> {
  const { info } = media;
  const etag = `"${media.etag}"`;
  reply
    .header('content-type', info.contentType)
    .header('accept-ranges', 'bytes')
    .header('etag', etag)
    .header('last-modified', info.modifiedAt.toUTCString())
    .header('cache-control', media.cacheControl)
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
  return reply.send(await media.read(range ?? undefined));
}

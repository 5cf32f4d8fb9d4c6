import { Server } from '@tus/server';
import type { FastifyBaseLogger } from 'fastify';
import type { Cache } from '../../platform/cache/cache.ts';
import { CacheUploadLocker } from './cache-upload-locker.ts';
import { isUploadId, type ResumableUploads, UPLOADS_PATH } from './service.ts';

/**
 * The tus 1.0 server behind /v1/uploads: HEAD, PATCH, DELETE and OPTIONS on uploads that POST /v1/videos created.
 * Our routes check the caller before a request gets here. With Redis, an upload's lock is shared by every api node,
 * so its requests may reach any of them; otherwise tus' default in-process lock serves the one node.
 */
export function createTusServer(uploads: ResumableUploads, cache: Cache, log: FastifyBaseLogger): Server {
  return new Server({
    path: UPLOADS_PATH,
    ...(cache.kind === 'redis' ? { locker: new CacheUploadLocker(cache) } : {}),
    datastore: uploads.datastore,
    maxSize: uploads.maxBytes,
    // Same origin only, like the rest of the API.
    allowedOrigins: [],
    // Only ids we issued reach the file store, which builds its paths from them.
    getFileIdFromRequest: (_request, lastPath) => (lastPath && isUploadId(lastPath) ? lastPath : undefined),
    async onUploadFinish(_request, upload) {
      await uploads.completeIfFinished(upload.id);
      return {};
    },
    onResponseError(_request, error) {
      const status = 'status_code' in error ? error.status_code : 500;
      if (status >= 500) log.error({ err: error }, 'resumable upload request failed');
      return undefined;
    },
  });
}

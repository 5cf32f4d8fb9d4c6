import type { Server } from '@tus/server';
import { TUS_RESUMABLE } from '@tus/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireViewer } from '../../http/auth.ts';
import type { Cache } from '../../platform/cache/cache.ts';
import { AppError, conflict } from '../../platform/errors.ts';
import { type ResumableUploads, UPLOADS_PATH } from './service.ts';
import { createTusServer } from './tus-server.ts';

type UploadRequest = FastifyRequest<{ Params: { id: string } }>;

/** tus reads the request itself; Fastify only decides whether it may. Resolves once tus has answered. */
async function forward(tus: Server, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.hijack();
  try {
    await tus.handle(request.raw, reply.raw);
  } catch (error) {
    request.log.error({ err: error }, 'tus could not answer');
    if (!reply.raw.headersSent) reply.raw.writeHead(500, { 'tus-resumable': TUS_RESUMABLE }).end();
    else reply.raw.destroy();
  }
}

/** HEAD of an upload whose bytes have all been handed on: its tus file is gone, but a client may still ask. */
function answerFinished(reply: FastifyReply, size: number): FastifyReply {
  return reply
    .status(200)
    .headers({ 'upload-offset': String(size), 'upload-length': String(size), 'cache-control': 'no-store' })
    .send();
}

/**
 * tus 1.0 on /v1/uploads/<id> for uploads created by `POST /v1/videos` (JSON). Every call but OPTIONS needs the
 * owner's bearer token; creating uploads through tus POST is refused, since each upload belongs to a video.
 */
export function registerUploadRoutes(app: FastifyInstance, uploads: ResumableUploads, cache: Cache): void {
  const tus = createTusServer(uploads, cache, app.log.child({ module: 'uploads' }));

  const gate = async (request: UploadRequest, reply: FastifyReply) => {
    const viewer = requireViewer(request);
    const upload = await uploads.authorize(request.params.id, viewer.userId);
    const method = request.method;
    if (upload.state === 'open') {
      if (method === 'DELETE') await uploads.cancel(upload.id);
      else if (method === 'HEAD' && (await uploads.completeIfFinished(upload.id))) {
        return answerFinished(reply, upload.size);
      }
      return forward(tus, request, reply);
    }
    if (upload.state === 'finished') {
      if (method === 'HEAD') return answerFinished(reply, upload.size);
      throw conflict('UPLOAD_COMPLETE', 'Every byte of this upload has arrived; the video is being processed.');
    }
    if (upload.state === 'cancelled' && method === 'DELETE') {
      await uploads.discard(upload.id);
      return reply.status(204).send();
    }
    throw upload.state === 'expired'
      ? new AppError(410, 'UPLOAD_EXPIRED', 'This upload was not finished in time. Please upload the video again.')
      : new AppError(410, 'UPLOAD_CANCELLED', 'This upload was cancelled.');
  };

  app.register(async (scope) => {
    // Leaves the body unread for tus, which streams it to disk.
    scope.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));
    // The protocol wants the header on every answer, our own errors included.
    scope.addHook('onSend', async (_request, reply, payload) => {
      reply.header('tus-resumable', TUS_RESUMABLE);
      return payload;
    });
    const hidden = { schema: { hide: true } };
    scope.post(UPLOADS_PATH, hidden, async () => {
      throw new AppError(
        405,
        'UPLOAD_CREATION_DISABLED',
        'Start an upload with POST /v1/videos and JSON metadata; this address only continues uploads.',
      );
    });
    scope.options(UPLOADS_PATH, hidden, (request, reply) => forward(tus, request, reply));
    scope.options(`${UPLOADS_PATH}/:id`, hidden, (request, reply) => forward(tus, request, reply));
    scope.route<{ Params: { id: string } }>({
      method: ['HEAD', 'PATCH', 'DELETE'],
      url: `${UPLOADS_PATH}/:id`,
      schema: { tags: ['uploads'], summary: 'tus 1.0: offset (HEAD), append (PATCH), cancel (DELETE)' },
      handler: gate,
    });
  });
}

import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { RATE_LIMITS } from '../../config.ts';
import { requireViewer } from '../../http/auth.ts';
import { decodeCursor, encodeCursor } from '../../http/cursor.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import { PageQuery } from '../../http/schemas.ts';
import type { UploadIntake } from '../media/upload-intake.ts';
import { collectHashtags, normalizeCaption } from './hashtags.ts';
import type { VideoService, ViewReport } from './service.ts';

const VideoId = Type.Object({ id: Type.String({ format: 'uuid' }) });

const ViewBody = Type.Object(
  {
    watch_time_ms: Type.Integer({ minimum: 0, maximum: 24 * 3_600_000 }),
    completion_rate: Type.Number({ minimum: 0, maximum: 100 }),
    replay_count: Type.Integer({ minimum: 0, maximum: 10_000, default: 0 }),
    source: Type.String({ maxLength: 32, default: 'unknown' }),
  },
  { additionalProperties: false },
);

export function registerVideoRoutes(
  app: FastifyInstance,
  deps: { videos: VideoService; intake: UploadIntake; rateLimit: RateLimiter },
): void {
  const { videos, intake, rateLimit } = deps;

  app.post(
    '/v1/videos',
    { schema: { tags: ['videos'], consumes: ['multipart/form-data'] } },
    async (request, reply) => {
      const viewer = requireViewer(request);
      await rateLimit(request, RATE_LIMITS.upload);
      const upload = await intake.receive(request);
      try {
        const caption = normalizeCaption(upload.fields.caption);
        const hashtags = collectHashtags(upload.fields.hashtags, caption);
        const accepted = await videos.acceptUpload({
          authorId: viewer.userId,
          caption,
          hashtags,
          file: upload.file,
          durationMs: upload.info.durationMs,
        });
        reply.status(202);
        return accepted;
      } finally {
        await upload.discard();
      }
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/videos/:id',
    { schema: { tags: ['videos'], params: VideoId } },
    async (request) => videos.get(request.params.id, request.viewer?.userId ?? null),
  );

  app.post<{ Params: { id: string }; Body: ViewReport }>(
    '/v1/videos/:id/view',
    { schema: { tags: ['videos'], params: VideoId, body: ViewBody } },
    async (request, reply) => {
      await rateLimit(request, RATE_LIMITS.view);
      const report = { ...request.body, completion_rate: Math.min(request.body.completion_rate, 1) };
      await videos.recordView(request.params.id, request.viewer?.userId ?? null, report);
      reply.status(204);
    },
  );

  app.get<{ Params: { username: string }; Querystring: { cursor?: string; count?: number } }>(
    '/v1/users/:username/videos',
    {
      schema: {
        tags: ['videos'],
        params: Type.Object({ username: Type.String({ maxLength: 64 }) }),
        querystring: PageQuery,
      },
    },
    async (request) => {
      const after = decodeCursor(request.query.cursor, ['at', 'id'] as const);
      const page = await videos.listByAuthor(
        request.params.username,
        request.viewer?.userId ?? null,
        after,
        request.query.count ?? 12,
      );
      return { videos: page.videos, cursor: page.next ? encodeCursor(page.next) : null, has_more: page.next !== null };
    },
  );
}

import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { RATE_LIMITS } from '../../config.ts';
import { requireViewer } from '../../http/auth.ts';
import { decodeTimePosition, encodeCursor } from '../../http/cursor.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import { IdParam, PageQuery } from '../../http/schemas.ts';
import { badRequest } from '../../platform/errors.ts';
import { parseEffects } from '../media/effects.ts';
import type { UploadIntake } from '../media/upload-intake.ts';
import type { ResumableUploads } from '../uploads/service.ts';
import { collectHashtags, normalizeCaption } from './hashtags.ts';
import type { VideoService, ViewReport } from './service.ts';
import type { Visibility } from './store.ts';
import { parseUploadOptions } from './upload-options.ts';

const ViewBody = Type.Object(
  {
    watch_time_ms: Type.Integer({ minimum: 0, maximum: 24 * 3_600_000 }),
    completion_rate: Type.Number({ minimum: 0, maximum: 100 }),
    replay_count: Type.Integer({ minimum: 0, maximum: 10_000, default: 0 }),
    source: Type.String({ maxLength: 32, default: 'unknown' }),
  },
  { additionalProperties: false },
);

/**
 * `POST /v1/videos` with JSON: the file's size and the multipart upload's fields as JSON values (`hashtags` may be
 * a list); the bytes follow over tus at `upload_url`.
 */
const ResumableUploadBody = Type.Object({
  size: Type.Integer({ minimum: 1 }),
  filename: Type.Optional(Type.String({ maxLength: 255 })),
  caption: Type.Optional(Type.String()),
  // A list, or one string separated by commas or spaces as the multipart field is.
  hashtags: Type.Optional(
    Type.Union([Type.Array(Type.String({ maxLength: 100 }), { maxItems: 100 }), Type.String({ maxLength: 10_000 })]),
  ),
});
type ResumableUploadRequest = { size: number; filename?: string } & Record<string, unknown>;

/** JSON values as the multipart fields they stand for, so both kinds of upload share one set of parsers. */
function asFormFields(body: Record<string, unknown>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) fields[name] = value.join(',');
    else if (['string', 'number', 'boolean'].includes(typeof value)) fields[name] = String(value);
    else throw badRequest('VALIDATION_FAILED', `Invalid request: "${name}" must be a string, number or boolean.`);
  }
  return fields;
}

export function registerVideoRoutes(
  app: FastifyInstance,
  deps: {
    videos: VideoService;
    intake: UploadIntake;
    rateLimit: RateLimiter;
    resumable?: ResumableUploads;
    /** The origin of upload URLs (PUBLIC_URL). */
    publicUrl: () => string;
  },
): void {
  const { videos, intake, rateLimit } = deps;

  app.post(
    '/v1/videos',
    {
      schema: {
        tags: ['videos'],
        consumes: ['multipart/form-data', 'application/json'],
        body: { content: { 'application/json': { schema: ResumableUploadBody } } },
      },
    },
    async (request, reply) => {
      const viewer = requireViewer(request);
      await rateLimit(request, RATE_LIMITS.upload);
      if (deps.resumable && request.mediaType === 'application/json') {
        const body = request.body as ResumableUploadRequest;
        const fields = asFormFields(body);
        const caption = normalizeCaption(fields.caption);
        const started = await deps.resumable.begin({
          authorId: viewer.userId,
          caption,
          hashtags: collectHashtags(fields.hashtags, caption),
          options: parseUploadOptions(fields),
          effects: parseEffects(fields),
          size: body.size,
          filename: body.filename,
          origin: deps.publicUrl(),
        });
        reply.status(202);
        return started;
      }
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
          options: parseUploadOptions(upload.fields),
          effects: upload.effects,
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
    { schema: { tags: ['videos'], params: IdParam } },
    async (request) => videos.get(request.params.id, request.viewer?.userId ?? null),
  );

  app.patch<{ Params: { id: string }; Body: { caption?: string; visibility?: Visibility } }>(
    '/v1/videos/:id',
    {
      schema: {
        tags: ['videos'],
        params: IdParam,
        body: Type.Object(
          {
            caption: Type.Optional(Type.String({ maxLength: 10_000 })),
            visibility: Type.Optional(
              Type.Union([Type.Literal('public'), Type.Literal('friends'), Type.Literal('private')]),
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => videos.update(request.params.id, requireViewer(request).userId, request.body),
  );

  app.delete<{ Params: { id: string } }>(
    '/v1/videos/:id',
    { schema: { tags: ['videos'], params: IdParam } },
    async (request, reply) => {
      await videos.remove(request.params.id, requireViewer(request).userId);
      reply.status(204);
    },
  );

  app.post<{ Params: { id: string }; Body: ViewReport }>(
    '/v1/videos/:id/view',
    { schema: { tags: ['videos'], params: IdParam, body: ViewBody } },
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
      const after = decodeTimePosition(request.query.cursor);
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

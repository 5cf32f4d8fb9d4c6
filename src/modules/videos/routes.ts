import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { type Static, Type } from 'typebox';
import { RATE_LIMITS, TEXT_LIMITS } from '../../config.ts';
import { requireViewer } from '../../http/auth.ts';
import { decodeTimePosition, encodeCursor } from '../../http/cursor.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import { IdParam, NoContent, PageQuery } from '../../http/schemas.ts';
import { badRequest } from '../../platform/errors.ts';
import { UsernameParam } from '../accounts/schemas.ts';
import { parseEffects } from '../media/effects.ts';
import type { UploadIntake } from '../media/upload-intake.ts';
import type { ResumableUploads } from '../uploads/service.ts';
import { collectHashtags, normalizeCaption } from './hashtags.ts';
import type { VideoLifecycle } from './lifecycle.ts';
import {
  ResumableUploadStartedSchema,
  UploadAcceptedSchema,
  VideoPageSchema,
  VideoSchema,
  VisibilitySchema,
} from './schemas.ts';
import type { VideoService } from './service.ts';
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

const Caption = Type.String({ maxLength: TEXT_LIMITS.caption });

/** The longest `hashtags` string the checks can accept: as many tags as allowed, each written `#tag, `. */
const HASHTAG_LIST_LENGTH = TEXT_LIMITS.hashtags * (TEXT_LIMITS.hashtag + 3);

/**
 * `POST /v1/videos` with JSON: the file's size and the multipart upload's fields as JSON values (`hashtags` may be
 * a list); the bytes follow over tus at `upload_url`. Open to more properties: every multipart field (upload options,
 * effects) may come as one, and their parsers check them.
 */
const ResumableUploadBody = Type.Object({
  size: Type.Integer({ minimum: 1 }),
  filename: Type.Optional(Type.String({ maxLength: 255 })),
  caption: Type.Optional(Caption),
  // A list, or one string separated by commas or spaces as the multipart field is; a tag's `#` is optional.
  hashtags: Type.Optional(
    Type.Union([
      Type.Array(Type.String({ maxLength: TEXT_LIMITS.hashtag + 1 }), { maxItems: TEXT_LIMITS.hashtags }),
      Type.String({ maxLength: HASHTAG_LIST_LENGTH }),
    ]),
  ),
});

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

const VideoChanges = Type.Object(
  { caption: Type.Optional(Caption), visibility: Type.Optional(VisibilitySchema) },
  { additionalProperties: false },
);

export function registerVideoRoutes(
  app: FastifyInstance,
  deps: {
    videos: VideoService;
    /** Takes a multipart upload in (resumable ones go through `resumable`). */
    lifecycle: Pick<VideoLifecycle, 'acceptUpload'>;
    intake: UploadIntake;
    rateLimit: RateLimiter;
    resumable?: ResumableUploads;
    /** The origin of upload URLs (PUBLIC_URL). */
    publicUrl: () => string;
  },
): void {
  const { videos, intake, rateLimit } = deps;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/v1/videos',
    {
      schema: {
        tags: ['videos'],
        consumes: ['multipart/form-data', 'application/json'],
        body: { content: { 'application/json': { schema: ResumableUploadBody } } },
        response: { 202: Type.Union([UploadAcceptedSchema, ResumableUploadStartedSchema]) },
      },
    },
    async (request, reply) => {
      const viewer = requireViewer(request);
      await rateLimit(request, RATE_LIMITS.upload);
      if (deps.resumable && request.mediaType === 'application/json') {
        // Validated by the JSON content's schema above; the type provider does not type per-content bodies.
        const body = request.body as Static<typeof ResumableUploadBody>;
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
        const accepted = await deps.lifecycle.acceptUpload({
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

  api.get(
    '/v1/videos/:id',
    { schema: { tags: ['videos'], params: IdParam, response: { 200: VideoSchema } } },
    async (request) => videos.get(request.params.id, request.viewer?.userId ?? null),
  );

  api.patch(
    '/v1/videos/:id',
    { schema: { tags: ['videos'], params: IdParam, body: VideoChanges, response: { 200: VideoSchema } } },
    async (request) => videos.update(request.params.id, requireViewer(request).userId, request.body),
  );

  api.delete(
    '/v1/videos/:id',
    { schema: { tags: ['videos'], params: IdParam, response: { 204: NoContent } } },
    async (request, reply) => {
      await videos.remove(request.params.id, requireViewer(request).userId);
      reply.status(204);
      return null;
    },
  );

  api.post(
    '/v1/videos/:id/view',
    { schema: { tags: ['videos'], params: IdParam, body: ViewBody, response: { 204: NoContent } } },
    async (request, reply) => {
      await rateLimit(request, RATE_LIMITS.view);
      const report = { ...request.body, completion_rate: Math.min(request.body.completion_rate, 1) };
      await videos.recordView(request.params.id, request.viewer?.userId ?? null, report);
      reply.status(204);
      return null;
    },
  );

  api.get(
    '/v1/users/:username/videos',
    {
      schema: {
        tags: ['videos'],
        params: UsernameParam,
        querystring: PageQuery,
        response: { 200: VideoPageSchema },
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

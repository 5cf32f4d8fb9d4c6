import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { RATE_LIMITS } from '../../config.ts';
import { requireViewer } from '../../http/auth.ts';
import { decodeTimePosition, encodeCursor } from '../../http/cursor.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import { IdParam, PageQuery, Uuid } from '../../http/schemas.ts';
import type { CommentPage, CommentService } from './comments.ts';
import type { InteractionService } from './service.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

const CommentSchema = Type.Object({
  id: Type.String(),
  video_id: Type.String(),
  parent_id: Nullable(Type.String()),
  user: Type.Object({
    id: Type.String(),
    username: Type.String(),
    display_name: Type.String(),
    avatar_url: Nullable(Type.String()),
  }),
  content: Type.String(),
  mentions: Type.Array(Type.String()),
  like_count: Type.Integer(),
  reply_count: Type.Integer(),
  viewer: Type.Optional(Type.Object({ liked: Type.Boolean() })),
  created_at: Type.String(),
});
const CommentPageSchema = Type.Object({
  comments: Type.Array(CommentSchema),
  cursor: Nullable(Type.String()),
  has_more: Type.Boolean(),
});
const LikeState = Type.Object({ liked: Type.Boolean(), like_count: Type.Integer() });
const SaveState = Type.Object({ saved: Type.Boolean(), save_count: Type.Integer() });

type ById = { Params: { id: string } };
type PageOf = ById & { Querystring: { cursor?: string; count?: number } };

function commentPage(page: CommentPage) {
  return { comments: page.comments, cursor: page.next ? encodeCursor(page.next) : null, has_more: page.next !== null };
}

export function registerInteractionRoutes(
  app: FastifyInstance,
  deps: {
    interactions: InteractionService;
    comments: CommentService;
    rateLimit: RateLimiter;
    /** The URL of a video's file as this API hands it out: signed unless the video is open to everyone. */
    mediaLink: (key: string) => Promise<string>;
    /** The origin of share links (PUBLIC_URL). */
    publicUrl: () => string;
  },
): void {
  const { interactions, comments, rateLimit } = deps;
  const tags = ['interactions'];

  app.post<ById>(
    '/v1/videos/:id/like',
    { schema: { tags, params: IdParam, response: { 200: LikeState } } },
    async (request) => {
      const viewer = requireViewer(request);
      await rateLimit(request, RATE_LIMITS.like);
      return interactions.like(request.params.id, viewer.userId);
    },
  );

  app.delete<ById>(
    '/v1/videos/:id/like',
    { schema: { tags, params: IdParam, response: { 200: LikeState } } },
    async (request) => {
      const viewer = requireViewer(request);
      await rateLimit(request, RATE_LIMITS.like);
      return interactions.unlike(request.params.id, viewer.userId);
    },
  );

  app.post<ById & { Body: { content: string; parent_id?: string } }>(
    '/v1/videos/:id/comments',
    {
      schema: {
        tags,
        params: IdParam,
        body: Type.Object(
          {
            content: Type.String({ maxLength: 5000 }),
            parent_id: Type.Optional(Uuid),
          },
          { additionalProperties: false },
        ),
        response: { 201: CommentSchema },
      },
    },
    async (request, reply) => {
      const viewer = requireViewer(request);
      await rateLimit(request, RATE_LIMITS.comment);
      const comment = await comments.create(request.params.id, viewer.userId, request.body);
      reply.status(201);
      return comment;
    },
  );

  app.get<PageOf>(
    '/v1/videos/:id/comments',
    { schema: { tags, params: IdParam, querystring: PageQuery, response: { 200: CommentPageSchema } } },
    async (request) => {
      const after = decodeTimePosition(request.query.cursor);
      const viewerId = request.viewer?.userId ?? null;
      return commentPage(await comments.list(request.params.id, viewerId, after, request.query.count ?? 20));
    },
  );

  app.get<PageOf>(
    '/v1/comments/:id/replies',
    { schema: { tags, params: IdParam, querystring: PageQuery, response: { 200: CommentPageSchema } } },
    async (request) => {
      const after = decodeTimePosition(request.query.cursor);
      const viewerId = request.viewer?.userId ?? null;
      return commentPage(await comments.replies(request.params.id, viewerId, after, request.query.count ?? 20));
    },
  );

  app.delete<ById>('/v1/comments/:id', { schema: { tags, params: IdParam } }, async (request, reply) => {
    await comments.delete(request.params.id, requireViewer(request).userId);
    reply.status(204);
  });

  app.post<ById>(
    '/v1/comments/:id/like',
    { schema: { tags, params: IdParam, response: { 200: LikeState } } },
    async (request) => {
      const viewer = requireViewer(request);
      await rateLimit(request, RATE_LIMITS.like);
      return comments.like(request.params.id, viewer.userId);
    },
  );

  app.delete<ById>(
    '/v1/comments/:id/like',
    { schema: { tags, params: IdParam, response: { 200: LikeState } } },
    async (request) => {
      const viewer = requireViewer(request);
      await rateLimit(request, RATE_LIMITS.like);
      return comments.unlike(request.params.id, viewer.userId);
    },
  );

  app.post<ById & { Body: { channel?: string } }>(
    '/v1/videos/:id/share',
    {
      schema: {
        tags,
        params: IdParam,
        body: Type.Object(
          { channel: Type.Optional(Type.String({ pattern: '^[a-z0-9_]{1,32}$', default: 'link' })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ share_url: Type.String(), share_count: Type.Integer() }) },
      },
      // No body at all shares to the default channel, like an empty one.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => {
      await rateLimit(request, RATE_LIMITS.share);
      const id = request.params.id;
      const shareUrl = `${deps.publicUrl()}/v/${id}`;
      const channel = request.body?.channel ?? 'link';
      return interactions.share(id, request.viewer?.userId ?? null, channel, shareUrl);
    },
  );

  app.post<ById>(
    '/v1/videos/:id/save',
    { schema: { tags, params: IdParam, response: { 200: SaveState } } },
    async (request) => {
      const viewer = requireViewer(request);
      await rateLimit(request, RATE_LIMITS.like);
      return interactions.save(request.params.id, viewer.userId);
    },
  );

  app.delete<ById>(
    '/v1/videos/:id/save',
    { schema: { tags, params: IdParam, response: { 200: SaveState } } },
    async (request) => {
      const viewer = requireViewer(request);
      await rateLimit(request, RATE_LIMITS.like);
      return interactions.unsave(request.params.id, viewer.userId);
    },
  );

  app.get<{ Querystring: { cursor?: string; count?: number } }>(
    '/v1/users/me/saved',
    { schema: { tags, querystring: PageQuery } },
    async (request) => {
      const viewer = requireViewer(request);
      const after = decodeTimePosition(request.query.cursor);
      const page = await interactions.saved(viewer.userId, after, request.query.count ?? 20);
      return { videos: page.videos, cursor: page.next ? encodeCursor(page.next) : null, has_more: page.next !== null };
    },
  );

  app.get<ById>('/v1/videos/:id/download', { schema: { tags, params: IdParam } }, async (request, reply) => {
    const key = await interactions.downloadKey(request.params.id, request.viewer?.userId ?? null);
    return reply.redirect(await deps.mediaLink(key), 302);
  });
}

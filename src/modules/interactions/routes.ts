import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { RATE_LIMITS, TEXT_LIMITS } from '../../config.ts';
import { requireViewer } from '../../http/auth.ts';
import { decodeTimePosition, encodeCursor } from '../../http/cursor.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import { IdParam, NoContent, PageQuery, Uuid } from '../../http/schemas.ts';
import type { VideoResponse } from '../videos/presenter.ts';
import { VideoPageSchema } from '../videos/schemas.ts';
import type { CommentPage, CommentService } from './comments.ts';
import { CommentPageSchema, CommentSchema, LikeStateSchema, SaveStateSchema, ShareSchema } from './schemas.ts';
import type { InteractionService } from './service.ts';

// No minLength: the check trims first and answers an empty comment with EMPTY_COMMENT.
const NewComment = Type.Object(
  { content: Type.String({ maxLength: TEXT_LIMITS.comment }), parent_id: Type.Optional(Uuid) },
  { additionalProperties: false },
);

const ShareBody = Type.Object(
  { channel: Type.Optional(Type.String({ pattern: '^[a-z0-9_]{1,32}$', default: 'link' })) },
  { additionalProperties: false },
);

/** The answer to a download: no body, the MP4's URL in `Location`. */
const DownloadRedirect = Type.Null({ description: "Found: the video's progressive MP4 is at the Location header." });

function commentPage(page: CommentPage) {
  return { comments: page.comments, cursor: page.next ? encodeCursor(page.next) : null, has_more: page.next !== null };
}

export function registerInteractionRoutes(
  app: FastifyInstance,
  deps: {
    interactions: InteractionService;
    comments: CommentService;
    /** Shows the saved videos (the videos module). */
    videos: { listByIds(ids: readonly string[], viewerId: string | null): Promise<VideoResponse[]> };
    rateLimit: RateLimiter;
    /** The URL of a video's file as this API hands it out: signed unless the video is open to everyone. */
    mediaLink: (key: string) => Promise<string>;
    /** The origin of share links (PUBLIC_URL). */
    publicUrl: () => string;
  },
): void {
  const { interactions, comments, rateLimit } = deps;
  const tags = ['interactions'];
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/v1/videos/:id/like',
    { schema: { tags, params: IdParam, response: { 200: LikeStateSchema } } },
    async (request) => {
      const viewer = requireViewer(request);
      await rateLimit(request, RATE_LIMITS.like);
      return interactions.like(request.params.id, viewer.userId);
    },
  );

  api.delete(
    '/v1/videos/:id/like',
    { schema: { tags, params: IdParam, response: { 200: LikeStateSchema } } },
    async (request) => {
      const viewer = requireViewer(request);
      await rateLimit(request, RATE_LIMITS.like);
      return interactions.unlike(request.params.id, viewer.userId);
    },
  );

  api.post(
    '/v1/videos/:id/comments',
    {
      schema: {
        tags,
        params: IdParam,
        body: NewComment,
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

  api.get(
    '/v1/videos/:id/comments',
    { schema: { tags, params: IdParam, querystring: PageQuery, response: { 200: CommentPageSchema } } },
    async (request) => {
      const after = decodeTimePosition(request.query.cursor);
      const viewerId = request.viewer?.userId ?? null;
      return commentPage(await comments.list(request.params.id, viewerId, after, request.query.count ?? 20));
    },
  );

  api.get(
    '/v1/comments/:id/replies',
    { schema: { tags, params: IdParam, querystring: PageQuery, response: { 200: CommentPageSchema } } },
    async (request) => {
      const after = decodeTimePosition(request.query.cursor);
      const viewerId = request.viewer?.userId ?? null;
      return commentPage(await comments.replies(request.params.id, viewerId, after, request.query.count ?? 20));
    },
  );

  api.delete(
    '/v1/comments/:id',
    { schema: { tags, params: IdParam, response: { 204: NoContent } } },
    async (request, reply) => {
      await comments.delete(request.params.id, requireViewer(request).userId);
      reply.status(204);
      return null;
    },
  );

  api.post(
    '/v1/comments/:id/like',
    { schema: { tags, params: IdParam, response: { 200: LikeStateSchema } } },
    async (request) => {
      const viewer = requireViewer(request);
      await rateLimit(request, RATE_LIMITS.like);
      return comments.like(request.params.id, viewer.userId);
    },
  );

  api.delete(
    '/v1/comments/:id/like',
    { schema: { tags, params: IdParam, response: { 200: LikeStateSchema } } },
    async (request) => {
      const viewer = requireViewer(request);
      await rateLimit(request, RATE_LIMITS.like);
      return comments.unlike(request.params.id, viewer.userId);
    },
  );

  api.post(
    '/v1/videos/:id/share',
    {
      schema: {
        tags,
        params: IdParam,
        body: ShareBody,
        response: { 200: ShareSchema },
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

  api.post(
    '/v1/videos/:id/save',
    { schema: { tags, params: IdParam, response: { 200: SaveStateSchema } } },
    async (request) => {
      const viewer = requireViewer(request);
      await rateLimit(request, RATE_LIMITS.like);
      return interactions.save(request.params.id, viewer.userId);
    },
  );

  api.delete(
    '/v1/videos/:id/save',
    { schema: { tags, params: IdParam, response: { 200: SaveStateSchema } } },
    async (request) => {
      const viewer = requireViewer(request);
      await rateLimit(request, RATE_LIMITS.like);
      return interactions.unsave(request.params.id, viewer.userId);
    },
  );

  api.get(
    '/v1/users/me/saved',
    { schema: { tags, querystring: PageQuery, response: { 200: VideoPageSchema } } },
    async (request) => {
      const viewer = requireViewer(request);
      const after = decodeTimePosition(request.query.cursor);
      const page = await interactions.saved(viewer.userId, after, request.query.count ?? 20);
      // Saved videos that were deleted or hidden since are left out; the cursor still moves past them.
      const videos = await deps.videos.listByIds(page.videoIds, viewer.userId);
      return { videos, cursor: page.next ? encodeCursor(page.next) : null, has_more: page.next !== null };
    },
  );

  api.get(
    '/v1/videos/:id/download',
    { schema: { tags, params: IdParam, response: { 302: DownloadRedirect } } },
    async (request, reply) => {
      const key = await interactions.downloadKey(request.params.id, request.viewer?.userId ?? null);
      return reply.redirect(await deps.mediaLink(key), 302);
    },
  );
}

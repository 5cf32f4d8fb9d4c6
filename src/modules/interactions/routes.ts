import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { RATE_LIMITS, TEXT_LIMITS } from '../../config.ts';
import { requireViewer } from '../../http/auth.ts';
import type { TimePosition } from '../../http/cursor.ts';
import { answerOwnPage, answerPage, itemsIn, timePages } from '../../http/pages.ts';
import { limitedViewerId, type RateLimiter } from '../../http/rate-limit.ts';
import { IdParam, NoContent, PageQuery, Uuid } from '../../http/schemas.ts';
import { registerToggle } from '../../http/toggle-routes.ts';
import type { VideoResponse } from '../videos/presenter.ts';
import { VideoPageSchema } from '../videos/schemas.ts';
import type { CommentService } from './comments.ts';
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

type CommentListArgs = Parameters<CommentService['list']>;

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

  const byId = { tags, params: IdParam, subjectOf: (params: { id: string }) => params.id };
  const likeLimit = { ...byId, rateLimit, rule: RATE_LIMITS.like };

  registerToggle(app, likeLimit, '/v1/videos/:id/like', LikeStateSchema, (videoId, viewerId, on) =>
    on ? interactions.like(videoId, viewerId) : interactions.unlike(videoId, viewerId),
  );

  api.post(
    '/v1/videos/:id/comments',
    { schema: { tags, params: IdParam, body: NewComment, response: { 201: CommentSchema } } },
    async (request, reply) => {
      const viewerId = await limitedViewerId(request, rateLimit, RATE_LIMITS.comment);
      const comment = await comments.create(request.params.id, viewerId, request.body);
      reply.status(201);
      return comment;
    },
  );

  const commentLists = {
    '/v1/videos/:id/comments': (...args: CommentListArgs) => comments.list(...args),
    '/v1/comments/:id/replies': (...args: CommentListArgs) => comments.replies(...args),
  };
  for (const [path, list] of Object.entries(commentLists)) {
    api.get(
      path,
      { schema: { tags, params: IdParam, querystring: PageQuery, response: { 200: CommentPageSchema } } },
      async (request) => {
        const viewerId = request.viewer?.userId ?? null;
        const under = (after: TimePosition | null, count: number) => list(request.params.id, viewerId, after, count);
        return answerPage(request, timePages, under, itemsIn('comments'));
      },
    );
  }

  api.delete(
    '/v1/comments/:id',
    { schema: { tags, params: IdParam, response: { 204: NoContent } } },
    async (request, reply) => {
      await comments.delete(request.params.id, requireViewer(request).userId);
      reply.status(204);
      return null;
    },
  );

  registerToggle(app, likeLimit, '/v1/comments/:id/like', LikeStateSchema, (commentId, viewerId, on) =>
    on ? comments.like(commentId, viewerId) : comments.unlike(commentId, viewerId),
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

  registerToggle(app, likeLimit, '/v1/videos/:id/save', SaveStateSchema, (videoId, viewerId, on) =>
    on ? interactions.save(videoId, viewerId) : interactions.unsave(videoId, viewerId),
  );

  api.get(
    '/v1/users/me/saved',
    { schema: { tags, querystring: PageQuery, response: { 200: VideoPageSchema } } },
    async (request) =>
      answerOwnPage(
        request,
        timePages,
        async (viewerId, after, count) => {
          const page = await interactions.saved(viewerId, after, count);
          // Saved videos that were deleted or hidden since are left out; the cursor still moves past them.
          return { videos: await deps.videos.listByIds(page.videoIds, viewerId), next: page.next };
        },
        itemsIn('videos'),
      ),
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

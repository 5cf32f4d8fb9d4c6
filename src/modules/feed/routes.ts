import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { RATE_LIMITS } from '../../config.ts';
import { requireViewer } from '../../http/auth.ts';
import {
  decodeCursor,
  encodeCursor,
  invalidCursor,
  isCursorInteger,
  isCursorTime,
  isCursorUuid,
  type TimePosition,
} from '../../http/cursor.ts';
import { answerPage, timePages } from '../../http/pages.ts';
import { limitedViewerId, type RateLimiter } from '../../http/rate-limit.ts';
import { PageQuery } from '../../http/schemas.ts';
import { FeedModeSchema, FeedPreferencesSchema, FollowingPageSchema, ForYouPageSchema } from './schemas.ts';
import type { FeedService, ForYouPage, FypPosition } from './service.ts';

const FypQuery = Type.Object({ ...PageQuery.properties, mode: Type.Optional(FeedModeSchema) });

/** The furthest a ranked list's page may start: lists hold about 50 videos. */
const MAX_LIST_OFFSET = 10_000;

/** The For You cursor: `{l: list id, o: offset}`, or `{l: "latest", o: "<time>|<id>"}` for the newest-first feed. */
function decodeFypCursor(cursor: string | undefined): FypPosition | null {
  const raw = decodeCursor(cursor, {
    l: (list) => list === 'latest' || isCursorUuid(list),
    o: (offset) => offset.length > 0,
  });
  if (!raw) return null;
  if (raw.l === 'latest') {
    const split = raw.o.lastIndexOf('|');
    const at = raw.o.slice(0, split);
    const id = raw.o.slice(split + 1);
    if (split > 0 && isCursorTime(at) && isCursorUuid(id)) return { latest: { at, id } };
  } else if (isCursorInteger(0, MAX_LIST_OFFSET)(raw.o)) {
    return { list: raw.l, offset: Number(raw.o) };
  }
  throw invalidCursor();
}

function encodeFypCursor(position: FypPosition | null): string | null {
  if (!position) return null;
  if ('latest' in position) return encodeCursor({ l: 'latest', o: `${position.latest.at}|${position.latest.id}` });
  return encodeCursor({ l: position.list, o: String(position.offset) });
}

/** Stage timings as a Server-Timing header, for anyone watching the 50 ms budget from a browser. */
function reportTimings(reply: FastifyReply, page: ForYouPage): void {
  if (!page.timings) return;
  const { retrievalMs, rankingMs, rerankMs, computeMs } = page.timings;
  reply.header(
    'server-timing',
    `retrieval;dur=${retrievalMs.toFixed(2)}, ranking;dur=${rankingMs.toFixed(2)}, rerank;dur=${rerankMs.toFixed(2)}, recommend;dur=${computeMs.toFixed(2)}`,
  );
}

export function registerFeedRoutes(app: FastifyInstance, feed: FeedService, rateLimit: RateLimiter): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/v1/feed/fyp',
    { schema: { tags: ['feed'], querystring: FypQuery, response: { 200: ForYouPageSchema } } },
    async (request, reply) => {
      await rateLimit(request, RATE_LIMITS.fyp);
      const page = await feed.forYou({
        viewerId: request.viewer?.userId ?? null,
        position: decodeFypCursor(request.query.cursor),
        count: request.query.count ?? 10,
        ...(request.query.mode ? { mode: request.query.mode } : {}),
      });
      reportTimings(reply, page);
      return {
        videos: page.videos,
        cursor: encodeFypCursor(page.next),
        has_more: page.has_more,
        prefetch_hints: page.prefetch_hints,
        mode: page.mode,
      };
    },
  );

  api.get(
    '/v1/feed/following',
    { schema: { tags: ['feed'], querystring: PageQuery, response: { 200: FollowingPageSchema } } },
    async (request) => {
      const viewerId = await limitedViewerId(request, rateLimit, RATE_LIMITS.fyp);
      const following = (after: TimePosition | null, count: number) => feed.following(viewerId, after, count);
      return answerPage(
        request,
        timePages,
        following,
        ({ videos, prefetch_hints }) => ({ videos, prefetch_hints }),
        10,
      );
    },
  );

  api.get(
    '/v1/feed/preferences',
    { schema: { tags: ['feed'], response: { 200: FeedPreferencesSchema } } },
    async (request) => feed.preferences(requireViewer(request).userId),
  );

  api.patch(
    '/v1/feed/preferences',
    { schema: { tags: ['feed'], body: FeedPreferencesSchema, response: { 200: FeedPreferencesSchema } } },
    async (request) => feed.setPreferences(requireViewer(request).userId, request.body),
  );
}

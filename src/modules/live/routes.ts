import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { RATE_LIMITS } from '../../config.ts';
import { requireViewer } from '../../http/auth.ts';
import { decodeCursor, encodeCursor, isCursorTime, isCursorUuid } from '../../http/cursor.ts';
import type { PublicUrl } from '../../http/public-url.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import { IdParam, PageQuery } from '../../http/schemas.ts';
import type { BlobStore } from '../../platform/blob/blob-store.ts';
import type { Cache } from '../../platform/cache/cache.ts';
import { toUserSummary } from '../accounts/user-summary.ts';
import { scheduleAbandonedStreamSweeps } from './abandoned-sweeper.ts';
import type { BrowserIngest } from './browser-ingest.ts';
import { BROWSER_INGEST_PATH, registerBrowserIngestRoute } from './browser-ingest-route.ts';
import type { LiveChatService } from './chat.ts';
import { registerLiveChatRoutes } from './chat-routes.ts';
import { HlsEdgeWatch } from './hls-edge-watch.ts';
import type { LiveMediaCleanup } from './media-cleanup.ts';
import { scheduleEndedMediaSweeps } from './media-sweeper.ts';
import { registerLivePlaybackRoute } from './playback-routes.ts';
import {
  GiftReceiptSchema,
  LiveStartedSchema,
  LiveStreamPageSchema,
  LiveStreamSchema,
  SendGiftBody,
  StartLiveBody,
} from './schemas.ts';
import type { LiveService, LiveStreamView, OnAirCursor } from './service.ts';

export type LiveStreamResponse = Static<typeof LiveStreamSchema>;

const LIST_PAGE = 20;

export interface LiveRouteDeps {
  live: LiveService;
  chat: LiveChatService;
  blobs: BlobStore;
  cache: Cache;
  /** Removes what ended streams leave behind, after the retention period. */
  cleanup: LiveMediaCleanup;
  rateLimit: RateLimiter;
  publicUrl: PublicUrl;
  /** The RTMP server URL publishers use (`rtmp://host:port/live`); null when no node here takes RTMP. */
  rtmpUrl: () => string | null;
  /** The browser ingest of this node, when it takes RTMP (it re-publishes there); null elsewhere. */
  browserIngest: BrowserIngest | null;
}

const iso = (time: string | null) => (time === null ? null : new Date(time).toISOString());

function encodeOnAirCursor(cursor: OnAirCursor | null): string | null {
  if (cursor === null) return null;
  return encodeCursor({ f: cursor.followed ? '1' : '0', at: cursor.after?.at ?? '', id: cursor.after?.id ?? '' });
}

function decodeOnAirCursor(raw: string | undefined): OnAirCursor | null {
  const position = decodeCursor(raw, {
    f: (value) => value === '1' || value === '0',
    at: (value) => value === '' || isCursorTime(value),
    id: (value) => value === '' || isCursorUuid(value),
  });
  if (!position) return null;
  return {
    followed: position.f === '1',
    after: position.at && position.id ? { at: position.at, id: position.id } : null,
  };
}

export function registerLiveRoutes(app: FastifyInstance, deps: LiveRouteDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['live'];
  const { live, rateLimit } = deps;
  const shareUrl = (id: string) => `${deps.publicUrl()}/live/${id}`;
  // Browsers publish wherever the RTMP ingest is: the same condition decides both.
  const browserIngestUrl = () =>
    deps.rtmpUrl() === null ? null : `${deps.publicUrl().replace(/^http/, 'ws')}${BROWSER_INGEST_PATH}`;
  const present = ({ stream, host, viewers, stats }: LiveStreamView): LiveStreamResponse => ({
    id: stream.id,
    title: stream.title,
    visibility: stream.visibility,
    status: stream.status,
    host: host ? toUserSummary(host) : null,
    viewers,
    created_at: new Date(stream.created_at).toISOString(),
    started_at: iso(stream.started_at),
    ended_at: iso(stream.ended_at),
    playback_url: stream.status === 'live' ? `${deps.publicUrl()}/v1/live/${stream.id}/hls/master.m3u8` : null,
    share_url: shareUrl(stream.id),
    stats,
    replay_video_id: stream.replay_video_id,
  });

  api.post(
    '/v1/live/start',
    { schema: { tags, body: StartLiveBody, response: { 201: LiveStartedSchema } } },
    async (request, reply) => {
      const viewer = requireViewer(request);
      await rateLimit(request, RATE_LIMITS.liveStart);
      const { title, visibility = 'public', replay = false } = request.body;
      const { stream, key } = await live.start(viewer.userId, { title, visibility, replay });
      return reply.status(201).send({
        stream_id: stream.id,
        rtmp_url: deps.rtmpUrl(),
        stream_key: key,
        whip_or_ws_url: browserIngestUrl(),
        expires_at: new Date(stream.key_expires_at).toISOString(),
        share_url: shareUrl(stream.id),
      });
    },
  );

  api.get(
    '/v1/live',
    { schema: { tags, querystring: PageQuery, response: { 200: LiveStreamPageSchema } } },
    async (request) => {
      const cursor = decodeOnAirCursor(request.query.cursor);
      const page = await live.listOnAir(request.viewer?.userId ?? null, cursor, request.query.count ?? LIST_PAGE);
      return { streams: page.streams.map(present), cursor: encodeOnAirCursor(page.next), has_more: page.next !== null };
    },
  );

  api.get('/v1/live/:id', { schema: { tags, params: IdParam, response: { 200: LiveStreamSchema } } }, async (request) =>
    present(await live.get(request.viewer?.userId ?? null, request.params.id)),
  );

  api.post(
    '/v1/live/:id/end',
    { schema: { tags, params: IdParam, response: { 200: LiveStreamSchema } } },
    async (request) => present(await live.end(requireViewer(request).userId, request.params.id)),
  );

  api.post(
    '/v1/live/:id/gifts',
    { schema: { tags, params: IdParam, body: SendGiftBody, response: { 200: GiftReceiptSchema } } },
    async (request) => {
      const viewer = requireViewer(request);
      await rateLimit(request, RATE_LIMITS.gift);
      const { gift_id, quantity = 1, idempotency_key } = request.body;
      return live.sendGift(viewer.userId, request.params.id, {
        giftId: gift_id,
        quantity,
        idempotencyKey: idempotency_key,
      });
    },
  );

  registerLiveChatRoutes(app, deps.chat, rateLimit);
  const edges = new HlsEdgeWatch(deps.cache, app.log);
  app.addHook('onClose', () => edges.close());
  registerLivePlaybackRoute(app, { live, blobs: deps.blobs, cache: deps.cache, edges });
  if (deps.browserIngest) registerBrowserIngestRoute(app, deps.browserIngest);
  scheduleAbandonedStreamSweeps(app, live);
  scheduleEndedMediaSweeps(app, deps.cleanup);
}

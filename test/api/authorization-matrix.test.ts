import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildHttpApp } from '../../src/http/app.ts';
import { type RouteEntry, routesOf } from '../../src/http/route-table.ts';
import { type Infrastructure, openInfrastructure } from '../../src/platform/infrastructure.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { createMetrics } from '../../src/platform/metrics.ts';
import type { JobWorker } from '../../src/platform/stream/jobs.ts';
import { createServices, type Services } from '../../src/services.ts';
import { startWorkers } from '../../src/worker.ts';
import { type ApiResponse, createApiClient } from '../support/api-client.ts';
import { type TestLooply, testConfig } from '../support/looply.ts';
import { browserKeys } from '../support/push-service.ts';
import { type Account, makeTinyClip, readyVideo, signUpAll } from '../support/social.ts';

/**
 * Every route of the app, classified: `public` (no account needed), `auth` (any signed-in account), `owner` (only
 * the account whose thing it is). The route table comes from Fastify itself, so a route added without a rule here
 * fails this test. Then: for each route, a visitor is refused where an account is needed, and for each owner-only
 * route, another account aiming at the owner's thing is refused and changes nothing.
 */

type Access = 'public' | 'auth' | 'owner';

interface World {
  bea: Account;
  abe: Account;
  cal: Account;
  pia: Account;
  /** bea's videos: public, friends-only and private; cal's public video with bea's comment on it. */
  pub: string;
  friendsOnly: string;
  priv: string;
  calVideo: string;
  beaComment: string;
  piaVideo: string;
  soundId: string;
  posterPath: string;
  /** bea's resumable upload (and the id of the video it fills). */
  upload: string;
  /** bea's conversation with cal, her message in it, cal's notification of bea's comment, bea's push endpoint. */
  conversation: string;
  beaMessage: string;
  calNotification: string;
  beaEndpoint: string;
  /** A picture to upload as an avatar, and bea's avatar_url. */
  avatarPng: Buffer;
  beaAvatar: string;
  /** bea's public live stream (not on air). */
  beaStream: string;
  /** Which account a push endpoint is registered to (there is no API to list them). */
  pushOwner(endpoint: string): Promise<string | null>;
}

interface Probe {
  /** Defaults to the route's own URL (for routes without parameters). */
  path?: string;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
}

interface Rule {
  access: Access;
  /** A valid request aimed at bea's things (or, for `me` routes, at the caller's own). */
  probe?: (w: World) => Probe;
  /** Owner-only: what abe's attempt must look like, and that bea's thing is untouched afterwards. */
  stranger?: (w: World, status: number, body: ApiResponse['body']) => Promise<void>;
}

let api: ReturnType<typeof createApiClient>;
const as = (account: Account | undefined, path: string, init: Omit<Probe, 'path'> & { method?: string } = {}) => {
  const { path: _ignored, ...request } = init as Probe;
  return api(path, { ...request, ...(account ? { token: account.access_token } : {}) });
};
const getVideo = async (id: string, account: Account) => (await as(account, `/v1/videos/${id}`)).body;
const json = (value: unknown): Probe => ({ json: value });
const tus = { 'tus-resumable': '1.0.0' };
function avatarForm(png: Buffer): FormData {
  const form = new FormData();
  form.append('avatar', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'avatar.png');
  return form;
}

/** abe's avatar call answered for abe himself; bea's picture stays. */
async function changedOwnAvatar(w: World, status: number, body: ApiResponse['body']): Promise<void> {
  expect(status).toBe(200);
  expect(body.id).toBe(w.abe.user.id);
  expect((await as(undefined, '/v1/users/bea')).body.avatar_url).toBe(w.beaAvatar);
}

/** abe is refused bea's video, which stays as it was. */
async function videoUntouched(w: World, status: number): Promise<void> {
  expect(status).toBe(403);
  expect((await getVideo(w.pub, w.bea)).caption).toBe('bea public');
}

const RULES: Record<string, Rule> = {
  'POST /v1/auth/signup': {
    access: 'public',
    probe: () => json({ username: `probe_${Date.now() % 100000}`, password: 'long enough pw' }),
  },
  'POST /v1/auth/login': {
    access: 'public',
    probe: () => json({ username: 'bea', password: 'correct horse battery' }),
  },
  'POST /v1/auth/refresh': { access: 'public', probe: () => json({ refresh_token: 'not-a-token' }) },

  'GET /v1/users/me': {
    access: 'owner',
    stranger: async (w, status, body) => {
      expect(status).toBe(200);
      expect(body.id).toBe(w.abe.user.id);
    },
  },
  'PATCH /v1/users/me': {
    access: 'owner',
    probe: () => json({ bio: 'changed by whoever called' }),
    stranger: async (w, status, body) => {
      expect(status).toBe(200);
      expect(body.id).toBe(w.abe.user.id);
      expect((await as(undefined, '/v1/users/bea')).body.bio).toBe('');
    },
  },
  'GET /v1/users/me/security-events': {
    access: 'owner',
    stranger: async (_w, status, body) => {
      expect(status).toBe(200);
      expect(body.events).toEqual([]);
    },
  },
  'PUT /v1/users/me/avatar': {
    access: 'owner',
    probe: (w) => ({ body: avatarForm(w.avatarPng) }),
    stranger: changedOwnAvatar,
  },
  'DELETE /v1/users/me/avatar': { access: 'owner', stranger: changedOwnAvatar },
  'GET /v1/users/:username': { access: 'public', probe: () => ({ path: '/v1/users/bea' }) },
  'GET /v1/users/:username/videos': { access: 'public', probe: () => ({ path: '/v1/users/bea/videos' }) },
  'GET /v1/users/:username/followers': { access: 'public', probe: () => ({ path: '/v1/users/bea/followers' }) },
  'GET /v1/users/:username/following': { access: 'public', probe: () => ({ path: '/v1/users/bea/following' }) },
  'POST /v1/users/:username/follow': { access: 'auth', probe: () => ({ path: '/v1/users/bea/follow' }) },
  'DELETE /v1/users/:username/follow': { access: 'auth', probe: () => ({ path: '/v1/users/bea/follow' }) },
  'POST /v1/users/:username/block': { access: 'auth', probe: () => ({ path: '/v1/users/bea/block' }) },
  'DELETE /v1/users/:username/block': { access: 'auth', probe: () => ({ path: '/v1/users/bea/block' }) },
  'GET /v1/users/me/follow-requests': {
    access: 'owner',
    stranger: async (_w, status, body) => {
      expect(status).toBe(200);
      expect(body.requests).toEqual([]);
    },
  },
  'POST /v1/users/me/follow-requests/:username/approve': {
    access: 'owner',
    probe: () => ({ path: '/v1/users/me/follow-requests/cal/approve' }),
    stranger: async (w, status) => {
      expect(status).toBe(404);
      expect((await as(w.cal, '/v1/users/pia')).body.relationship).toMatchObject({ following: false, requested: true });
    },
  },
  'POST /v1/users/me/follow-requests/:username/deny': {
    access: 'owner',
    probe: () => ({ path: '/v1/users/me/follow-requests/cal/deny' }),
    stranger: async (w, status) => {
      expect(status).toBe(404);
      expect((await as(w.cal, '/v1/users/pia')).body.relationship).toMatchObject({ requested: true });
    },
  },
  'GET /v1/users/me/blocked': {
    access: 'owner',
    stranger: async (w, status, body) => {
      expect(status).toBe(200);
      expect(body.users).toEqual([]);
      const beas = (await as(w.bea, '/v1/users/me/blocked')).body.users;
      expect(beas.map((u: { username: string }) => u.username)).toEqual(['zed']);
    },
  },
  'GET /v1/users/me/saved': {
    access: 'owner',
    stranger: async (w, status, body) => {
      expect(status).toBe(200);
      expect(body.videos.map((v: { id: string }) => v.id)).not.toContain(w.calVideo);
    },
  },

  'POST /v1/videos': { access: 'auth', probe: () => json({ size: 1000, caption: 'probe' }) },
  'GET /v1/videos/:id': { access: 'public', probe: (w) => ({ path: `/v1/videos/${w.pub}` }) },
  'PATCH /v1/videos/:id': {
    access: 'owner',
    probe: (w) => ({ path: `/v1/videos/${w.pub}`, json: { caption: 'taken over' } }),
    stranger: videoUntouched,
  },
  'DELETE /v1/videos/:id': {
    access: 'owner',
    probe: (w) => ({ path: `/v1/videos/${w.pub}` }),
    stranger: videoUntouched,
  },
  'POST /v1/videos/:id/view': {
    access: 'public',
    probe: (w) => ({
      path: `/v1/videos/${w.pub}/view`,
      json: { watch_time_ms: 1000, completion_rate: 0.5, replay_count: 0, source: 'test' },
    }),
  },
  'POST /v1/videos/:id/like': { access: 'auth', probe: (w) => ({ path: `/v1/videos/${w.pub}/like` }) },
  'DELETE /v1/videos/:id/like': { access: 'auth', probe: (w) => ({ path: `/v1/videos/${w.pub}/like` }) },
  'POST /v1/videos/:id/comments': {
    access: 'auth',
    probe: (w) => ({ path: `/v1/videos/${w.pub}/comments`, json: { content: 'probe' } }),
  },
  'GET /v1/videos/:id/comments': { access: 'public', probe: (w) => ({ path: `/v1/videos/${w.pub}/comments` }) },
  'GET /v1/comments/:id/replies': {
    access: 'public',
    probe: (w) => ({ path: `/v1/comments/${w.beaComment}/replies` }),
  },
  'DELETE /v1/comments/:id': {
    access: 'owner',
    probe: (w) => ({ path: `/v1/comments/${w.beaComment}` }),
    stranger: async (w, status) => {
      expect(status).toBe(403);
      const comments = (await as(undefined, `/v1/videos/${w.calVideo}/comments`)).body.comments;
      expect(comments.map((c: { id: string }) => c.id)).toContain(w.beaComment);
    },
  },
  'POST /v1/comments/:id/like': { access: 'auth', probe: (w) => ({ path: `/v1/comments/${w.beaComment}/like` }) },
  'DELETE /v1/comments/:id/like': { access: 'auth', probe: (w) => ({ path: `/v1/comments/${w.beaComment}/like` }) },
  'POST /v1/videos/:id/share': {
    access: 'public',
    probe: (w) => ({ path: `/v1/videos/${w.pub}/share`, json: { channel: 'link' } }),
  },
  'POST /v1/videos/:id/save': { access: 'auth', probe: (w) => ({ path: `/v1/videos/${w.pub}/save` }) },
  'DELETE /v1/videos/:id/save': { access: 'auth', probe: (w) => ({ path: `/v1/videos/${w.pub}/save` }) },
  'GET /v1/videos/:id/download': { access: 'public', probe: (w) => ({ path: `/v1/videos/${w.pub}/download` }) },
  'GET /v1/sounds/:id': { access: 'public', probe: (w) => ({ path: `/v1/sounds/${w.soundId}` }) },
  'GET /v1/sounds/:id/videos': { access: 'public', probe: (w) => ({ path: `/v1/sounds/${w.soundId}/videos` }) },
  'GET /v1/search': { access: 'public', probe: () => ({ path: '/v1/search?query=probe' }) },
  'GET /v1/search/suggest': { access: 'public', probe: () => ({ path: '/v1/search/suggest?query=probe' }) },
  'GET /v1/hashtags/:name': { access: 'public', probe: () => ({ path: '/v1/hashtags/probe' }) },
  'GET /v1/trending': { access: 'public' },

  'GET /v1/wallet': {
    access: 'owner',
    stranger: async (_w, status, body) => {
      expect(status).toBe(200);
      expect(body).toEqual({ coins: 0, diamonds: 0 });
    },
  },
  'GET /v1/wallet/history': {
    access: 'owner',
    stranger: async (_w, status, body) => {
      expect(status).toBe(200);
      expect(body.entries).toEqual([]);
    },
  },
  'GET /v1/wallet/packages': { access: 'public' },
  'POST /v1/wallet/purchases': {
    access: 'auth',
    probe: () => json({ package_id: 'coins-70', idempotency_key: 'matrix-probe' }),
  },
  'GET /v1/gifts': { access: 'public' },

  'POST /v1/live/start': { access: 'auth', probe: () => json({ title: 'matrix probe' }) },
  'GET /v1/live': { access: 'public' },
  'GET /v1/live/:id': { access: 'public', probe: (w) => ({ path: `/v1/live/${w.beaStream}` }) },
  'POST /v1/live/:id/end': {
    access: 'owner',
    probe: (w) => ({ path: `/v1/live/${w.beaStream}/end` }),
    stranger: async (w, status) => {
      expect(status).toBe(403);
      expect((await as(w.bea, `/v1/live/${w.beaStream}`)).body.status).toBe('idle');
    },
  },
  'POST /v1/live/:id/gifts': {
    access: 'auth',
    probe: (w) => ({
      path: `/v1/live/${w.beaStream}/gifts`,
      json: { gift_id: 'rose', idempotency_key: 'matrix-gift-probe' },
    }),
  },
  'GET /v1/live/:id/chat': { access: 'auth', probe: (w) => ({ path: `/v1/live/${w.beaStream}/chat` }) },
  'POST /v1/live/:id/chat': {
    access: 'auth',
    probe: (w) => ({ path: `/v1/live/${w.beaStream}/chat`, json: { text: 'matrix probe' } }),
  },
  'DELETE /v1/live/:id/chat/:messageId': {
    access: 'auth',
    probe: (w) => ({ path: `/v1/live/${w.beaStream}/chat/00000000-0000-4000-8000-000000000000` }),
  },
  'POST /v1/live/:id/moderation': {
    access: 'owner',
    probe: (w) => ({ path: `/v1/live/${w.beaStream}/moderation`, json: { user_id: w.cal.user.id, action: 'ban' } }),
    stranger: async (w, status, body) => {
      expect([status, body.error.code]).toEqual([403, 'NOT_STREAM_MODERATOR']);
      expect((await as(w.cal, `/v1/live/${w.beaStream}/chat`)).status).toBe(200);
    },
  },
  'PUT /v1/live/:id/slow-mode': {
    access: 'owner',
    probe: (w) => ({ path: `/v1/live/${w.beaStream}/slow-mode`, json: { seconds: 30 } }),
    stranger: async (_w, status, body) => {
      expect([status, body.error.code]).toEqual([403, 'NOT_STREAM_MODERATOR']);
    },
  },
  'GET /v1/live/:id/hls/*': {
    access: 'public',
    probe: (w) => ({ path: `/v1/live/${w.beaStream}/hls/master.m3u8` }),
  },

  'GET /v1/feed/fyp': { access: 'public' },
  'GET /v1/feed/following': { access: 'auth' },
  'GET /v1/feed/preferences': {
    access: 'owner',
    stranger: async (w, status, body) => {
      expect(status).toBe(200);
      expect(typeof body.personalized_feed).toBe('boolean');
      expect((await as(w.bea, '/v1/feed/preferences')).body).toEqual({ personalized_feed: true });
    },
  },
  'PATCH /v1/feed/preferences': {
    access: 'owner',
    probe: () => json({ personalized_feed: false }),
    stranger: async (w, status, body) => {
      expect(status).toBe(200);
      expect(body).toEqual({ personalized_feed: false });
      expect((await as(w.bea, '/v1/feed/preferences')).body).toEqual({ personalized_feed: true });
    },
  },

  // tus: creating through /v1/uploads is refused for everyone (uploads start at POST /v1/videos).
  'POST /v1/uploads': { access: 'public', probe: () => ({ path: '/v1/uploads', headers: tus }) },
  'OPTIONS /v1/uploads': { access: 'public', probe: () => ({ path: '/v1/uploads', headers: tus }) },
  'OPTIONS /v1/uploads/:id': { access: 'public', probe: (w) => ({ path: `/v1/uploads/${w.upload}`, headers: tus }) },
  'HEAD /v1/uploads/:id': {
    access: 'owner',
    probe: (w) => ({ path: `/v1/uploads/${w.upload}`, headers: tus }),
    stranger: async (w, status) => {
      expect(status).toBe(403);
      expect((await as(w.bea, `/v1/uploads/${w.upload}`, { method: 'HEAD', headers: tus })).status).toBe(200);
    },
  },
  'PATCH /v1/uploads/:id': {
    access: 'owner',
    probe: (w) => ({
      path: `/v1/uploads/${w.upload}`,
      headers: { ...tus, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      body: new Uint8Array(10),
    }),
    stranger: async (w, status) => {
      expect(status).toBe(403);
      const head = await as(w.bea, `/v1/uploads/${w.upload}`, { method: 'HEAD', headers: tus });
      expect(head.headers.get('upload-offset')).toBe('0');
    },
  },
  'DELETE /v1/uploads/:id': {
    access: 'owner',
    probe: (w) => ({ path: `/v1/uploads/${w.upload}`, headers: tus }),
    stranger: async (w, status) => {
      expect(status).toBe(403);
      expect((await as(w.bea, `/v1/uploads/${w.upload}`, { method: 'HEAD', headers: tus })).status).toBe(200);
    },
  },

  'GET /v1/notifications': {
    access: 'owner',
    stranger: async (_w, status, body) => {
      expect(status).toBe(200);
      expect(body.notifications).toEqual([]);
    },
  },
  'GET /v1/notifications/unread-count': {
    access: 'owner',
    stranger: async (_w, status, body) => {
      expect(status).toBe(200);
      expect(body.unread_count).toBe(0);
    },
  },
  'POST /v1/notifications/read': {
    access: 'owner',
    probe: (w) => json({ up_to_id: w.calNotification }),
    stranger: async (w, status) => {
      expect(status).toBe(404);
      expect((await as(w.cal, '/v1/notifications/unread-count')).body.unread_count).toBeGreaterThan(0);
    },
  },
  'GET /v1/notifications/preferences': {
    access: 'owner',
    stranger: async (_w, status, body) => {
      expect(status).toBe(200);
      expect(body.likes).toBe(true);
    },
  },
  'PUT /v1/notifications/preferences': {
    access: 'owner',
    probe: () => json({ likes: true }),
    stranger: async (w, status) => {
      expect(status).toBe(200);
      expect((await as(w.bea, '/v1/notifications/preferences')).body.likes).toBe(false);
    },
  },
  'GET /v1/push/vapid-public-key': { access: 'public' },
  'POST /v1/push/subscriptions': {
    access: 'auth',
    probe: () => json({ endpoint: 'https://127.0.0.1:9/push/probe', keys: browserKeys().keys }),
  },
  'DELETE /v1/push/subscriptions': {
    access: 'owner',
    probe: (w) => json({ endpoint: w.beaEndpoint }),
    stranger: async (w, status) => {
      expect(status).toBe(204);
      expect(await w.pushOwner(w.beaEndpoint)).toBe(w.bea.user.id);
    },
  },
  'POST /v1/conversations': { access: 'auth', probe: () => json({ member_usernames: ['bea'] }) },
  'GET /v1/conversations': {
    access: 'owner',
    stranger: async (w, status, body) => {
      expect(status).toBe(200);
      expect(body.conversations.map((c: { id: string }) => c.id)).not.toContain(w.conversation);
    },
  },
  'GET /v1/conversations/:id': {
    access: 'owner',
    probe: (w) => ({ path: `/v1/conversations/${w.conversation}` }),
    stranger: async (_w, status) => expect(status).toBe(404),
  },
  'GET /v1/conversations/:id/messages': {
    access: 'owner',
    probe: (w) => ({ path: `/v1/conversations/${w.conversation}/messages` }),
    stranger: async (_w, status) => expect(status).toBe(404),
  },
  'POST /v1/conversations/:id/messages': {
    access: 'owner',
    probe: (w) => ({ path: `/v1/conversations/${w.conversation}/messages`, json: { text: 'probe' } }),
    stranger: async (w, status) => {
      expect(status).toBe(404);
      expect((await as(w.bea, `/v1/conversations/${w.conversation}/messages`)).body.messages).toHaveLength(1);
    },
  },
  'POST /v1/conversations/:id/read': {
    access: 'owner',
    probe: (w) => ({ path: `/v1/conversations/${w.conversation}/read`, json: { message_id: w.beaMessage } }),
    stranger: async (_w, status) => expect(status).toBe(404),
  },
  // The WebSocket authenticates inside the socket (4401); a plain GET is answered 426.
  'GET /v1/ws': { access: 'public' },
  // Browser ingest: the stream key in the first frame is the credential (4401); a plain GET is answered 426.
  'GET /v1/live/ingest': { access: 'public' },

  // Processed media is public by design: its keys are unguessable and the API decides who learns them.
  'GET /media/*': { access: 'public', probe: (w) => ({ path: w.posterPath }) },
  'GET /healthz': { access: 'public' },
  'GET /readyz': { access: 'public' },
  'GET /metrics': { access: 'public' },
};

/** Routes added by plugins (the web app's files, the OpenAPI UI) are classified by shape. */
const PATTERNS: Array<[RegExp, Access]> = [
  [
    /^GET \/(index\.html|favicon\.svg|manifest\.webmanifest|sw\.js|assets\/.+|icons\/.+|[\w.-]+\.(png|svg|ico|json|js|txt|webmanifest))?$/,
    'public',
  ],
  [/^(GET|HEAD) \/docs(\/.*)?$/, 'public'],
];

/** A HEAD route Fastify adds beside a GET follows the GET's rule. */
function ruleFor(route: RouteEntry, all: readonly RouteEntry[]): Rule | undefined {
  const key = `${route.method} ${route.url}`;
  if (RULES[key]) return RULES[key];
  if (route.method === 'HEAD' && all.some((other) => other.method === 'GET' && other.url === route.url)) {
    return ruleFor({ ...route, method: 'GET' }, all);
  }
  const pattern = PATTERNS.find(([shape]) => shape.test(key));
  return pattern ? { access: pattern[1] } : undefined;
}

describe('authorization matrix: every route, every account', () => {
  let dataDir: string;
  let app: FastifyInstance;
  let infra: Infrastructure;
  let services: Services;
  let workers: JobWorker[];
  let clip: Awaited<ReturnType<typeof makeTinyClip>>;
  let w: World;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'looply-authz-'));
    clip = await makeTinyClip();
    const config = testConfig(dataDir, { MIN_VIDEO_SECONDS: '1' });
    const log = createLogger(config);
    const metrics = createMetrics();
    infra = await openInfrastructure(config, log);
    services = await createServices(config, infra);
    // A node that takes RTMP, so the app also serves the browser ingest.
    await services.liveIngest.listen(0, '127.0.0.1');
    // The same app the server runs, built here so the test can read its route table.
    app = await buildHttpApp({ config, log, metrics, infra, services });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address() as { port: number };
    const url = `http://127.0.0.1:${address.port}`;
    api = createApiClient(url);
    workers = await startWorkers({ config, infra, services, log, metrics });

    const looply = { services, api, url } as unknown as TestLooply;
    const [bea, abe, cal, pia] = await signUpAll(looply, ['bea', 'abe', 'cal', 'pia', 'zed'] as const);
    const [pub, friendsOnly, priv, calVideo, piaVideo] = await Promise.all([
      readyVideo(looply, bea, clip.file, 'bea public'),
      readyVideo(looply, bea, clip.file, 'bea friends'),
      readyVideo(looply, bea, clip.file, 'bea private'),
      readyVideo(looply, cal, clip.file, 'cal public'),
      readyVideo(looply, pia, clip.file, 'pia video'),
    ]);
    await as(bea, `/v1/videos/${friendsOnly}`, { method: 'PATCH', json: { visibility: 'friends' } });
    await as(bea, `/v1/videos/${priv}`, { method: 'PATCH', json: { visibility: 'private' } });
    const beaComment = (await as(bea, `/v1/videos/${calVideo}/comments`, { method: 'POST', json: { content: 'hi' } }))
      .body.id;
    await as(bea, `/v1/videos/${calVideo}/save`, { method: 'POST' });
    // bea's blocked list, which only she may read.
    await as(bea, '/v1/users/zed/block', { method: 'POST' });
    await as(pia, '/v1/users/me', { method: 'PATCH', json: { is_private: true } });
    await as(cal, '/v1/users/pia/follow', { method: 'POST' });
    const upload = await as(bea, '/v1/videos', { method: 'POST', json: { size: 1000, caption: 'bea upload' } });
    const pubJson = await getVideo(pub, bea);
    const conversation = (await as(bea, '/v1/conversations', { method: 'POST', json: { member_usernames: ['cal'] } }))
      .body.id;
    const beaMessage = (
      await as(bea, `/v1/conversations/${conversation}/messages`, { method: 'POST', json: { text: 'hi cal' } })
    ).body.id;
    await as(bea, '/v1/notifications/preferences', { method: 'PUT', json: { likes: false } });
    // A closed port: a push to it fails at once.
    const beaEndpoint = 'https://127.0.0.1:9/push/bea';
    await as(bea, '/v1/push/subscriptions', {
      method: 'POST',
      json: { endpoint: beaEndpoint, keys: browserKeys().keys },
    });
    const avatarPng = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#808000' } })
      .png()
      .toBuffer();
    const beaAvatar = (await as(bea, '/v1/users/me/avatar', { method: 'PUT', body: avatarForm(avatarPng) })).body
      .avatar_url;
    const beaStream = (await as(bea, '/v1/live/start', { method: 'POST', json: { title: 'bea live' } })).body.stream_id;
    const calNotification = await vi.waitFor(
      async () => {
        const [first] = (await as(cal, '/v1/notifications')).body.notifications;
        if (!first) throw new Error('no notification yet');
        return first.id as string;
      },
      { timeout: 10_000, interval: 100 },
    );
    w = {
      bea: bea,
      abe: abe,
      cal: cal,
      pia: pia,
      pub,
      friendsOnly,
      priv,
      calVideo,
      beaComment,
      piaVideo,
      soundId: pubJson.sound?.id ?? '00000000-0000-4000-8000-000000000000',
      posterPath: pubJson.thumbnails.poster,
      upload: upload.body.video_id,
      conversation,
      beaMessage,
      calNotification,
      beaEndpoint,
      avatarPng,
      beaAvatar,
      beaStream,
      async pushOwner(endpoint) {
        const { rows } = await infra.db.query<{ user_id: string }>(
          'select user_id from push_subscriptions where endpoint = $1',
          [endpoint],
        );
        return rows[0]?.user_id ?? null;
      },
    };
  });

  afterAll(async () => {
    await app?.close();
    await services?.liveIngest.close();
    await Promise.all((workers ?? []).map((worker) => worker.stop()));
    await infra?.close();
    await clip?.cleanup();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('has a rule for every route the app serves, and no rule for a route it does not serve', () => {
    const routes = routesOf(app);
    expect(routes.length).toBeGreaterThan(40);
    const unclassified = routes.filter((route) => !ruleFor(route, routes)).map((r) => `${r.method} ${r.url}`);
    expect(unclassified, 'classify these routes in RULES').toEqual([]);
    const served = new Set(routes.map((route) => `${route.method} ${route.url}`));
    expect(Object.keys(RULES).filter((key) => !served.has(key))).toEqual([]);
  });

  it('refuses visitors exactly where an account is needed', async () => {
    const routes = routesOf(app);
    const checked: string[] = [];
    for (const route of routes) {
      const rule = ruleFor(route, routes);
      const isTwin = route.method === 'HEAD' && !RULES[`HEAD ${route.url}`];
      if (!rule || isTwin || (!rule.probe && route.url.includes(':'))) continue;
      const probe = rule.probe?.(w) ?? {};
      const response = await as(undefined, probe.path ?? route.url.replace('/*', '/'), {
        ...probe,
        method: route.method,
      });
      const where = `${route.method} ${route.url} → ${response.status} ${JSON.stringify(response.body)}`;
      if (rule.access === 'public') {
        // A public route may still refuse bad credentials in its body (login, refresh), never a missing account.
        expect(response.body?.error?.code, where).not.toBe('AUTH_REQUIRED');
        expect(response.status, where).toBeLessThan(500);
      } else {
        expect(response.status, where).toBe(401);
        if (route.method !== 'HEAD') expect(response.body.error.code, where).toBe('AUTH_REQUIRED');
      }
      checked.push(`${route.method} ${route.url}`);
    }
    expect(checked.length).toBeGreaterThan(40);
  });

  it('never lets one account read or change what is another account’s own', async () => {
    const owned = Object.entries(RULES).filter(([, rule]) => rule.access === 'owner');
    expect(owned.length).toBeGreaterThanOrEqual(10);
    for (const [key, rule] of owned) {
      const [method, url] = key.split(' ') as [string, string];
      const probe = rule.probe?.(w) ?? {};
      const response = await as(w.abe, probe.path ?? url, { ...probe, method });
      if (!rule.stranger) throw new Error(`${key} is owner-only but says nothing about strangers`);
      await rule.stranger(w, response.status, response.body);
    }
  });

  it('hides private and friends-only videos, and a private account’s videos, on every path', async () => {
    for (const id of [w.priv, w.friendsOnly, w.piaVideo]) {
      const paths: Array<[string, string, unknown?]> = [
        ['GET', `/v1/videos/${id}`],
        ['GET', `/v1/videos/${id}/comments`],
        ['GET', `/v1/videos/${id}/download`],
        ['POST', `/v1/videos/${id}/like`],
        ['POST', `/v1/videos/${id}/save`],
        ['POST', `/v1/videos/${id}/share`, { channel: 'link' }],
        ['POST', `/v1/videos/${id}/comments`, { content: 'peek' }],
        ['POST', `/v1/videos/${id}/view`, { watch_time_ms: 1, completion_rate: 0, replay_count: 0, source: 'x' }],
        ['PATCH', `/v1/videos/${id}`, { caption: 'mine' }],
        ['DELETE', `/v1/videos/${id}`],
      ];
      for (const [method, path, body] of paths) {
        for (const viewer of [w.abe, undefined]) {
          const response = await as(viewer, path, { method, ...(body ? { json: body } : {}) });
          const expected = viewer || method === 'GET' || path.endsWith('/share') || path.endsWith('/view') ? 404 : 401;
          expect(response.status, `${method} ${path} as ${viewer ? 'abe' : 'a visitor'}`).toBe(expected);
        }
      }
    }
    // Search learns of videos through events: once bea's public video is found, the others would be too.
    await vi.waitFor(
      async () => expect(JSON.stringify((await as(w.abe, '/v1/search?query=bea')).body)).toContain(w.pub),
      { timeout: 15_000, interval: 200 },
    );
    const hidden = [w.priv, w.friendsOnly, w.piaVideo];
    const hiddenSounds = await Promise.all(
      [w.priv, w.friendsOnly].map(async (id) => (await getVideo(id, w.bea)).sound?.id),
    );
    const lists = [
      '/v1/users/bea/videos',
      '/v1/feed/fyp?count=50',
      '/v1/users/me/saved',
      '/v1/search?query=bea',
      '/v1/search?query=bea&type=videos',
      '/v1/search?query=pia',
      '/v1/search/suggest?query=bea',
      '/v1/trending',
      ...hiddenSounds.filter(Boolean).map((sound) => `/v1/sounds/${sound}/videos`),
    ];
    for (const path of lists) {
      const body = JSON.stringify((await as(w.abe, path)).body);
      expect(
        hidden.filter((id) => body.includes(id)),
        `${path} shows a video abe may not see`,
      ).toEqual([]);
    }
    expect((await as(w.abe, '/v1/users/pia/videos')).body.error.code).toBe('PRIVATE_ACCOUNT');
    expect((await as(w.abe, '/v1/users/pia/followers')).body.error.code).toBe('PRIVATE_ACCOUNT');
    // bea's upload still arriving is hers alone.
    expect((await as(w.abe, `/v1/videos/${w.upload}`)).status).toBe(404);
    // The owner still sees all of it.
    for (const id of [w.priv, w.friendsOnly]) expect((await as(w.bea, `/v1/videos/${id}`)).status).toBe(200);
  });
});

import { join } from 'node:path';
import { type Config, LIKE_AGGREGATION_WINDOW_MS, WEB_PUSH } from './config.ts';
import { Avatars } from './modules/accounts/avatars.ts';
import { AccountService } from './modules/accounts/service.ts';
import { AccessTokens } from './modules/accounts/tokens.ts';
import { FeedService } from './modules/feed/service.ts';
import { createProfileExtras, type ProfileExtrasProvider } from './modules/follows/profile.ts';
import { FollowService } from './modules/follows/service.ts';
import { CommentService } from './modules/interactions/comments.ts';
import { InteractionCounters } from './modules/interactions/counters.ts';
import { InteractionService } from './modules/interactions/service.ts';
import { BrowserIngest } from './modules/live/browser-ingest.ts';
import { LiveChatService } from './modules/live/chat.ts';
import { LiveMediaCleanup } from './modules/live/media-cleanup.ts';
import { Presence } from './modules/live/presence.ts';
import { LiveReplays } from './modules/live/replay.ts';
import { videoReplayIntake } from './modules/live/replay-intake.ts';
import { RtmpIngest } from './modules/live/rtmp-ingest.ts';
import { LiveService } from './modules/live/service.ts';
import { type MediaTools, resolveMediaTools } from './modules/media/ffmpeg-binaries.ts';
import { MediaUrlSigner } from './modules/media/signed-urls.ts';
import { UploadIntake } from './modules/media/upload-intake.ts';
import { mediaLimitsFrom } from './modules/media/validate-media.ts';
import { MessagingService } from './modules/messaging/service.ts';
import { startNotificationConsumer } from './modules/notifications/consumer.ts';
import { createLiveUpdates, type LiveUpdates } from './modules/notifications/live-updates.ts';
import { createWebPushSender } from './modules/notifications/push-sender.ts';
import { PushService } from './modules/notifications/push-service.ts';
import { NotificationService } from './modules/notifications/service.ts';
import { loadOrCreateVapidKeys } from './modules/notifications/vapid-keys.ts';
import { RecsysService } from './modules/recsys/service.ts';
import { SearchService } from './modules/search/service.ts';
import { SoundService } from './modules/sounds/service.ts';
import { TrendingService } from './modules/trending/service.ts';
import { ResumableUploads } from './modules/uploads/service.ts';
import { VideoAccess } from './modules/videos/access.ts';
import { VideoLifecycle } from './modules/videos/lifecycle.ts';
import { VideoPresenter } from './modules/videos/presenter.ts';
import { VideoService } from './modules/videos/service.ts';
import { paymentProviderFor } from './modules/wallet/payment-provider.ts';
import { WalletService } from './modules/wallet/service.ts';
import type { Infrastructure } from './platform/infrastructure.ts';
import { createLogger, type Logger } from './platform/logger.ts';
import { loadOrCreateSecret } from './platform/secrets.ts';
import type { EventSubscription } from './platform/stream/events.ts';

/** The modules' services, wired to the infrastructure: Looply's composition root. */
export interface Services {
  accounts: AccountService;
  /** Profile pictures: stored as blobs, the account points at the current one. */
  avatars: Avatars;
  /** Videos as viewers see them and authors edit them. */
  videos: VideoService;
  /** Upload accepted → processing → ready | failed → published | removed. */
  videoLifecycle: VideoLifecycle;
  /** Who may see which video, and the links to its media. */
  videoAccess: VideoAccess;
  /** Signs the media URLs of videos not open to every visitor; `/media/*` checks them. */
  mediaSigner: MediaUrlSigner;
  feed: FeedService;
  /** The recommender of this api process; started by server.ts for the api role. */
  recsys: RecsysService;
  /** The ffmpeg and ffprobe this process runs, found once at start. */
  media: MediaTools;
  intake: UploadIntake;
  sounds: SoundService;
  uploads: ResumableUploads;
  follows: FollowService;
  /** Follower, like and video counts and the viewer's relationship, on a profile. */
  profiles: ProfileExtrasProvider;
  interactions: InteractionService;
  comments: CommentService;
  counters: InteractionCounters;
  notifications: NotificationService;
  push: PushService;
  /** The installation's VAPID public key, for browsers subscribing to Web Push. */
  vapidPublicKey: string;
  /** Real-time frames to an account's open apps, through the cache's pub/sub (any node). */
  live: LiveUpdates;
  messaging: MessagingService;
  /** Starts the `notifications` consumer group: in the worker role (see worker.ts and http/app.ts). */
  startNotificationConsumer(): Promise<EventSubscription>;
  search: SearchService;
  /** Trending hashtags, sounds and videos for GET /v1/trending (the recommender keeps a board of its own). */
  trending: TrendingService;
  /** Starts the `search-index` consumer group that keeps the search index: in the worker role. */
  startSearchIndexing(): Promise<EventSubscription>;
  /** Starts this node's trending detector (`trending` consumer group): in the worker role. */
  startTrendingDetector(): Promise<EventSubscription>;
  /** Coins, gifts and diamonds on a double-entry ledger. */
  wallet: WalletService;
  /** Live streams: keys, on air, ended, gifts. */
  liveStreams: LiveService;
  /** Live chat and its moderation. */
  liveChat: LiveChatService;
  /** Viewers of each stream across nodes. */
  livePresence: Presence;
  /** RTMP ingest and transcoding; server.ts starts it in the api role when RTMP_PORT is not `off`. */
  liveIngest: RtmpIngest;
  /** Removes the HLS and leftover files of streams ended longer than LIVE_RETENTION_MINUTES ago. */
  liveCleanup: LiveMediaCleanup;
  /** Going live from the browser: re-published to `liveIngest`, so it serves only where that listens. */
  liveBrowserIngest: BrowserIngest;
}

export async function createServices(
  config: Config,
  infra: Infrastructure,
  log: Logger = createLogger(config),
  media?: MediaTools,
): Promise<Services> {
  const tools = media ?? (await resolveMediaTools(config));
  const secret = config.jwtSecret ?? (await loadOrCreateSecret(infra.db, 'access-token-key'));
  const accounts = new AccountService({
    db: infra.db,
    accessTokens: new AccessTokens(secret, config.accessTokenTtlSeconds),
    refreshTtlSeconds: config.refreshTokenTtlSeconds,
    cache: infra.cache,
    events: infra.events,
    log: log.child({ module: 'accounts' }),
  });
  const follows = new FollowService({ db: infra.db, events: infra.events, accounts });
  const mediaSigner = new MediaUrlSigner(secret);
  const videoAccess = new VideoAccess({ db: infra.db, audience: follows, mediaSigner });
  const sounds = new SoundService({ db: infra.db, events: infra.events, accounts, videos: videoAccess });
  const videoLifecycle = new VideoLifecycle({ ...infra, sounds });
  const counters = new InteractionCounters(infra.db);
  const social = { db: infra.db, events: infra.events, counters, videos: videoAccess, blocks: follows };
  const interactions = new InteractionService(social);
  const comments = new CommentService({ ...social, accounts });
  const videos = new VideoService({
    db: infra.db,
    events: infra.events,
    accounts,
    access: videoAccess,
    presenter: new VideoPresenter({ accounts, sounds, stats: interactions, access: videoAccess, mediaSigner }),
    lifecycle: videoLifecycle,
  });
  const profiles = createProfileExtras({
    follows,
    likesReceived: (userId) => interactions.likesReceived(userId),
    visibleVideos: (authorId, viewerId) => videoAccess.countVisibleByAuthor(authorId, viewerId),
  });
  const live = createLiveUpdates(infra.cache);
  const vapidKeys = await loadOrCreateVapidKeys(infra.db);
  const notificationLog = log.child({ module: 'notifications' });
  const push = new PushService({
    db: infra.db,
    sender: createWebPushSender({ keys: vapidKeys, subject: config.vapidSubject, ...WEB_PUSH }),
    allowHttp: config.webPushAllowHttp,
    log: notificationLog,
  });
  const notifications = new NotificationService({
    db: infra.db,
    users: accounts,
    blocks: follows,
    likes: interactions,
    comments,
  });
  const search = new SearchService({
    db: infra.db,
    accounts,
    videos,
    audience: follows,
    rebuildSources: {
      accounts,
      videos,
      sounds,
      followerCount: async (userId) => (await follows.counts(userId)).followers,
      likesReceived: (userId) => interactions.likesReceived(userId),
    },
  });
  const trending = new TrendingService({ db: infra.db, search, videos });
  const recsys = new RecsysService({
    db: infra.db,
    events: infra.events,
    cache: infra.cache,
    log: log.child({ module: 'recsys' }),
    snapshotIntervalMs: config.recsysSnapshotIntervalSeconds * 1000,
  });
  const wallet = new WalletService({ db: infra.db, payments: paymentProviderFor(config.paymentProvider) });
  const liveLog = log.child({ module: 'live' });
  const livePresence = new Presence(infra.cache);
  const liveWorkDir = join(config.dataDir, 'tmp', 'live');
  const liveStreams = new LiveService({
    db: infra.db,
    events: infra.events,
    cache: infra.cache,
    accounts,
    audience: follows,
    wallet,
    live,
    presence: livePresence,
    keyTtlSeconds: config.liveKeyTtlSeconds,
    reconnectGraceSeconds: config.liveReconnectGraceSeconds,
    log: liveLog,
  });
  const liveIngest = new RtmpIngest({
    live: liveStreams,
    replays: new LiveReplays({
      ffmpegPath: tools.ffmpeg?.path ?? null,
      workDir: liveWorkDir,
      intake: videoReplayIntake(videoLifecycle, videos),
      videos: liveStreams,
      log: liveLog,
    }),
    blobs: infra.blobs,
    cache: infra.cache,
    ffmpegPath: tools.ffmpeg?.path ?? null,
    preset: config.x264Preset,
    workDir: liveWorkDir,
    reconnectGraceMs: config.liveReconnectGraceSeconds * 1000,
    log: liveLog,
  });
  return {
    accounts,
    avatars: new Avatars({ accounts, blobs: infra.blobs, log: log.child({ module: 'accounts' }) }),
    videos,
    videoLifecycle,
    videoAccess,
    mediaSigner,
    feed: new FeedService(videos, follows, { recsys, cache: infra.cache, db: infra.db }),
    recsys,
    media: tools,
    intake: new UploadIntake({
      tmpDir: join(config.dataDir, 'tmp', 'uploads'),
      maxBytes: config.maxUploadBytes,
      // None found at start: looked up on PATH again at each upload, refused with FFMPEG_NOT_FOUND until installed.
      ffprobePath: tools.ffprobe?.path ?? 'ffprobe',
      limits: mediaLimitsFrom(config),
    }),
    sounds,
    uploads: new ResumableUploads({
      db: infra.db,
      videos: videoLifecycle,
      directory: join(config.dataDir, 'uploads'),
      expiryMs: config.uploadExpirySeconds * 1000,
      maxBytes: config.maxUploadBytes,
    }),
    follows,
    profiles,
    interactions,
    comments,
    counters,
    notifications,
    push,
    vapidPublicKey: vapidKeys.publicKey,
    live,
    messaging: new MessagingService({
      db: infra.db,
      events: infra.events,
      accounts,
      graph: follows,
      videos,
      live,
      log: log.child({ module: 'messaging' }),
    }),
    startNotificationConsumer: () =>
      startNotificationConsumer({
        events: infra.events,
        notifications,
        live,
        push,
        users: accounts,
        followers: follows,
        jobs: infra.jobs,
        jobLeaseMs: config.jobLeaseMs,
        likeWindowMs: LIKE_AGGREGATION_WINDOW_MS,
        log: notificationLog,
      }),
    search,
    trending,
    startSearchIndexing: () => search.startIndexing(infra.events, log.child({ module: 'search' })),
    startTrendingDetector: () => trending.start(infra.events, log.child({ module: 'trending' })),
    wallet,
    liveStreams,
    liveChat: new LiveChatService({
      db: infra.db,
      cache: infra.cache,
      streams: liveStreams,
      accounts,
      blocks: follows,
      updates: live,
      log: liveLog,
    }),
    livePresence,
    liveCleanup: new LiveMediaCleanup({
      db: infra.db,
      blobs: infra.blobs,
      cache: infra.cache,
      workDir: liveWorkDir,
      retentionMinutes: config.liveRetentionMinutes,
    }),
    liveIngest,
    liveBrowserIngest: new BrowserIngest({
      live: liveStreams,
      rtmp: liveIngest,
      ffmpegPath: tools.ffmpeg?.path ?? null,
      log: liveLog,
    }),
  };
}

import { isIP } from 'node:net';
import { resolve } from 'node:path';

export type Role = 'api' | 'worker';
export const ALL_ROLES: readonly Role[] = ['api', 'worker'];

/** An S3 bucket (or an S3-compatible service's) for the blobs. */
export interface S3Settings {
  bucket: string;
  region: string;
  /** MinIO, R2 and other S3-compatible services; AWS when undefined. */
  endpoint: string | undefined;
  forcePathStyle: boolean;
  /** The AWS SDK's default credential chain (environment, profile, instance role) when undefined. */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
  /** Put before every key inside the bucket: '' or a path ending in '/'. */
  keyPrefix: string;
}

/** Where blobs live: a directory under DATA_DIR (one node, or a shared filesystem), or an S3 bucket. */
export type BlobStoreSettings = { kind: 'directory' } | { kind: 's3'; s3: S3Settings };

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  blobStore: BlobStoreSettings;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  natsUrl: string | undefined;
  /** Prefix of NATS stream names and subjects, so installations can share one NATS. */
  natsNamespace: string;
  /** Prefix of every Redis key and channel, so installations can share one Redis. */
  redisKeyPrefix: string;
  roles: Role[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Signs access tokens; when unset, one is generated once and kept under DATA_DIR. */
  jwtSecret: string | undefined;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  maxUploadBytes: number;
  /** A resumable upload not completed within this time is deleted and its video marked failed. */
  uploadExpirySeconds: number;
  workerConcurrency: number;
  /** A job not acknowledged nor heartbeated within this time is handed to another worker (its worker died). */
  jobLeaseMs: number;
  /** Accepted length of a video after trim and speed, in seconds. */
  minVideoSeconds: number;
  maxVideoSeconds: number;
  /** Adds SVT-AV1 renditions to the ladder when the ffmpeg has libsvtav1. */
  av1Enabled: boolean;
  demoContent: boolean;
  rateLimitScale: number;
  /**
   * FFMPEG_PATH and FFPROBE_PATH: the binaries to run, which must work. Unset: the ones on PATH, else those the npm
   * packages ship (modules/media/ffmpeg-binaries.ts, resolved at start).
   */
  ffmpegPath: string | undefined;
  ffprobePath: string | undefined;
  /** RTMP_PORT: where this api process takes RTMP from OBS or ffmpeg (`off`: no ingest here). 0 picks a free port. */
  rtmpPort: number | null;
  /** LIVE_KEY_TTL_SECONDS: a stream key not used to go live within this time is refused. */
  liveKeyTtlSeconds: number;
  /** LIVE_RECONNECT_GRACE_SECONDS: a publisher who drops may reconnect this long and continue the same stream. */
  liveReconnectGraceSeconds: number;
  /** LIVE_RETENTION_MINUTES: an ended stream's HLS and leftover files are removed this long after it ended. */
  liveRetentionMinutes: number;
  /** libx264 preset for the ladder: faster presets trade size for speed. */
  x264Preset: string;
  shutdownTimeoutMs: number;
  /** How often the recommender writes a snapshot of its state (0: only at shutdown). */
  recsysSnapshotIntervalSeconds: number;
  /** Contact for push services in our VAPID claims (`mailto:` or `https:`). */
  vapidSubject: string;
  /** Accepts `http:` Web Push endpoints (tests, a local push service); otherwise only `https:`. */
  webPushAllowHttp: boolean;
  /**
   * Who charges for coins. `sandbox` settles every purchase at once without moving money (tests, local use); `off`
   * refuses purchases. A real provider plugs in behind the PaymentProvider port (src/modules/wallet).
   */
  paymentProvider: 'sandbox' | 'off';
  /**
   * Whose X-Forwarded-For to believe for the client address (rate limits, metrics access): nobody (false), every
   * peer (true), the last n hops, or the proxies at these addresses / CIDR ranges.
   */
  trustProxy: boolean | number | string[];
  /** When set, `/metrics` needs `Authorization: Bearer <token>`; otherwise only loopback and private addresses. */
  metricsToken: string | undefined;
  /**
   * The origin people reach Looply at (`https://looply.example`): share links, upload URLs and link previews are
   * built on it, never on a request's Host header. Undefined: the address the api role listens at.
   */
  publicUrl: string | undefined;
}

/** Thrown for a wrong environment value; main.ts prints its message as the one line before exiting. */
export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function decimal(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function url(env: Env, name: string, protocols: readonly string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL such as ${protocols[0]}//host:port, got ${JSON.stringify(raw)}`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.join(' or ')}, got ${JSON.stringify(raw)}`);
  }
  return raw;
}

function pattern(env: Env, name: string, shape: RegExp, fallback: string, description: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!shape.test(raw)) throw new ConfigError(`${name} may contain only ${description}, got ${JSON.stringify(raw)}`);
  return raw;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(raw)}`);
  }
  return raw as T;
}

export function parseRoles(raw: string, source = 'LOOPLY_ROLES'): Role[] {
  const roles = raw
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  const unknown = roles.filter((role) => !(ALL_ROLES as readonly string[]).includes(role));
  if (roles.length === 0 || unknown.length > 0) {
    throw new ConfigError(`${source} must list roles from ${ALL_ROLES.join(', ')}, got ${JSON.stringify(raw)}`);
  }
  return [...new Set(roles)] as Role[];
}

function videoLengthLimits(env: Env): { minVideoSeconds: number; maxVideoSeconds: number } {
  const minVideoSeconds = integer(env, 'MIN_VIDEO_SECONDS', 15, 1, 3600);
  const maxVideoSeconds = integer(env, 'MAX_VIDEO_SECONDS', 600, 1, 3600);
  if (minVideoSeconds > maxVideoSeconds) {
    throw new ConfigError(
      `MIN_VIDEO_SECONDS (${minVideoSeconds}) must not exceed MAX_VIDEO_SECONDS (${maxVideoSeconds})`,
    );
  }
  return { minVideoSeconds, maxVideoSeconds };
}

function trustProxy(env: Env): boolean | number | string[] {
  const raw = (env.TRUST_PROXY ?? '').trim();
  if (raw === '' || raw === 'off') return false;
  if (raw === 'on') return true;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops >= 1 && hops <= 10) return hops;
  } else {
    const addresses = raw.split(',').map((part) => part.trim());
    if (addresses.every((address) => isAddressOrRange(address))) return addresses;
  }
  throw new ConfigError(
    `TRUST_PROXY must be off, on, a hop count from 1 to 10, or addresses/CIDR ranges separated by commas, got ${JSON.stringify(raw)}`,
  );
}

function isAddressOrRange(value: string): boolean {
  const [address = '', bits, extra] = value.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (bits === undefined) return true;
  const prefix = Number(bits);
  return /^\d+$/.test(bits) && prefix <= (family === 4 ? 32 : 128);
}

function metricsToken(env: Env): string | undefined {
  const token = env.METRICS_TOKEN || undefined;
  if (token !== undefined && !/^[\x21-\x7e]{16,256}$/.test(token)) {
    throw new ConfigError('METRICS_TOKEN must be 16 to 256 printable characters without spaces');
  }
  return token;
}

function blobStore(env: Env): BlobStoreSettings {
  if (oneOf(env, 'BLOB_STORE', ['directory', 's3'], 'directory') === 'directory') return { kind: 'directory' };
  const bucket = env.S3_BUCKET;
  if (!bucket) throw new ConfigError('S3_BUCKET must name the bucket when BLOB_STORE=s3');
  // Loose enough for legacy AWS bucket names (uppercase, '_'); catches `s3://…` and URLs.
  if (!/^[a-zA-Z0-9][a-zA-Z0-9._-]{2,254}$/.test(bucket)) {
    throw new ConfigError(
      `S3_BUCKET must be a bare bucket name (letters, digits, . _ -), got ${JSON.stringify(bucket)}`,
    );
  }
  const accessKeyId = env.S3_ACCESS_KEY_ID || undefined;
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY || undefined;
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    throw new ConfigError('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together (or neither)');
  }
  const endpoint = url(env, 'S3_ENDPOINT', ['https:', 'http:']);
  const prefix = pattern(
    env,
    'S3_PREFIX',
    /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*\/?$/,
    '',
    'lowercase letters, digits, . _ - in parts separated by /',
  );
  return {
    kind: 's3',
    s3: {
      bucket,
      region: pattern(env, 'S3_REGION', /^[a-z0-9-]{1,64}$/, 'us-east-1', 'lowercase letters, digits, -'),
      endpoint,
      // S3-compatible services (MinIO above all) mostly want path-style URLs; AWS wants virtual-hosted ones.
      forcePathStyle: oneOf(env, 'S3_FORCE_PATH_STYLE', ['on', 'off'], endpoint ? 'on' : 'off') === 'on',
      credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
      keyPrefix: prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`,
    },
  };
}

/** An origin only: a path would need every route mounted under it, which Looply does not do. */
function publicUrl(env: Env): string | undefined {
  const raw = url(env, 'PUBLIC_URL', ['https:', 'http:']);
  if (raw === undefined) return undefined;
  const parsed = new URL(raw);
  if (parsed.pathname !== '/' || parsed.search !== '' || parsed.hash !== '' || parsed.username || parsed.password) {
    throw new ConfigError(`PUBLIC_URL must be an origin such as https://looply.example, got ${JSON.stringify(raw)}`);
  }
  return parsed.origin;
}

/** The address a process listening on `host` and `port` is reached at from this machine. */
export function listeningUrl(host: string, port: number): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return `http://localhost:${port}`;
  return `http://${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}

function vapidSubject(env: Env): string {
  const raw = env.VAPID_SUBJECT || 'mailto:looply@example.invalid';
  if (!/^(mailto:\S+@\S+|https:\/\/\S+)$/.test(raw)) {
    throw new ConfigError(`VAPID_SUBJECT must be a mailto: address or an https: URL, got ${JSON.stringify(raw)}`);
  }
  return raw;
}

/** Environment → typed config. Every value is checked here, so a wrong one stops the process at start. */
export function loadConfig(env: Env = process.env): Config {
  const jwtSecret = env.JWT_SECRET || undefined;
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET must be at least 32 characters long');
  }
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir: resolve(env.DATA_DIR || './data'),
    blobStore: blobStore(env),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    natsUrl: url(env, 'NATS_URL', ['nats:', 'tls:']),
    natsNamespace: pattern(env, 'NATS_NAMESPACE', /^[a-z][a-z0-9_]{0,31}$/, 'looply', 'lowercase letters, digits, _'),
    redisKeyPrefix: pattern(env, 'REDIS_KEY_PREFIX', /^[\w:.-]{1,64}$/, 'looply:', 'letters, digits, _ : . -'),
    roles: env.LOOPLY_ROLES ? parseRoles(env.LOOPLY_ROLES) : [...ALL_ROLES],
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    jwtSecret,
    accessTokenTtlSeconds: integer(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 30, 86_400),
    refreshTokenTtlSeconds: integer(env, 'REFRESH_TOKEN_TTL_SECONDS', 30 * 86_400, 300, 365 * 86_400),
    maxUploadBytes: integer(env, 'MAX_UPLOAD_BYTES', 512 * 1024 * 1024, 1024, 16 * 1024 ** 3),
    uploadExpirySeconds: integer(env, 'UPLOAD_EXPIRY_SECONDS', 24 * 3600, 1, 30 * 86_400),
    workerConcurrency: integer(env, 'WORKER_CONCURRENCY', 1, 1, 64),
    jobLeaseMs: integer(env, 'JOB_LEASE_MS', 60_000, 1000, 3_600_000),
    ...videoLengthLimits(env),
    av1Enabled: oneOf(env, 'AV1_ENABLED', ['on', 'off'], 'off') === 'on',
    demoContent: oneOf(env, 'DEMO_CONTENT', ['on', 'off'], 'on') === 'on',
    rateLimitScale: decimal(env, 'RATE_LIMIT_SCALE', 1, 0, 1000),
    ffmpegPath: env.FFMPEG_PATH || undefined,
    ffprobePath: env.FFPROBE_PATH || undefined,
    x264Preset: oneOf(
      env,
      'X264_PRESET',
      ['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow'],
      // On 2 cores only ultrafast keeps a 15 s clip's ladder within the clip's length (docs/benchmarks.md).
      'ultrafast',
    ),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 30_000, 1000, 600_000),
    recsysSnapshotIntervalSeconds: integer(env, 'RECSYS_SNAPSHOT_INTERVAL_SECONDS', 300, 0, 86_400),
    vapidSubject: vapidSubject(env),
    webPushAllowHttp: oneOf(env, 'WEB_PUSH_ALLOW_HTTP', ['on', 'off'], 'off') === 'on',
    paymentProvider: oneOf(env, 'PAYMENT_PROVIDER', ['sandbox', 'off'], 'sandbox'),
    trustProxy: trustProxy(env),
    metricsToken: metricsToken(env),
    publicUrl: publicUrl(env),
    rtmpPort: env.RTMP_PORT === 'off' ? null : integer(env, 'RTMP_PORT', 1935, 0, 65535),
    liveKeyTtlSeconds: integer(env, 'LIVE_KEY_TTL_SECONDS', 24 * 3600, 10, 30 * 86_400),
    liveReconnectGraceSeconds: integer(env, 'LIVE_RECONNECT_GRACE_SECONDS', 10, 1, 600),
    liveRetentionMinutes: integer(env, 'LIVE_RETENTION_MINUTES', 60, 0, 30 * 24 * 60),
  };
}

/**
 * What a request may carry, published by the route schemas (OpenAPI) and enforced by the modules' checks, both
 * reading these numbers. Lengths are in characters (Unicode code points: an emoji is one), counted as sent; the
 * checks also count after trimming. test/contract/published-limits.test.ts holds the server to each published limit.
 */
export const TEXT_LIMITS = {
  username: { min: 3, max: 24 },
  password: { min: 8, max: 128 },
  email: 254,
  displayName: { min: 1, max: 50 },
  bio: 160,
  caption: 2200,
  hashtags: 30,
  hashtag: 50,
  comment: 150,
  /** Mentions beyond this many in one comment are not notified. */
  mentions: 10,
  message: 1000,
  conversationTitle: 100,
  /** People in one conversation, its creator included. */
  conversationMembers: 32,
  refreshToken: 256,
  /** A client's key for one purchase or gift, so a retried request moves money once. */
  idempotencyKey: { min: 8, max: 100 },
  liveTitle: 100,
  /** One live chat message. */
  liveChat: 200,
} as const;

/** Lists: the most items one page may ask for, and the longest cursor accepted. */
export const PAGE_LIMITS = { maxCount: 50, cursorLength: 512 } as const;

export interface RateLimitRule {
  name: string;
  limit: number;
  windowMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Per-user (or per-address for visitors) limits from the reference design; RATE_LIMIT_SCALE multiplies them. */
export const RATE_LIMITS = {
  fyp: { name: 'fyp', limit: 100, windowMs: MINUTE },
  upload: { name: 'upload', limit: 10, windowMs: HOUR },
  like: { name: 'like', limit: 200, windowMs: MINUTE },
  comment: { name: 'comment', limit: 50, windowMs: MINUTE },
  follow: { name: 'follow', limit: 60, windowMs: MINUTE },
  share: { name: 'share', limit: 100, windowMs: MINUTE },
  search: { name: 'search', limit: 60, windowMs: MINUTE },
  /** Typeahead asks on every keystroke, so it gets more than a full search. */
  suggest: { name: 'suggest', limit: 300, windowMs: MINUTE },
  view: { name: 'view', limit: 600, windowMs: MINUTE },
  /** Sign-up and refresh, per address (a bearer token sent along changes nothing). */
  auth: { name: 'auth', limit: 20, windowMs: MINUTE },
  /** Sign-in attempts per client address, and per account whatever the address (LOGIN_BACKOFF adds to both). */
  login: { name: 'login', limit: 20, windowMs: MINUTE },
  loginAccount: { name: 'login-account', limit: 10, windowMs: MINUTE },
  message: { name: 'message', limit: 30, windowMs: MINUTE },
  /** Coin purchases and gifts: a person taps a gift repeatedly in a combo, so gifts get more. */
  purchase: { name: 'purchase', limit: 20, windowMs: HOUR },
  gift: { name: 'gift', limit: 120, windowMs: MINUTE },
  /** Setting and removing the profile picture: each one decodes an image and writes a file. */
  avatar: { name: 'avatar', limit: 20, windowMs: HOUR },
  /** Going live: each start hands out a stream key (the design's "live starts 5/day"). */
  liveStart: { name: 'live-start', limit: 5, windowMs: 24 * HOUR },
  /** Live chat messages, across streams, as many as comments (slow mode may ask for fewer in one stream). */
  liveChat: { name: 'live-chat', limit: 50, windowMs: MINUTE },
} as const satisfies Record<string, RateLimitRule>;

/**
 * Failed sign-ins of one account (from any address): the first `freeFailures` cost nothing, then each one locks the
 * account's sign-in for `baseLockMs`, doubling up to `maxLockMs`. Failures are counted for `failureMemoryMs` from the
 * first one, and a successful sign-in forgets them. A lock also tells the owner (GET /v1/users/me/security-events).
 * Not scaled by RATE_LIMIT_SCALE: it is a defence, not a traffic limit.
 */
export const LOGIN_BACKOFF = {
  freeFailures: 5,
  baseLockMs: 30_000,
  maxLockMs: 15 * MINUTE,
  failureMemoryMs: 24 * HOUR,
} as const;

/** Access tokens: how far in the future an `iat` may lie (clock skew between nodes). */
export const ACCESS_TOKEN_CLOCK_SKEW_SECONDS = 30;
/**
 * A refresh token presented again this soon after its rotation gets the same successor instead of ending the
 * session (RFC 9700 §4.14.2): two tabs or a retried request refreshing at once. Later, reuse revokes the family.
 */
export const REFRESH_REUSE_GRACE_MS = 20_000;

/**
 * Like/comment/share/save counter deltas are folded into the counters this soon after a node records some, and by
 * every node this often anyway (deltas of a node that died).
 */
export const COUNTER_FLUSH = { delayMs: 500, fallbackMs: 10_000 } as const;
/** The worker role rebuilds every count from the rows it counts this often, and warns about any it corrected. */
export const COUNTER_RECONCILE_INTERVAL_MS = 6 * HOUR;

/** Likes of one video within a window of this length (fixed, UTC) aggregate into one notification. */
export const LIKE_AGGREGATION_WINDOW_MS = 24 * HOUR;
/** Web Push: how long a push service keeps an undelivered message, and how long we wait for it to answer. */
export const WEB_PUSH = { ttlSeconds: 24 * 3600, timeoutMs: 10_000 } as const;
/** `/v1/ws`: a server ping this often (a socket that missed the last one is dropped), the auth frame's deadline. */
export const LIVE_SOCKET = {
  pingIntervalMs: 30_000,
  authTimeoutMs: 10_000,
  maxFrameBytes: 4096,
  /** Open sockets of one account on one node (tabs and devices); one more is closed with 1008. */
  maxSocketsPerAccount: 20,
} as const;

/** Rungs of the H.264 ladder by short side; never upscaled. */
export const HLS_LADDER = [240, 480, 720, 1080] as const;
export const HLS_SEGMENT_SECONDS = 2;
/** Rungs of the optional AV1 ladder by short side (AV1_ENABLED); never upscaled. */
export const AV1_LADDER = [480, 720] as const;
/** SVT-AV1 preset (0 slowest … 13 fastest): 12 encodes 720p at several times real time on two cores. */
export const AV1_PRESET = 12;
/** What the pipeline accepts besides the length (MIN/MAX_VIDEO_SECONDS): picture size, shape and frame rate. */
export const VIDEO_SHAPE_LIMITS = { minSide: 64, maxSide: 4096, maxAspect: 4, maxFps: 120 } as const;
/** The animated preview: its first seconds, this wide at most, at this frame rate. */
export const PREVIEW = { seconds: 3, width: 240, fps: 10 } as const;
/** The scrub sprite: a frame every `intervalSeconds` (longer for long videos, so at most `maxFrames`). */
export const SCRUB_SPRITE = { intervalSeconds: 2, maxFrames: 100, columns: 10, tileShortSide: 90 } as const;
/**
 * Profile pictures (PUT /v1/users/me/avatar): the largest file and picture accepted, and the square side stored.
 * The pixel cap keeps a small file that decodes to a huge picture (a decompression bomb) from being decoded.
 */
export const AVATAR_LIMITS = { maxBytes: 5 * 1024 * 1024, maxInputPixels: 40_000_000, side: 256 } as const;
/** How far ahead an upload may schedule its publication. */
export const MAX_SCHEDULE_DAYS = 30;
/** How often the api role completes resumable uploads whose completion was lost and deletes expired ones. */
export const UPLOAD_SWEEP_INTERVAL_MS = 10 * MINUTE;
/**
 * Temp directories of processing runs (DATA_DIR/tmp/jobs) whose process died: the worker role removes them at start
 * and this often. A run of another host (sharing DATA_DIR) counts as dead once its directory has not been touched
 * for `staleAfterLeases` job leases (JOB_LEASE_MS); a live run touches it with every heartbeat, a third of a lease.
 */
export const RUN_DIR_SWEEP = { intervalMs: 5 * MINUTE, staleAfterLeases: 5 } as const;
/** Tries of a video's processing job before it is dead-lettered and the video marked failed. */
export const PROCESS_VIDEO_ATTEMPTS = 3;
/**
 * Tries of a scheduled video's publication job, and the backoff after the first: a job that runs early (the clocks
 * of two nodes disagree) fails and is retried.
 */
export const PUBLISH_VIDEO_ATTEMPTS = 10;
export const PUBLISH_VIDEO_BACKOFF_MS = 1_000;

/**
 * Live streams (src/modules/live): the transcode ladder by short side (never upscaled), its bitrates, 1 s GOPs and
 * segments, and how many segments the live playlist lists.
 */
export const LIVE = {
  ladder: [
    { shortSide: 720, videoKbps: 2500 },
    { shortSide: 360, videoKbps: 800 },
  ],
  audioKbps: 96,
  /** A keyframe starts every segment; ffmpeg writes a fragment, served as an LL-HLS part, every `partSeconds`. */
  segmentSeconds: 1,
  partSeconds: 0.2,
  /** No part is longer (a frame rate that does not divide partSeconds rounds up); the hold-back is three of them. */
  partTargetSeconds: 0.25,
  playlistSegments: 6,
  /** The last segments of a playlist list their parts too (RFC 8216bis: within three target durations). */
  segmentsWithParts: 3,
  /** How long a blocking playlist reload (`_HLS_msn`, `_HLS_part`) or a request for a hinted part is held. */
  blockingReloadMs: 3_000,
  /** How long ingest waits for the publisher's metadata (picture size, audio or not) before transcoding. */
  metadataWaitMs: 3_000,
  /** Segments that left the playlist are deleted from the blob store this much later (players still on them). */
  segmentRetentionMs: 60_000,
  /** ffmpeg dying mid-stream is restarted after this pause; this many times in a row at most. */
  restartDelayMs: 500,
  maxRestarts: 5,
  /**
   * The ingest node says every `heartbeatMs` that its streams are on air (kept `heartbeatTtlMs` in the cache); every
   * api node looks every `abandonedSweepMs` for streams on air without one (their ingest node died) and ends them.
   */
  heartbeatMs: 2_000,
  heartbeatTtlMs: 10_000,
  abandonedSweepMs: 5_000,
  /** How often every api node removes the HLS of streams ended longer ago than LIVE_RETENTION_MINUTES. */
  mediaSweepMs: 60_000,
  /** Ended streams cleaned up per sweep at most (the next sweep takes the rest). */
  mediaSweepBatch: 100,
  /** A stream directory left on disk is removed only once nothing wrote to it for this long (a replay in hand-over). */
  leftoverQuietMs: 10 * 60_000,
} as const;

/**
 * Stream rooms (src/modules/live/rooms.ts): rooms one socket may be in, the chat history a joiner gets, the longest
 * slow mode. Presence: every node adds its room members to a per-stream counter of the current `presenceBucketMs`
 * window and reads the previous window's total (a node that died simply stops adding); it looks every `presenceTickMs`.
 */
export const LIVE_ROOM = {
  maxRoomsPerSocket: 4,
  chatHistory: 50,
  maxSlowModeSeconds: 300,
  presenceBucketMs: 1_000,
  presenceTickMs: 250,
} as const;

/**
 * Going live from the browser (`/v1/live/ingest`): MediaRecorder chunks over a WebSocket, re-published by one ffmpeg
 * per connection to this node's RTMP ingest.
 */
export const LIVE_BROWSER_INGEST = {
  /** The largest chunk (one binary frame): 250 ms of video at 32 Mbit/s. */
  maxFrameBytes: 1024 * 1024,
  /** The start frame (key and format) must come this soon after connecting. */
  startTimeoutMs: 10_000,
  /** A publisher that sends nothing for this long is gone (MediaRecorder sends every 250 ms). */
  idleTimeoutMs: 10_000,
  /** ffmpeg taking no data for this long (the socket is not read meanwhile) closes the connection. */
  stalledTimeoutMs: 10_000,
  /** After its input ends, ffmpeg has this long to send what it has before it is killed. */
  exitWaitMs: 3_000,
  /** The one-time RTMP stream name an admitted browser publisher's ffmpeg connects with is valid this long. */
  handOverTtlMs: 10_000,
  /** VP8/VP9 from the browser is re-encoded to H.264 on the way in (H.264 is copied): fast, near-lossless. */
  reencode: { preset: 'ultrafast', crf: 18 },
} as const;

/** Search: what a query may be and how results are found (src/modules/search). */
export const SEARCH_LIMITS = {
  maxQueryLength: 200,
  maxWords: 8,
  maxWordLength: 50,
  /** Shorter words are matched as prefixes only, never corrected: too few trigrams to tell a typo. */
  minCorrectableLength: 4,
  /** Corrections tried per misspelt word. */
  correctionsPerWord: 2,
  /** The last word, up to this long, is also matched as a typo'd prefix (one edit from the start of a word). */
  maxTypoPrefixLength: 30,
  /** Typo'd prefixes of the last word searched for, the ones starting most words of the vocabulary. */
  typoPrefixesPerWord: 10,
  /** Values of the vocabulary read per range while looking for typo'd prefixes. */
  typoPrefixRangeRows: 200,
  /** Accounts and sounds matching a typo'd prefix are ranked among this many most popular ones. */
  typoPrefixCandidates: 200,
  /** Videos are ranked among this many most popular matches, so a common word costs the same as a rare one. */
  videoCandidates: 500,
  suggestions: 10,
} as const;

/** Trending detection (src/modules/trending): windows, sketch size and how often boards are shared. */
export const TRENDING = {
  /** Decay time constants of the short, middle and long windows. */
  windowsMs: [15 * MINUTE, HOUR, 24 * HOUR],
  /** Count-Min sketch rows and columns (a power of two) per window and kind. */
  sketchDepth: 4,
  sketchWidth: 1 << 15,
  /** Candidate heavy hitters kept per kind. */
  candidates: 2048,
  /** How often a detector writes its board (read by every api node) and its sketches (adopted after a restart). */
  boardIntervalMs: 5_000,
  snapshotIntervalMs: MINUTE,
  /** A board not refreshed for this long belongs to a stopped detector. */
  staleAfterMs: 30_000,
} as const;

import { resolve } from 'node:path';

export type Role = 'api' | 'worker';
export const ALL_ROLES: readonly Role[] = ['api', 'worker'];

export interface Config {
  port: number;
  host: string;
  dataDir: string;
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
  workerConcurrency: number;
  demoContent: boolean;
  rateLimitScale: number;
  ffmpegPath: string;
  ffprobePath: string;
  /** libx264 preset for the ladder: faster presets trade size for speed. */
  x264Preset: string;
  shutdownTimeoutMs: number;
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
    workerConcurrency: integer(env, 'WORKER_CONCURRENCY', 1, 1, 64),
    demoContent: oneOf(env, 'DEMO_CONTENT', ['on', 'off'], 'on') === 'on',
    rateLimitScale: decimal(env, 'RATE_LIMIT_SCALE', 1, 0, 1000),
    ffmpegPath: env.FFMPEG_PATH || 'ffmpeg',
    ffprobePath: env.FFPROBE_PATH || 'ffprobe',
    x264Preset: oneOf(
      env,
      'X264_PRESET',
      ['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow'],
      'veryfast',
    ),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 30_000, 1000, 600_000),
  };
}

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
  search: { name: 'search', limit: 60, windowMs: MINUTE },
  view: { name: 'view', limit: 600, windowMs: MINUTE },
  auth: { name: 'auth', limit: 20, windowMs: MINUTE },
} as const satisfies Record<string, RateLimitRule>;

/** Rungs of the H.264 ladder by short side; never upscaled. */
export const HLS_LADDER = [240, 480, 720, 1080] as const;
export const HLS_SEGMENT_SECONDS = 2;
/** Tries of a video's processing job before it is dead-lettered and the video marked failed. */
export const PROCESS_VIDEO_ATTEMPTS = 3;

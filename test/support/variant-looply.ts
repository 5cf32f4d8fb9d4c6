import { afterAll, beforeAll } from 'vitest';
import type { ApiResponse } from './api-client.ts';
import { startTestLooply, type TestLooply } from './looply.ts';
import { serviceUrl, uniqueName } from './services.ts';
import { type Account, cleanUpDistributed, makeTinyClip } from './social.ts';

/**
 * Environments of the suites that vary only the relational store: PGlite always; PostgreSQL, in a fresh schema named
 * after `prefix`, when DATABASE_URL is set.
 */
export function relationalStoreVariants(prefix: string) {
  const databaseUrl = serviceUrl('DATABASE_URL');
  const base = { MIN_VIDEO_SECONDS: '1' };
  const variants: Array<LooplyVariant & { name: string }> = [{ name: 'pglite', env: base }];
  if (databaseUrl) {
    variants.push({ name: 'postgres', env: { ...base, DATABASE_URL: databaseUrl }, schema: uniqueName(prefix) });
  }
  return variants;
}

/** One environment a suite runs in (`socialVariants` or a suite's own): its env, and its PostgreSQL schema if any. */
export interface LooplyVariant {
  env: Record<string, string>;
  /** Also the Redis key prefix and NATS namespace when the variant's env names those engines. */
  schema?: string;
}

export type TinyClip = Awaited<ReturnType<typeof makeTinyClip>>;

export interface VariantLooply {
  /** The Looply beforeAll started; usable in hooks and tests registered after this call. */
  looply: TestLooply;
  /** The tiny clip, made in beforeAll when asked for. */
  clip: TinyClip;
  /** The API as `as` (anonymous without), with an optional JSON body. */
  call(path: string, method?: string, as?: Account, json?: unknown): Promise<ApiResponse>;
}

/**
 * Call inside a `describe`: its beforeAll makes a tiny clip if `options.clip` and starts a Looply on the variant's env
 * plus `options.env`; its afterAll stops it, removes the clip and drops what the variant left in PostgreSQL, Redis and
 * NATS. `looply` and `clip` stand for what beforeAll made, so a suite can destructure them where it is declared.
 */
export function useVariantLooply(
  variant: LooplyVariant,
  options: { clip?: boolean; env?: Record<string, string> } = {},
): VariantLooply {
  let looply: TestLooply | undefined;
  let clip: TinyClip | undefined;

  beforeAll(async () => {
    if (options.clip) clip = await makeTinyClip();
    const { schema } = variant;
    looply = await startTestLooply({ ...variant.env, ...options.env }, schema ? { postgresSchema: schema } : undefined);
  });
  afterAll(async () => {
    await looply?.stop();
    await clip?.cleanup();
    const { env, schema } = variant;
    await cleanUpDistributed({ databaseUrl: env.DATABASE_URL, redisUrl: env.REDIS_URL, natsUrl: env.NATS_URL }, schema);
  });

  const started = lateBound(() => looply, 'the Looply');
  return {
    looply: started,
    clip: lateBound(() => clip, options.clip ? 'the clip' : 'the clip (pass { clip: true })'),
    call: (path, method = 'GET', as, json) =>
      started.api(path, {
        method,
        ...(as ? { token: as.access_token } : {}),
        ...(json !== undefined ? { json } : {}),
      }),
  };
}

/** A stand-in for a value a hook sets later: each property read goes to the value as it is at that moment. */
function lateBound<T extends object>(current: () => T | undefined, what: string): T {
  return new Proxy({} as T, {
    get(_target, key) {
      const value = current();
      if (value === undefined) throw new Error(`${what} is used before beforeAll made it`);
      const property: unknown = Reflect.get(value, key, value);
      return typeof property === 'function' ? property.bind(value) : property;
    },
  });
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a signed media URL works: long enough to watch, pause and come back within an evening. */
export const SIGNED_MEDIA_URL_TTL_SECONDS = 4 * 3600;

/** Separates this key from every other use of the secret it is derived from (the access-token key). */
const KEY_LABEL = 'looply media url signing v1';

/** `videos/<video id>/<rendition id>/`: what one signature covers, so it serves every file of a rendition. */
const RENDITION_PREFIX = /^videos\/([0-9a-f-]{36})\/([a-z0-9][a-z0-9_-]*)\//;

/** The video and rendition directory a media key lies in; null when it is not a video's file. */
export function mediaRendition(key: string): { videoId: string; prefix: string } | null {
  const match = RENDITION_PREFIX.exec(key);
  return match?.[1] ? { videoId: match[1], prefix: match[0] } : null;
}

export interface MediaSignature {
  /** Unix seconds after which the signature is refused. */
  exp: number;
  /** base64url HMAC-SHA256 of the prefix and `exp`. */
  sig: string;
}

/**
 * Signs and checks media URLs of videos that are not open to everyone: `?exp=<unix seconds>&sig=<base64url
 * HMAC-SHA256 of "<rendition prefix>\n<exp>">`. The key is derived from an installation secret with a label.
 */
export class MediaUrlSigner {
  readonly #key: Buffer;
  readonly #ttlSeconds: number;

  constructor(secret: string, ttlSeconds = SIGNED_MEDIA_URL_TTL_SECONDS) {
    this.#key = createHmac('sha256', secret).update(KEY_LABEL).digest();
    this.#ttlSeconds = ttlSeconds;
  }

  /** A signature for the rendition directory `prefix`, valid `ttlSeconds` from `nowMs`. */
  sign(prefix: string, nowMs = Date.now()): MediaSignature {
    const exp = Math.floor(nowMs / 1000) + this.#ttlSeconds;
    return { exp, sig: this.#mac(prefix, exp) };
  }

  /** `/media/<key>?exp=…&sig=…`; a key outside a rendition directory cannot be signed. */
  signedUrl(key: string, nowMs = Date.now()): string {
    const rendition = mediaRendition(key);
    if (!rendition) throw new Error(`not a rendition's media key: ${key}`);
    return `/media/${key}?${signatureQuery(this.sign(rendition.prefix, nowMs))}`;
  }

  /** True when `sig` is this installation's signature of `prefix` and `exp` and `exp` has not passed. */
  verify(prefix: string, exp: unknown, sig: unknown, nowMs = Date.now()): boolean {
    if (typeof exp !== 'string' || !/^\d{1,12}$/.test(exp) || typeof sig !== 'string') return false;
    const expiry = Number(exp);
    if (expiry * 1000 <= nowMs) return false;
    const expected = Buffer.from(this.#mac(prefix, expiry));
    const given = Buffer.from(sig);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  #mac(prefix: string, exp: number): string {
    return createHmac('sha256', this.#key).update(`${prefix}\n${exp}`).digest('base64url');
  }
}

export function signatureQuery(signature: MediaSignature): string {
  return `exp=${signature.exp}&sig=${signature.sig}`;
}

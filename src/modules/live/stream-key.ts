import { createHash, randomBytes } from 'node:crypto';

/** RTMP stream names node-media-server accepts, and the shape of our keys: 32 random bytes, base64url. */
const KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newStreamKey(): string {
  return randomBytes(32).toString('base64url');
}

export function isStreamKeyShaped(value: string): boolean {
  return KEY_PATTERN.test(value);
}

/** What is stored: a key of 256 random bits needs no slow hash to resist guessing. */
export function hashStreamKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

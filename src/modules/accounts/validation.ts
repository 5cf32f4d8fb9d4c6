import { TEXT_LIMITS } from '../../config.ts';
import { badRequest } from '../../platform/errors.ts';

const RESERVED = new Set([
  'admin',
  'api',
  'v1',
  'me',
  'login',
  'logout',
  'signup',
  'upload',
  'settings',
  'media',
  'static',
  'looply',
  'support',
  'help',
  'root',
  'system',
  'live',
  'shop',
  'search',
  'explore',
  'discover',
  'notifications',
  'messages',
]);

/** The account a sign-in asks for, as stored (any case, outer spaces ignored); also what sign-in limits are keyed by. */
export function loginName(raw: string): string {
  return raw.trim().toLowerCase();
}

/** Usernames are 3–24 of `a-z 0-9 _ .`, not starting or ending with a dot and without `..`; case folds to lower. */
export function normalizeUsername(raw: string): string {
  const username = raw.trim().toLowerCase();
  const { min, max } = TEXT_LIMITS.username;
  const length = [...username].length;
  if (length < min || length > max) {
    throw badRequest('INVALID_USERNAME', `A username has ${min} to ${max} characters.`);
  }
  if (!/^[a-z0-9_.]+$/.test(username)) {
    throw badRequest('INVALID_USERNAME', 'A username may use only letters, digits, underscores and dots.');
  }
  if (username.startsWith('.') || username.endsWith('.') || username.includes('..')) {
    throw badRequest('INVALID_USERNAME', 'A username cannot start or end with a dot or have two dots in a row.');
  }
  if (RESERVED.has(username)) throw badRequest('USERNAME_RESERVED', `The username "${username}" is reserved.`);
  return username;
}

export function validatePassword(password: string): void {
  const { min, max } = TEXT_LIMITS.password;
  const length = [...password].length;
  if (length < min) throw badRequest('WEAK_PASSWORD', `A password has at least ${min} characters.`);
  if (length > max) throw badRequest('INVALID_PASSWORD', `A password has at most ${max} characters.`);
}

export function normalizeEmail(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  const email = raw.trim().toLowerCase();
  if ([...email].length > TEXT_LIMITS.email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw badRequest('INVALID_EMAIL', 'That does not look like an email address.');
  }
  return email;
}

export function normalizeDisplayName(raw: string): string {
  const name = raw.trim().replace(/\s+/g, ' ');
  const { min, max } = TEXT_LIMITS.displayName;
  const length = [...name].length;
  if (length < min || length > max) {
    throw badRequest('INVALID_DISPLAY_NAME', `A display name has ${min} to ${max} characters.`);
  }
  return name;
}

export function normalizeBio(raw: string): string {
  const bio = raw.trim();
  if ([...bio].length > TEXT_LIMITS.bio) {
    throw badRequest('INVALID_BIO', `A bio has at most ${TEXT_LIMITS.bio} characters.`);
  }
  return bio;
}

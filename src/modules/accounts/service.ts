import { randomUUID } from 'node:crypto';
import type { Static } from 'typebox';
import { ACCESS_TOKEN_CLOCK_SKEW_SECONDS, LOGIN_BACKOFF, REFRESH_REUSE_GRACE_MS } from '../../config.ts';
import type { PublicUserSchema } from '../../http/schemas.ts';
import type { Cache } from '../../platform/cache/cache.ts';
import type { Database, SqlExecutor } from '../../platform/db/database.ts';
import { conflict, notFound, unauthorized } from '../../platform/errors.ts';
import type { Logger } from '../../platform/logger.ts';
import { createEvent, type EventStream } from '../../platform/stream/events.ts';
import { AccountEvents, type UserRegisteredData } from './events.ts';
import { LoginGuard } from './login-guard.ts';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords.ts';
import type { SessionSchema } from './schemas.ts';
import { type SecurityEvent, toSecurityEvent } from './security-events.ts';
import { SessionRevocations } from './session-revocations.ts';
import { AccountStore, type UserRow } from './store.ts';
import { type AccessClaims, type AccessTokens, newRefreshToken, parseRefreshToken, secretMatches } from './tokens.ts';
import {
  loginName,
  normalizeBio,
  normalizeDisplayName,
  normalizeEmail,
  normalizeUsername,
  validatePassword,
} from './validation.ts';

/** `is_private`: only approved followers see a private account's videos and follow lists. */
export type PublicUser = Static<typeof PublicUserSchema>;

export type Session = Static<typeof SessionSchema>;

export function toPublicUser(row: UserRow): PublicUser {
  return {
    id: row.id,
    username: row.username,
    display_name: row.display_name,
    bio: row.bio,
    avatar_url: row.avatar_key ? `/media/${row.avatar_key}` : null,
    is_private: row.is_private,
    created_at: new Date(row.created_at).toISOString(),
  };
}

type RefreshOutcome =
  | { ok: true; userId: string; familyId: string; refreshToken: string }
  | { ok: false; code: string; message: string; revokedFamily?: string };

export interface AccountServiceDeps {
  db: Database;
  accessTokens: AccessTokens;
  refreshTtlSeconds: number;
  /** Login backoff and the revoked-session set, shared by every node. */
  cache: Cache;
  /** Without it, sign-ups and profile changes publish nothing (tests of other modules). */
  events?: EventStream;
  log?: Logger;
}

/** How many security events the owner is shown. */
const SECURITY_EVENTS_SHOWN = 50;

/** Sign-up, sign-in, token rotation and profiles: the accounts module's interface to the rest of Looply. */
export class AccountService {
  readonly #db: Database;
  readonly #store: AccountStore;
  readonly #accessTokens: AccessTokens;
  readonly #refreshTtlMs: number;
  readonly #events: EventStream | null;
  readonly #loginGuard: LoginGuard;
  readonly #revocations: SessionRevocations;
  readonly #log: Logger | null;

  constructor(deps: AccountServiceDeps) {
    this.#db = deps.db;
    this.#events = deps.events ?? null;
    this.#store = new AccountStore(deps.db);
    this.#accessTokens = deps.accessTokens;
    this.#refreshTtlMs = deps.refreshTtlSeconds * 1000;
    this.#loginGuard = new LoginGuard(deps.cache, LOGIN_BACKOFF);
    // Kept past the access tokens' lifetime by the skew and a minute for a refresh that raced the revocation.
    const keepMs = (deps.accessTokens.ttlSeconds + ACCESS_TOKEN_CLOCK_SKEW_SECONDS + 60) * 1000;
    this.#revocations = new SessionRevocations(deps.cache, keepMs);
    this.#log = deps.log ?? null;
  }

  async signUp(input: { username: string; password: string; email?: string }): Promise<Session> {
    const username = normalizeUsername(input.username);
    validatePassword(input.password);
    const email = normalizeEmail(input.email);
    const row = {
      id: randomUUID(),
      username,
      email,
      display_name: username,
      password_hash: await hashPassword(input.password),
    };
    const inserted = await this.#db.transaction(async (tx) => {
      const store = new AccountStore(tx);
      if (!(await store.insertUser(row))) return false;
      const created = await store.findById(row.id);
      if (created) await this.#publish(tx, AccountEvents.userRegistered, created);
      return true;
    });
    if (!inserted) {
      const taken = await this.#store.findByUsername(username);
      throw taken
        ? conflict('USERNAME_TAKEN', `The username "${username}" is already taken.`)
        : conflict('EMAIL_TAKEN', 'An account with that email already exists.');
    }
    const created = await this.#store.findById(row.id);
    if (!created) throw new Error('a user just created is missing');
    return this.#startSession(created, randomUUID());
  }

  /**
   * Signs in, unless the account's sign-in is locked by earlier failures (429 LOGIN_LOCKED, no password checked).
   * A failure that starts a lock is recorded for the owner to see, with the address it came from.
   */
  async logIn(input: { username: string; password: string }, context: { address: string | null }): Promise<Session> {
    const name = loginName(input.username);
    await this.#loginGuard.assertOpen(name);
    const user = await this.#store.findByUsername(name);
    const valid = await verifyPassword(user?.password_hash ?? (await decoyPasswordHash()), input.password);
    if (!user || !valid) {
      const failed = await this.#loginGuard.recordFailure(name);
      if (user && failed.lockMs > 0) await this.#noticeLock(user, failed.failures, failed.lockMs, context.address);
      throw unauthorized('INVALID_CREDENTIALS', 'The username or password is wrong.');
    }
    await this.#loginGuard.recordSuccess(name);
    return this.#startSession(user, randomUUID());
  }

  /** The account's security events (sign-in locks), newest first. */
  async securityEvents(userId: string): Promise<SecurityEvent[]> {
    return (await this.#store.listSecurityEvents(userId, SECURITY_EVENTS_SHOWN)).map(toSecurityEvent);
  }

  /**
   * Rotates a refresh token. Presenting one again within REFRESH_REUSE_GRACE_MS of its rotation answers with the
   * same successor (two refreshes racing); later, it revokes the whole family (theft) and its access tokens.
   */
  async refresh(refreshToken: string): Promise<Session> {
    const parts = parseRefreshToken(refreshToken);
    if (!parts) throw unauthorized('INVALID_REFRESH_TOKEN', 'The refresh token is not valid. Please sign in again.');
    const outcome = await this.#db.transaction(async (tx): Promise<RefreshOutcome> => {
      const store = new AccountStore(tx);
      // Locked: a second refresh of this token, on any node, waits here and then sees the first one's successor.
      const row = await store.lockRefreshToken(parts.id, REFRESH_REUSE_GRACE_MS);
      if (!row || !secretMatches(parts.secret, row.secret_hash)) {
        return { ok: false, code: 'INVALID_REFRESH_TOKEN', message: 'The refresh token is not valid.' };
      }
      if (row.revoked_at) return { ok: false, code: 'REFRESH_TOKEN_REVOKED', message: 'This session was ended.' };
      const successorSecret = this.#accessTokens.successorSecret(parts.secret);
      if (row.rotated_at) {
        const successor =
          row.rotated_within_grace && row.replaced_by && (await store.findRefreshToken(row.replaced_by));
        if (successor && !successor.revoked_at && secretMatches(successorSecret, successor.secret_hash)) {
          return {
            ok: true,
            userId: row.user_id,
            familyId: row.family_id,
            refreshToken: `${successor.id}.${successorSecret}`,
          };
        }
        await store.revokeFamily(row.family_id);
        return {
          ok: false,
          code: 'REFRESH_TOKEN_REUSED',
          message: 'This refresh token was already used, so the session was ended for safety.',
          revokedFamily: row.family_id,
        };
      }
      if (new Date(row.expires_at).getTime() <= Date.now()) {
        return { ok: false, code: 'REFRESH_TOKEN_EXPIRED', message: 'The session has expired.' };
      }
      // The successor is written with the rotation, so a crash cannot leave a rotated token without one.
      const successor = newRefreshToken(successorSecret);
      await store.insertRefreshToken({
        id: successor.id,
        family_id: row.family_id,
        user_id: row.user_id,
        secret_hash: successor.secretHash,
        expires_at: new Date(Date.now() + this.#refreshTtlMs),
      });
      await store.markRotated(row.id, successor.id);
      return { ok: true, userId: row.user_id, familyId: row.family_id, refreshToken: successor.token };
    });
    if (!outcome.ok) {
      if (outcome.revokedFamily) await this.#revocations.revoke(outcome.revokedFamily);
      throw unauthorized(outcome.code, `${outcome.message} Please sign in again.`);
    }
    const user = await this.#store.findById(outcome.userId);
    if (!user) throw unauthorized('INVALID_REFRESH_TOKEN', 'The account no longer exists.');
    return this.#session(user, outcome.familyId, outcome.refreshToken);
  }

  /** A valid access token of a session not revoked (one cache read); the claims it carries. */
  async verifyAccessToken(token: string): Promise<AccessClaims> {
    const claims = await this.#accessTokens.verify(token);
    if (await this.#revocations.isRevoked(claims.sessionId)) {
      throw unauthorized('SESSION_REVOKED', 'This session was ended. Please sign in again.');
    }
    return claims;
  }

  async getUser(id: string): Promise<PublicUser> {
    const row = await this.#store.findById(id);
    if (!row) throw notFound('USER_NOT_FOUND', 'That account does not exist.');
    return toPublicUser(row);
  }

  async getUserByUsername(username: string): Promise<PublicUser> {
    const row = await this.#store.findByUsername(username.trim().toLowerCase());
    if (!row) throw notFound('USER_NOT_FOUND', `There is no account named "${username}".`);
    return toPublicUser(row);
  }

  async getUsers(ids: readonly string[]): Promise<Map<string, PublicUser>> {
    const rows = await this.#store.findByIds([...new Set(ids)]);
    return new Map(rows.map((row) => [row.id, toPublicUser(row)]));
  }

  /** Accounts named in `usernames` (any case) that exist, by lower-case username. */
  async getUsersByUsernames(usernames: readonly string[]): Promise<Map<string, PublicUser>> {
    const rows = await this.#store.findByUsernames([...new Set(usernames.map((name) => name.toLowerCase()))]);
    return new Map(rows.map((row) => [row.username, toPublicUser(row)]));
  }

  async updateProfile(
    id: string,
    changes: { display_name?: string; bio?: string; is_private?: boolean },
  ): Promise<PublicUser> {
    const edits = {
      ...(changes.display_name !== undefined ? { display_name: normalizeDisplayName(changes.display_name) } : {}),
      ...(changes.bio !== undefined ? { bio: normalizeBio(changes.bio) } : {}),
      ...(changes.is_private !== undefined ? { is_private: changes.is_private } : {}),
    };
    const row = await this.#db.transaction(async (tx) => {
      const updated = await new AccountStore(tx).updateProfile(id, edits);
      if (updated) await this.#publish(tx, AccountEvents.profileUpdated, updated);
      return updated;
    });
    if (!row) throw notFound('USER_NOT_FOUND', 'That account does not exist.');
    return toPublicUser(row);
  }

  /**
   * Points the account at another avatar blob (or none) and publishes ProfileUpdated. Returns the key it replaced,
   * which no account references any more, so the caller deletes that blob.
   */
  async replaceAvatarKey(id: string, key: string | null): Promise<{ user: PublicUser; previousKey: string | null }> {
    const changed = await this.#db.transaction(async (tx) => {
      const store = new AccountStore(tx);
      const previousKey = await store.lockAvatarKey(id);
      if (previousKey === undefined) return null;
      const updated = await store.setAvatarKey(id, key);
      if (!updated) return null;
      await this.#publish(tx, AccountEvents.profileUpdated, updated);
      return { user: toPublicUser(updated), previousKey };
    });
    if (!changed) throw notFound('USER_NOT_FOUND', 'That account does not exist.');
    return changed;
  }

  /** Every account in id order, a page at a time: how another module rebuilds what it derived from accounts. */
  async listUsers(afterId: string | null, limit: number): Promise<PublicUser[]> {
    return (await this.#store.listAfter(afterId, limit)).map(toPublicUser);
  }

  countUsers(): Promise<number> {
    return this.#store.countUsers();
  }

  /** UserRegistered or ProfileUpdated: the public profile as it is now, in the transaction of the change. */
  async #publish(
    tx: SqlExecutor,
    type: typeof AccountEvents.userRegistered | typeof AccountEvents.profileUpdated,
    row: UserRow,
  ): Promise<void> {
    if (!this.#events) return;
    const data: UserRegisteredData = {
      user_id: row.id,
      username: row.username,
      display_name: row.display_name,
      bio: row.bio,
      avatar_url: toPublicUser(row).avatar_url,
      is_private: row.is_private,
    };
    await this.#events.publish(createEvent(type, data), tx);
  }

  async #noticeLock(user: UserRow, failures: number, lockMs: number, address: string | null): Promise<void> {
    const lockedUntil = new Date(Date.now() + lockMs);
    this.#log?.warn(
      { userId: user.id, failures, lockedSeconds: Math.round(lockMs / 1000), address },
      'sign-in locked after failed attempts',
    );
    await this.#store.insertSecurityEvent({
      user_id: user.id,
      type: 'login_locked',
      address,
      failed_attempts: failures,
      locked_until: lockedUntil,
    });
  }

  async #startSession(user: UserRow, familyId: string): Promise<Session> {
    const refresh = newRefreshToken();
    await this.#store.insertRefreshToken({
      id: refresh.id,
      family_id: familyId,
      user_id: user.id,
      secret_hash: refresh.secretHash,
      expires_at: new Date(Date.now() + this.#refreshTtlMs),
    });
    return this.#session(user, familyId, refresh.token);
  }

  async #session(user: UserRow, familyId: string, refreshToken: string): Promise<Session> {
    return {
      user: toPublicUser(user),
      access_token: await this.#accessTokens.sign({ userId: user.id, username: user.username, sessionId: familyId }),
      refresh_token: refreshToken,
      token_type: 'Bearer',
      expires_in: this.#accessTokens.ttlSeconds,
    };
  }
}

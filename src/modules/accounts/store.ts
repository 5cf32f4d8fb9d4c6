import { SqlStore } from '../../platform/db/sql-store.ts';

export interface UserRow {
  id: string;
  username: string;
  email: string | null;
  display_name: string;
  bio: string;
  avatar_key: string | null;
  is_private: boolean;
  password_hash: string;
  created_at: Date;
}

export interface RefreshTokenRow {
  id: string;
  family_id: string;
  user_id: string;
  secret_hash: string;
  expires_at: Date;
  rotated_at: Date | null;
  revoked_at: Date | null;
  /** The token that replaced this one when it was rotated. */
  replaced_by: string | null;
}

/** A refresh token as read for rotation: whether it was rotated within the grace window, by the store's clock. */
export interface LockedRefreshToken extends RefreshTokenRow {
  rotated_within_grace: boolean;
}

export interface SecurityEventRow {
  id: string;
  user_id: string;
  type: string;
  address: string | null;
  failed_attempts: number | null;
  locked_until: Date | null;
  created_at: Date;
}

const USER_COLUMNS = 'id, username, email, display_name, bio, avatar_key, is_private, password_hash, created_at';

/** Data access for users and refresh tokens; no decisions here. */
export class AccountStore extends SqlStore {
  /** Returns false when the username or email is taken. */
  async insertUser(user: Omit<UserRow, 'created_at' | 'bio' | 'avatar_key' | 'is_private'>): Promise<boolean> {
    const result = await this.db.query(
      `insert into users (id, username, email, display_name, password_hash) values ($1, $2, $3, $4, $5)
       on conflict do nothing`,
      [user.id, user.username, user.email, user.display_name, user.password_hash],
    );
    return result.rowCount === 1;
  }

  async findByUsername(username: string): Promise<UserRow | null> {
    const { rows } = await this.db.query<UserRow>(`select ${USER_COLUMNS} from users where username = $1`, [username]);
    return rows[0] ?? null;
  }

  async findById(id: string): Promise<UserRow | null> {
    const { rows } = await this.db.query<UserRow>(`select ${USER_COLUMNS} from users where id = $1`, [id]);
    return rows[0] ?? null;
  }

  async findByUsernames(usernames: readonly string[]): Promise<UserRow[]> {
    if (usernames.length === 0) return [];
    const { rows } = await this.db.query<UserRow>(
      `select ${USER_COLUMNS} from users where username = any($1::text[])`,
      [usernames],
    );
    return rows;
  }

  async findByIds(ids: readonly string[]): Promise<UserRow[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.db.query<UserRow>(`select ${USER_COLUMNS} from users where id = any($1::uuid[])`, [
      ids,
    ]);
    return rows;
  }

  async updateProfile(
    id: string,
    changes: { display_name?: string; bio?: string; is_private?: boolean },
  ): Promise<UserRow | null> {
    const { rows } = await this.db.query<UserRow>(
      `update users set display_name = coalesce($2, display_name), bio = coalesce($3, bio),
         is_private = coalesce($4, is_private), updated_at = now()
       where id = $1 returning ${USER_COLUMNS}`,
      [id, changes.display_name ?? null, changes.bio ?? null, changes.is_private ?? null],
    );
    return rows[0] ?? null;
  }

  /** The avatar key as it is, with the row locked until the transaction ends; undefined when there is no such user. */
  async lockAvatarKey(id: string): Promise<string | null | undefined> {
    const { rows } = await this.db.query<{ avatar_key: string | null }>(
      'select avatar_key from users where id = $1 for update',
      [id],
    );
    return rows[0] ? rows[0].avatar_key : undefined;
  }

  async setAvatarKey(id: string, key: string | null): Promise<UserRow | null> {
    const { rows } = await this.db.query<UserRow>(
      `update users set avatar_key = $2, updated_at = now() where id = $1 returning ${USER_COLUMNS}`,
      [id, key],
    );
    return rows[0] ?? null;
  }

  async listAfter(afterId: string | null, limit: number): Promise<UserRow[]> {
    const { rows } = await this.db.query<UserRow>(
      `select ${USER_COLUMNS} from users where $1::uuid is null or id > $1::uuid order by id limit $2`,
      [afterId, limit],
    );
    return rows;
  }

  async countUsers(): Promise<number> {
    const { rows } = await this.db.query<{ count: string }>('select count(*) as count from users');
    return Number(rows[0]?.count ?? 0);
  }

  async insertRefreshToken(row: Omit<RefreshTokenRow, 'rotated_at' | 'revoked_at' | 'replaced_by'>): Promise<void> {
    await this.db.query(
      'insert into refresh_tokens (id, family_id, user_id, secret_hash, expires_at) values ($1, $2, $3, $4, $5)',
      [row.id, row.family_id, row.user_id, row.secret_hash, row.expires_at],
    );
  }

  /** The row, locked until the transaction ends, so two refreshes of one token take turns (on every node). */
  async lockRefreshToken(id: string, graceMs: number): Promise<LockedRefreshToken | null> {
    const { rows } = await this.db.query<LockedRefreshToken>(
      `select id, family_id, user_id, secret_hash, expires_at, rotated_at, revoked_at, replaced_by,
         coalesce(rotated_at > now() - $2 * interval '1 millisecond', false) as rotated_within_grace
       from refresh_tokens where id = $1 for update`,
      [id, graceMs],
    );
    return rows[0] ?? null;
  }

  async findRefreshToken(id: string): Promise<RefreshTokenRow | null> {
    const { rows } = await this.db.query<RefreshTokenRow>(
      `select id, family_id, user_id, secret_hash, expires_at, rotated_at, revoked_at, replaced_by
       from refresh_tokens where id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async markRotated(id: string, replacedBy: string): Promise<void> {
    await this.db.query('update refresh_tokens set rotated_at = now(), replaced_by = $2 where id = $1', [
      id,
      replacedBy,
    ]);
  }

  async insertSecurityEvent(
    event: Pick<SecurityEventRow, 'user_id' | 'type' | 'address' | 'failed_attempts' | 'locked_until'>,
  ): Promise<void> {
    await this.db.query(
      `insert into security_events (user_id, type, address, failed_attempts, locked_until)
       values ($1, $2, $3, $4, $5)`,
      [event.user_id, event.type, event.address, event.failed_attempts, event.locked_until],
    );
  }

  /** The account's newest events first. */
  async listSecurityEvents(userId: string, limit: number): Promise<SecurityEventRow[]> {
    const { rows } = await this.db.query<SecurityEventRow>(
      `select id::text as id, user_id, type, address, failed_attempts, locked_until, created_at
       from security_events where user_id = $1 order by id desc limit $2`,
      [userId, limit],
    );
    return rows;
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.db.query('update refresh_tokens set revoked_at = now() where family_id = $1 and revoked_at is null', [
      familyId,
    ]);
  }
}

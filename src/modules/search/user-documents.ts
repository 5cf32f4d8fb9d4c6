import { SqlStore } from '../../platform/db/sql-store.ts';
import { lockDocument } from './document-locks.ts';
import { addToVocabulary } from './vocabulary.ts';

export interface IndexedProfile {
  id: string;
  username: string;
  displayName: string;
  bio: string;
  isPrivate: boolean;
}

/** Index documents of accounts: the newest profile event wins; counts move with follows and likes. */
export class UserDocuments extends SqlStore {
  /** UserRegistered / ProfileUpdated (the whole profile) as of `at` (ISO); an older one than applied is ignored. */
  async profile(at: string, profile: IndexedProfile): Promise<void> {
    await lockDocument(this.db, 'account', profile.id);
    const applied = await this.db.query(
      `insert into search_users as u (id, username, display_name, bio, is_private, profile_at, document)
       values ($1, $2, $3, $4, $5, $6, search_user_document($2, $3, $4))
       on conflict (id) do update set username = excluded.username, display_name = excluded.display_name,
         bio = excluded.bio, is_private = excluded.is_private, profile_at = excluded.profile_at,
         document = excluded.document
       where u.profile_at <= excluded.profile_at`,
      [profile.id, profile.username, profile.displayName, profile.bio, profile.isPrivate, at],
    );
    if (applied.rowCount === 0) return;
    await addToVocabulary(this.db, [profile.displayName]);
    // Sounds show their owner's username as the artist.
    await this.db.query(
      `update search_sounds set artist = $2, document = search_sound_document(title, $2)
       where owner_id = $1 and artist is distinct from $2`,
      [profile.id, profile.username],
    );
  }

  /** A rebuild: the owning modules' counts as of `at` (ISO) replace ours when larger; events before `at` no longer count. */
  async setCounts(id: string, at: string, counts: { followers: number; likes: number }): Promise<void> {
    await this.db.query(
      `update search_users set follower_count = greatest(follower_count, $2),
         likes_received = greatest(likes_received, $3), counted_from = greatest(counted_from, $4)
       where id = $1`,
      [id, counts.followers, counts.likes, at],
    );
  }

  async count(id: string, at: string, delta: { followers?: number; likes?: number }): Promise<void> {
    await this.db.query(
      `insert into search_users as u (id, follower_count, likes_received) values ($1, $2, $3)
       on conflict (id) do update set follower_count = u.follower_count + excluded.follower_count,
         likes_received = u.likes_received + excluded.likes_received
       where u.counted_from <= $4`,
      [id, delta.followers ?? 0, delta.likes ?? 0, at],
    );
  }
}

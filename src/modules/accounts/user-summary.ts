import type { Static } from 'typebox';
import type { UserSummarySchema } from '../../http/schemas.ts';
import type { PublicUser } from './service.ts';

/** An account as lists show it: beside a video, comment, sound, message or notification. */
export type UserSummary = Static<typeof UserSummarySchema>;

const DELETED = { username: 'deleted', display_name: 'Deleted account', avatar_url: null };

export function toUserSummary(user: PublicUser): UserSummary {
  return { id: user.id, username: user.username, display_name: user.display_name, avatar_url: user.avatar_url };
}

/** The account `id` as lists show it; one deleted since is shown as such under its old id. */
export function summaryOrDeleted(user: PublicUser | undefined, id: string): UserSummary {
  return user ? toUserSummary(user) : { ...DELETED, id };
}

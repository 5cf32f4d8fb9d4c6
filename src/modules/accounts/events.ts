import { type Static, Type } from 'typebox';
import { Nullable } from '../../http/schemas.ts';
import { defineEvent, EventId } from '../../platform/stream/event-contract.ts';

/** A public profile as others may see it: the whole of it, so a consumer never needs the previous one. */
const PublicProfile = Type.Object({
  user_id: EventId,
  username: Type.String(),
  display_name: Type.String(),
  bio: Type.String(),
  /** `/media/…` of the profile picture, or null; absent in events from before profile pictures. */
  avatar_url: Type.Optional(Nullable(Type.String())),
  is_private: Type.Boolean(),
});

/** Events the accounts module publishes, each in the transaction of the change it reports. */
export const AccountEvents = {
  userRegistered: defineEvent('UserRegistered', PublicProfile),
  profileUpdated: defineEvent('ProfileUpdated', PublicProfile),
} as const;

export type UserRegisteredData = Static<typeof AccountEvents.userRegistered.schema>;
export type ProfileUpdatedData = Static<typeof AccountEvents.profileUpdated.schema>;

/** Events the accounts module publishes, each in the transaction of the change it reports. `version` 1 for each. */
export const AccountEvents = {
  userRegistered: 'UserRegistered',
  profileUpdated: 'ProfileUpdated',
} as const;

/** A new account, as others may see it. */
export interface UserRegisteredData {
  user_id: string;
  username: string;
  display_name: string;
  bio: string;
  /** `/media/…` of the profile picture, or null. */
  avatar_url: string | null;
  is_private: boolean;
}

/** The whole public profile after a change, so a consumer never needs the previous one. */
export type ProfileUpdatedData = UserRegisteredData;

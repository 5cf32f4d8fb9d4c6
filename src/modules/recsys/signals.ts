/**
 * The events the recommender learns from, by type name. Some are published by modules still being written
 * (interactions, follows, moderation); the recommender subscribes to them all and reads their payloads defensively,
 * so it works whether or not they ever arrive.
 */
export const SignalEvents = {
  videoReady: 'VideoReady',
  videoPublished: 'VideoPublished',
  videoUpdated: 'VideoUpdated',
  videoRemoved: 'VideoRemoved',
  viewLogged: 'ViewLogged',
  liked: 'Liked',
  unliked: 'Unliked',
  commented: 'Commented',
  shared: 'Shared',
  saved: 'Saved',
  followed: 'Followed',
  unfollowed: 'Unfollowed',
  blocked: 'Blocked',
} as const;

export const SIGNAL_EVENT_TYPES: readonly string[] = Object.values(SignalEvents);

/** Per-user events, in the order of the shared short-term session (see user-session-store.ts). */
export const USER_SIGNAL_TYPES: readonly string[] = [
  SignalEvents.viewLogged,
  SignalEvents.liked,
  SignalEvents.unliked,
  SignalEvents.commented,
  SignalEvents.shared,
  SignalEvents.saved,
  SignalEvents.followed,
  SignalEvents.unfollowed,
  SignalEvents.blocked,
];

type Payload = Record<string, unknown>;

export function text(data: Payload, key: string): string | null {
  const value = data[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

export function number(data: Payload, key: string, fallback = 0): number {
  const value = data[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function strings(data: Payload, key: string): string[] {
  const value = data[key];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** The sound a video uses, from `sound: {id, title}` or `sound_id` (whichever the videos module settles on). */
export function soundOf(data: Payload): string | null {
  const sound = data.sound;
  if (sound && typeof sound === 'object' && typeof (sound as Payload).id === 'string')
    return (sound as Payload).id as string;
  return text(data, 'sound_id');
}

export function timeOf(data: Payload, key: string): number | null {
  const raw = text(data, key);
  if (!raw) return null;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? null : at;
}

/** The user a per-user event is about (for the shared session and page invalidation). */
export function userOf(type: string, data: Payload): string | null {
  switch (type) {
    case SignalEvents.followed:
    case SignalEvents.unfollowed:
      return text(data, 'follower_id');
    case SignalEvents.blocked:
      return text(data, 'blocker_id');
    default:
      return text(data, 'user_id');
  }
}

/**
 * A signal strong enough that the user's cached page must be recomputed: an explicit action, a full watch, or the
 * third fast skip in a row (`recentSkips` counts the skips just before this one).
 */
export function isStrongSignal(type: string, data: Payload, recentSkips: number): boolean {
  switch (type) {
    case SignalEvents.viewLogged:
      if (data.skipped === true) return recentSkips >= 2;
      return number(data, 'completion_rate') >= 0.95 || number(data, 'replay_count') > 0;
    case SignalEvents.liked:
    case SignalEvents.commented:
    case SignalEvents.shared:
    case SignalEvents.saved:
    case SignalEvents.followed:
    case SignalEvents.blocked:
      return true;
    default:
      return false;
  }
}

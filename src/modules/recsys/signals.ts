import { type EventDefinition, readEvent } from '../../platform/stream/event-contract.ts';
import type { DomainEvent } from '../../platform/stream/events.ts';
import { FollowEvents } from '../follows/events.ts';
import { InteractionEvents } from '../interactions/events.ts';
import { VideoEvents } from '../videos/events.ts';

/** Per-user events, in the order of the shared short-term session (see user-session-store.ts). */
const USER_SIGNAL_EVENTS: readonly EventDefinition[] = [
  VideoEvents.viewLogged,
  InteractionEvents.liked,
  InteractionEvents.unliked,
  InteractionEvents.commented,
  InteractionEvents.shared,
  InteractionEvents.saved,
  FollowEvents.followed,
  FollowEvents.unfollowed,
  FollowEvents.blocked,
];

export const USER_SIGNAL_TYPES: readonly string[] = USER_SIGNAL_EVENTS.map((definition) => definition.type);

/** Every event the recommender learns from: the catalogue's and the users'. */
export const SIGNAL_EVENT_TYPES: readonly string[] = [
  VideoEvents.ready.type,
  VideoEvents.published.type,
  VideoEvents.updated.type,
  VideoEvents.removed.type,
  ...USER_SIGNAL_TYPES,
];

/** Explicit actions: each one means the user's cached page must be recomputed. */
const STRONG_ACTIONS: readonly EventDefinition[] = [
  InteractionEvents.liked,
  InteractionEvents.commented,
  InteractionEvents.shared,
  InteractionEvents.saved,
  FollowEvents.followed,
  FollowEvents.blocked,
];

/** The user a per-user event is about (for the shared session and page invalidation); null for a visitor's view. */
export function userOf(event: DomainEvent): string | null {
  const follow = readEvent(FollowEvents.followed, event) ?? readEvent(FollowEvents.unfollowed, event);
  if (follow) return follow.follower_id;
  const block = readEvent(FollowEvents.blocked, event);
  if (block) return block.blocker_id;
  const action =
    readEvent(VideoEvents.viewLogged, event) ??
    readEvent(InteractionEvents.liked, event) ??
    readEvent(InteractionEvents.unliked, event) ??
    readEvent(InteractionEvents.commented, event) ??
    readEvent(InteractionEvents.shared, event) ??
    readEvent(InteractionEvents.saved, event);
  return action?.user_id ?? null;
}

/** A fast skip: a view its viewer left before it got going. */
export function isSkip(event: DomainEvent): boolean {
  return readEvent(VideoEvents.viewLogged, event)?.skipped === true;
}

/**
 * A signal strong enough that the user's cached page must be recomputed: an explicit action, a full watch, or the
 * third fast skip in a row (`recentSkips` counts the skips just before this one).
 */
export function isStrongSignal(event: DomainEvent, recentSkips: number): boolean {
  const view = readEvent(VideoEvents.viewLogged, event);
  if (view) return view.skipped ? recentSkips >= 2 : view.completion_rate >= 0.95 || view.replay_count > 0;
  return STRONG_ACTIONS.some((definition) => readEvent(definition, event) !== null);
}

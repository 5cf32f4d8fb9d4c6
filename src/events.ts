import { AccountEvents } from './modules/accounts/events.ts';
import { FollowEvents } from './modules/follows/events.ts';
import { InteractionEvents } from './modules/interactions/events.ts';
import { LiveEvents } from './modules/live/events.ts';
import { MessagingEvents } from './modules/messaging/events.ts';
import { SoundEvents } from './modules/sounds/events.ts';
import { VideoEvents } from './modules/videos/events.ts';
import type { EventDefinition } from './platform/stream/event-contract.ts';

/** The event map of every producing module, by module: the one list of what may travel on the event stream. */
export const EVENT_MAPS = {
  accounts: AccountEvents,
  follows: FollowEvents,
  interactions: InteractionEvents,
  live: LiveEvents,
  messaging: MessagingEvents,
  sounds: SoundEvents,
  videos: VideoEvents,
} as const;

export const EVENT_DEFINITIONS: readonly EventDefinition[] = Object.values(EVENT_MAPS).flatMap((map) =>
  Object.values<EventDefinition>(map),
);

/** The definition of an event type, or undefined for a type no module publishes. */
export function definitionOf(type: string): EventDefinition | undefined {
  return EVENT_DEFINITIONS.find((definition) => definition.type === type);
}

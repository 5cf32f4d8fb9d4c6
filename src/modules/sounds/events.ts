import { type Static, Type } from 'typebox';
import { Nullable } from '../../http/schemas.ts';
import { defineEvent, EventId } from '../../platform/stream/event-contract.ts';

const SoundCreated = Type.Object({
  sound_id: EventId,
  owner_id: EventId,
  /** The video it was taken from; null for a sound that came from elsewhere. */
  source_video_id: Nullable(EventId),
  title: Type.String(),
  duration_ms: Type.Number({ minimum: 0 }),
});

/** Events the sounds module publishes. */
export const SoundEvents = {
  created: defineEvent('SoundCreated', SoundCreated),
} as const;

export type SoundCreatedData = Static<typeof SoundEvents.created.schema>;

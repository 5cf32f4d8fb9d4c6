import { type Static, Type } from 'typebox';
import { defineEvent, EventId, EventTime } from '../../platform/stream/event-contract.ts';

const Visibility = Type.Union([Type.Literal('public'), Type.Literal('friends'), Type.Literal('private')]);

/** Events the live module publishes, each in the transaction of the change it reports. */
export const LiveEvents = {
  /** The publisher connected with a valid key: the stream is on air. */
  started: defineEvent(
    'LiveStarted',
    Type.Object({
      stream_id: EventId,
      host_id: EventId,
      title: Type.String(),
      visibility: Visibility,
      started_at: EventTime,
    }),
  ),
  /** The host ended the stream, or the publisher stayed away longer than the reconnect grace period. */
  ended: defineEvent(
    'LiveEnded',
    Type.Object({
      stream_id: EventId,
      host_id: EventId,
      reason: Type.Union([Type.Literal('host'), Type.Literal('silence')]),
      /** Null when it never went on air. */
      started_at: Type.Union([EventTime, Type.Null()]),
      ended_at: EventTime,
    }),
  ),
} as const;

export type LiveStartedData = Static<typeof LiveEvents.started.schema>;
export type LiveEndedData = Static<typeof LiveEvents.ended.schema>;

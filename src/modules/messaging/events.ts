import { type Static, Type } from 'typebox';
import { Nullable } from '../../http/schemas.ts';
import { defineEvent, EventId } from '../../platform/stream/event-contract.ts';

/** The text is left out on purpose: the event log is no place for private messages. */
const MessageSent = Type.Object({
  message_id: EventId,
  conversation_id: EventId,
  sender_id: EventId,
  /** Every other member. */
  recipient_ids: Type.Array(EventId),
  /** A group's title; null for a 1:1 or a group without one. */
  conversation_title: Nullable(Type.String()),
  kind: Type.Union([Type.Literal('direct'), Type.Literal('group')]),
});

/** Events the messaging module publishes, each in the transaction of the change it reports. */
export const MessagingEvents = {
  messageSent: defineEvent('MessageSent', MessageSent),
} as const;

export type MessageSentData = Static<typeof MessagingEvents.messageSent.schema>;

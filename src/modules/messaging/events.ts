/** Events the messaging module publishes, each in the transaction of the change it reports. `version` 1. */
export const MessagingEvents = {
  messageSent: 'MessageSent',
} as const;

/** The text is left out on purpose: the event log is no place for private messages. */
export interface MessageSentData {
  message_id: string;
  conversation_id: string;
  sender_id: string;
  /** Every other member. */
  recipient_ids: string[];
  /** A group's title; null for a 1:1 or a group without one. */
  conversation_title: string | null;
  kind: 'direct' | 'group';
}

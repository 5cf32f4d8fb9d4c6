import { forbidden } from '../../platform/errors.ts';

/** What messaging needs from the social graph (the follows module answers it). */
export interface SocialGraph {
  /** How `viewerId` stands with each of `userIds`: `followers` follow the viewer; blocks both ways. */
  connections(
    viewerId: string,
    userIds: readonly string[],
  ): Promise<{ followers: Set<string>; blocking: Set<string>; blockedBy: Set<string> }>;
}

export interface Recipient {
  id: string;
  is_private: boolean;
}

/**
 * Who may write to whom: a block either way ends it; a private account hears only from accounts it follows,
 * except where `hasWrittenTo` says it wrote to the sender itself (a 1:1 it took part in), so replies reach it.
 */
export async function assertMayMessage(
  graph: SocialGraph,
  senderId: string,
  recipients: readonly Recipient[],
  hasWrittenTo: (recipientId: string) => Promise<boolean> = async () => false,
): Promise<void> {
  if (recipients.length === 0) return;
  const facts = await graph.connections(
    senderId,
    recipients.map((recipient) => recipient.id),
  );
  if (recipients.some((recipient) => facts.blocking.has(recipient.id) || facts.blockedBy.has(recipient.id))) {
    throw forbidden('MESSAGING_BLOCKED', 'You cannot message this account.');
  }
  for (const recipient of recipients) {
    if (!recipient.is_private || facts.followers.has(recipient.id)) continue;
    if (await hasWrittenTo(recipient.id)) continue;
    throw forbidden(
      'MESSAGING_NOT_ALLOWED',
      'This account is private: it accepts messages only from accounts it follows.',
    );
  }
}

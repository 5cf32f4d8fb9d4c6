import type { Static } from 'typebox';
import type { PublicUser } from '../accounts/service.ts';
import { summaryOrDeleted, type UserSummary } from '../accounts/user-summary.ts';
import type { VideoResponse } from '../videos/presenter.ts';
import type { ConversationSchema, MessageSchema } from './schemas.ts';
import type { ConversationRow, MemberRow, MessageRow } from './store.ts';

export type MessageResponse = Static<typeof MessageSchema>;

export type ConversationResponse = Static<typeof ConversationSchema>;

/** What presenting a set of messages needs, fetched once for all of them. */
export interface MessageContext {
  users: Map<string, PublicUser>;
  videos: Map<string, VideoResponse>;
  members: readonly MemberRow[];
}

function summary(users: Map<string, PublicUser>, id: string): UserSummary {
  return summaryOrDeleted(users.get(id), id);
}

export function toMessageResponse(row: MessageRow, context: MessageContext): MessageResponse {
  const seq = BigInt(row.seq);
  return {
    id: row.id,
    conversation_id: row.conversation_id,
    sender: summary(context.users, row.sender_id),
    text: row.text,
    video_id: row.video_id,
    video: row.video_id ? (context.videos.get(row.video_id) ?? null) : null,
    read_by: context.members
      .filter(
        (member) =>
          member.conversation_id === row.conversation_id &&
          member.user_id !== row.sender_id &&
          BigInt(member.last_read_seq) >= seq,
      )
      .map((member) => member.user_id),
    created_at: new Date(row.created_at).toISOString(),
  };
}

export function toConversationResponse(
  row: ConversationRow,
  context: MessageContext,
  lastMessage: MessageRow | null,
  unreadCount: number,
): ConversationResponse {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    members: context.members
      .filter((member) => member.conversation_id === row.id)
      .map((member) => summary(context.users, member.user_id)),
    last_message: lastMessage ? toMessageResponse(lastMessage, context) : null,
    unread_count: unreadCount,
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
  };
}

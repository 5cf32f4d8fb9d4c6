import { Type } from 'typebox';
import { Nullable, PageSchema, UserSummarySchema } from '../../http/schemas.ts';
import { VideoSchema } from '../videos/schemas.ts';

export const MessageSchema = Type.Object({
  id: Type.String(),
  conversation_id: Type.String(),
  sender: UserSummarySchema,
  text: Nullable(Type.String()),
  video_id: Nullable(Type.String()),
  video: Nullable(VideoSchema, { description: 'The shared video as GET /v1/videos/{id} shows it to you, or null.' }),
  read_by: Type.Array(Type.String(), { description: 'Other members who have read up to this message.' }),
  created_at: Type.String(),
});

export const ConversationSchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('direct'), Type.Literal('group')]),
  title: Nullable(Type.String()),
  members: Type.Array(UserSummarySchema),
  last_message: Nullable(MessageSchema),
  unread_count: Type.Integer(),
  created_at: Type.String(),
  updated_at: Type.String(),
});

export const ConversationPageSchema = PageSchema('conversations', ConversationSchema);

export const MessagePageSchema = PageSchema('messages', MessageSchema);

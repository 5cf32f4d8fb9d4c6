import { Type } from 'typebox';

export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const UserSummarySchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  display_name: Type.String(),
  avatar_url: Nullable(Type.String()),
});

export const NotificationSchema = Type.Object({
  id: Type.String(),
  type: Type.String(),
  actors: Type.Array(UserSummarySchema),
  actor_count: Type.Integer(),
  video_id: Nullable(Type.String()),
  comment_id: Nullable(Type.String()),
  text: Nullable(Type.String()),
  message: Type.String(),
  read: Type.Boolean(),
  created_at: Type.String(),
  updated_at: Type.String(),
});

export const PreferencesSchema = Type.Object({
  likes: Type.Boolean(),
  comments: Type.Boolean(),
  follows: Type.Boolean(),
  mentions: Type.Boolean(),
  messages: Type.Boolean(),
});

export const UnreadCountSchema = Type.Object({ unread_count: Type.Integer() });

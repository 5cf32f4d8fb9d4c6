import { Type } from 'typebox';
import { Nullable, PageSchema, UserSummarySchema } from '../../http/schemas.ts';
import { NOTIFICATION_TYPES } from './intents.ts';

export const NotificationSchema = Type.Object({
  id: Type.String(),
  type: Type.Enum(NOTIFICATION_TYPES),
  actors: Type.Array(UserSummarySchema, { description: 'The most recent few actors, newest first.' }),
  actor_count: Type.Integer(),
  video_id: Nullable(Type.String()),
  comment_id: Nullable(Type.String()),
  stream_id: Nullable(Type.String(), { description: 'The live stream a `live` notification opens.' }),
  text: Nullable(Type.String()),
  message: Type.String({ description: 'The sentence to show, e.g. "ann and 12 others liked your video".' }),
  read: Type.Boolean(),
  created_at: Type.String(),
  updated_at: Type.String(),
});

export const NotificationPageSchema = Type.Object({
  ...PageSchema('notifications', NotificationSchema).properties,
  unread_count: Type.Integer(),
});

export const PreferencesSchema = Type.Object({
  likes: Type.Boolean(),
  comments: Type.Boolean(),
  follows: Type.Boolean(),
  mentions: Type.Boolean(),
  messages: Type.Boolean({ description: 'Web Push of direct messages.' }),
  live: Type.Boolean({ description: 'Someone you follow went live.' }),
});

export const UnreadCountSchema = Type.Object({ unread_count: Type.Integer() });

export const VapidKeySchema = Type.Object({ public_key: Type.String() });

export const PushSubscribedSchema = Type.Object({ endpoint: Type.String() });

import { Type } from 'typebox';
import { Nullable, PageSchema, UserSummarySchema } from '../../http/schemas.ts';

export const CommentSchema = Type.Object({
  id: Type.String(),
  video_id: Type.String(),
  parent_id: Nullable(Type.String()),
  user: UserSummarySchema,
  content: Type.String(),
  mentions: Type.Array(Type.String()),
  like_count: Type.Integer(),
  reply_count: Type.Integer(),
  viewer: Type.Optional(
    Type.Object(
      { liked: Type.Boolean() },
      { description: 'Whether the signed-in viewer liked it; absent for visitors.' },
    ),
  ),
  created_at: Type.String(),
});

export const CommentPageSchema = PageSchema('comments', CommentSchema);

export const LikeStateSchema = Type.Object({ liked: Type.Boolean(), like_count: Type.Integer() });

export const SaveStateSchema = Type.Object({ saved: Type.Boolean(), save_count: Type.Integer() });

export const ShareSchema = Type.Object({ share_url: Type.String(), share_count: Type.Integer() });

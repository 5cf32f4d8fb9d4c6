import { Type } from 'typebox';
import { Nullable, UserSummarySchema } from '../../http/schemas.ts';

export const SoundSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  duration_ms: Type.Integer(),
  owner: UserSummarySchema,
  audio_url: Type.String(),
  video_count: Type.Integer(),
  source_video_id: Nullable(Type.String()),
  created_at: Type.String(),
});

import { Type } from 'typebox';
import { Nullable, UserSummarySchema } from '../../http/schemas.ts';

export const VideoStatusSchema = Type.Union([
  Type.Literal('uploading'),
  Type.Literal('processing'),
  Type.Literal('ready'),
  Type.Literal('failed'),
  Type.Literal('removed'),
]);

export const VisibilitySchema = Type.Union([Type.Literal('public'), Type.Literal('friends'), Type.Literal('private')]);

export const VideoThumbnailsSchema = Type.Object({
  poster: Type.String(),
  preview: Nullable(Type.String({ description: 'A few seconds as an animated WebP, ~240 px wide.' })),
  sprite_vtt: Nullable(
    Type.String({ description: 'WebVTT mapping times to tiles of the scrub sprite (`#xywh=` fragments).' }),
  ),
});

export const VideoSchema = Type.Object({
  id: Type.String(),
  status: VideoStatusSchema,
  visibility: VisibilitySchema,
  progress: Type.Integer({ minimum: 0, maximum: 100 }),
  error: Nullable(Type.Object({ code: Type.String(), message: Type.String() })),
  duration_ms: Nullable(Type.Integer()),
  width: Nullable(Type.Integer()),
  height: Nullable(Type.Integer()),
  author: UserSummarySchema,
  caption: Type.String(),
  hashtags: Type.Array(Type.String()),
  stats: Type.Object({
    views: Type.Integer(),
    likes: Type.Integer(),
    comments: Type.Integer(),
    shares: Type.Integer(),
    saves: Type.Integer(),
  }),
  viewer: Type.Optional(
    Type.Object(
      { liked: Type.Boolean(), saved: Type.Boolean() },
      { description: 'What the signed-in viewer did to it; absent for visitors.' },
    ),
  ),
  playback_urls: Nullable(Type.Object({ hls: Type.String() })),
  thumbnails: Nullable(VideoThumbnailsSchema),
  allow_download: Type.Boolean(),
  download_url: Nullable(
    Type.String({ description: 'A progressive MP4 (720p or less) when the author allows downloads.' }),
  ),
  sound: Nullable(Type.Object({ id: Type.String(), title: Type.String() })),
  publish_at: Nullable(
    Type.String({ description: 'When others may see it (a scheduled video is ready before); null until known.' }),
  ),
  created_at: Type.String(),
});

export const VideoPageSchema = Type.Object({
  videos: Type.Array(VideoSchema),
  cursor: Nullable(Type.String()),
  has_more: Type.Boolean(),
});

/**
 * `POST /v1/videos`: a multipart upload brought its bytes and is processing; a resumable one (JSON) waits for them
 * at `upload_url` (tus) until `upload_expires_at`.
 */
export const UploadAcceptedSchema = Type.Object({
  video_id: Type.String(),
  status: Type.Literal('processing'),
  upload_url: Type.Null(),
  estimated_processing_time_seconds: Type.Integer(),
});

export const ResumableUploadStartedSchema = Type.Object({
  video_id: Type.String(),
  status: Type.Literal('uploading'),
  upload_url: Type.String(),
  upload_expires_at: Type.String(),
  estimated_processing_time_seconds: Type.Integer(),
});

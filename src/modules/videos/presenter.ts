import type { Static } from 'typebox';
import type { UserSummarySchema } from '../../http/schemas.ts';
import type { PublicUser } from '../accounts/service.ts';
import { type MediaLink, videoMediaFields } from './media-fields.ts';
import type { VideoSchema } from './schemas.ts';
import type { VideoSocialStats } from './stats.ts';
import type { VideoRow } from './store.ts';

export type VideoAuthor = Static<typeof UserSummarySchema>;
export type VideoResponse = Static<typeof VideoSchema>;

export { mediaUrl } from './media-fields.ts';

const MISSING_AUTHOR: VideoAuthor = { id: '', username: 'deleted', display_name: 'Deleted account', avatar_url: null };

export function toVideoResponse(
  row: VideoRow,
  author: PublicUser | undefined,
  social: VideoSocialStats | undefined,
  soundTitle: string | undefined,
  mediaLink: MediaLink,
): VideoResponse {
  return {
    id: row.id,
    status: row.status,
    visibility: row.visibility,
    progress: Math.round(row.progress),
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
    duration_ms: row.duration_ms,
    width: row.width,
    height: row.height,
    author: author
      ? { id: author.id, username: author.username, display_name: author.display_name, avatar_url: author.avatar_url }
      : { ...MISSING_AUTHOR, id: row.author_id },
    caption: row.caption,
    hashtags: row.hashtags,
    stats: {
      views: Number(row.view_count),
      likes: social?.counts.likes ?? Number(row.like_count),
      comments: social?.counts.comments ?? Number(row.comment_count),
      shares: social?.counts.shares ?? Number(row.share_count),
      saves: social?.counts.saves ?? 0,
    },
    ...(social?.viewer ? { viewer: social.viewer } : {}),
    ...videoMediaFields(row, soundTitle, mediaLink),
    created_at: new Date(row.created_at).toISOString(),
  };
}

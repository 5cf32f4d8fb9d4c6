import type { Static } from 'typebox';
import type { UserSummarySchema } from '../../http/schemas.ts';
import type { PublicUser } from '../accounts/service.ts';
import { summaryOrDeleted } from '../accounts/user-summary.ts';
import type { MediaUrlSigner } from '../media/signed-urls.ts';
import { type MediaLink, mediaUrl, videoMediaFields } from './media-fields.ts';
import type { VideoSchema } from './schemas.ts';
import type { VideoSocialStats, VideoStatsProvider } from './stats.ts';
import type { VideoRow } from './store.ts';

export type VideoAuthor = Static<typeof UserSummarySchema>;
export type VideoResponse = Static<typeof VideoSchema>;

const NO_ENGAGEMENT = { likes: 0, comments: 0, shares: 0, saves: 0 };

/** What a video's JSON shows from other modules: authors (accounts) and sound titles (sounds). */
export interface VideoAuthors {
  getUsers(ids: readonly string[]): Promise<Map<string, PublicUser>>;
}
export interface SoundTitles {
  titles(ids: readonly string[]): Promise<Map<string, string>>;
}

/** Which of the rows a signed-out visitor may see: their media links are plain, the others signed. */
export interface OpenVideos {
  openToVisitors(rows: readonly VideoRow[]): Promise<Set<string>>;
}

/** Videos as the API shows them: the one place that joins a video with its author, counts, sound and media links. */
export class VideoPresenter {
  readonly #accounts: VideoAuthors;
  readonly #sounds: SoundTitles;
  readonly #stats: VideoStatsProvider;
  readonly #open: OpenVideos;
  readonly #signedLink: MediaLink;

  constructor(deps: {
    accounts: VideoAuthors;
    sounds: SoundTitles;
    /** Engagement counts and what the viewer did (the interactions module). */
    stats: VideoStatsProvider;
    access: OpenVideos;
    mediaSigner: MediaUrlSigner;
  }) {
    this.#accounts = deps.accounts;
    this.#sounds = deps.sounds;
    this.#stats = deps.stats;
    this.#open = deps.access;
    this.#signedLink = (key) => deps.mediaSigner.signedUrl(key);
  }

  /** The rows as `viewerId` sees them, in the order given; the caller has checked that they may. */
  async present(rows: readonly VideoRow[], viewerId: string | null): Promise<VideoResponse[]> {
    const ids = rows.map((row) => row.id);
    const soundIds = rows.flatMap((row) => (row.sound_id ? [row.sound_id] : []));
    const [authors, social, soundTitles, open] = await Promise.all([
      this.#accounts.getUsers(rows.map((row) => row.author_id)),
      ids.length > 0 ? this.#stats.statsFor(ids, viewerId) : null,
      soundIds.length > 0 ? this.#sounds.titles(soundIds) : null,
      this.#open.openToVisitors(rows),
    ]);
    return rows.map((row) =>
      toVideoResponse(
        row,
        authors.get(row.author_id),
        social?.get(row.id),
        row.sound_id ? soundTitles?.get(row.sound_id) : undefined,
        open.has(row.id) ? mediaUrl : this.#signedLink,
      ),
    );
  }
}

export function toVideoResponse(
  row: VideoRow,
  author: PublicUser | undefined,
  social: VideoSocialStats | undefined,
  soundTitle: string | undefined,
  mediaLink: MediaLink,
): VideoResponse {
  const counts = social?.counts ?? NO_ENGAGEMENT;
  return {
    id: row.id,
    status: row.status,
    visibility: row.visibility,
    progress: Math.round(row.progress),
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
    duration_ms: row.duration_ms,
    width: row.width,
    height: row.height,
    author: summaryOrDeleted(author, row.author_id),
    caption: row.caption,
    hashtags: row.hashtags,
    stats: {
      views: Number(row.view_count),
      likes: counts.likes,
      comments: counts.comments,
      shares: counts.shares,
      saves: counts.saves,
    },
    ...(social?.viewer ? { viewer: social.viewer } : {}),
    ...videoMediaFields(row, soundTitle, mediaLink),
    created_at: new Date(row.created_at).toISOString(),
  };
}

import type { Database } from '../../platform/db/database.ts';
import { type MediaUrlSigner, mediaRendition } from '../media/signed-urls.ts';
import { type AudiencePolicy, type AuthorAudience, canSeeVideo, visibleVisibilities } from './audience.ts';
import { type MediaAudience, mediaUrl } from './media-fields.ts';
import { type VideoRow, VideoStore } from './store.ts';

/** A video another module acts on (like, comment, share): who made it and whether the viewer may see it. */
export interface VideoTarget {
  id: string;
  author_id: string;
  /** Ready and visible to the viewer. */
  available: boolean;
  /** The author blocked the viewer. */
  blockedByAuthor: boolean;
  /** The progressive MP4, when its author allows downloads and processing made one. */
  download: { allowed: boolean; key: string | null };
}

/**
 * Who may see which video, answered from the videos table and the social graph (audience.ts holds the rules): for
 * the modules that act on videos (interactions, sounds, media serving, profiles) and for the videos' own lists.
 */
export class VideoAccess {
  readonly #store: VideoStore;
  readonly #audience: AudiencePolicy;
  readonly #signer: MediaUrlSigner;

  constructor(deps: {
    db: Database;
    /** Private accounts, blocks and friends (the follows module). */
    audience: AudiencePolicy;
    /** Signs the media URLs of videos that are not open to every visitor. */
    mediaSigner: MediaUrlSigner;
  }) {
    this.#store = new VideoStore(deps.db);
    this.#audience = deps.audience;
    this.#signer = deps.mediaSigner;
  }

  /** A video to act on; null when it does not exist or was removed. */
  async target(id: string, viewerId: string | null): Promise<VideoTarget | null> {
    const row = await this.#store.find(id);
    if (!row || row.status === 'removed') return null;
    const audience = row.author_id === viewerId ? undefined : await this.authorAudience(viewerId, row.author_id);
    return {
      id: row.id,
      author_id: row.author_id,
      available: row.status === 'ready' && canSeeVideo(row, viewerId, audience, new Date()),
      blockedByAuthor: audience?.blockedByAuthor ?? false,
      download: { allowed: row.allow_download, key: row.download_key },
    };
  }

  /** What the social graph says about the viewer (null: a visitor) and one author. */
  async authorAudience(viewerId: string | null, authorId: string): Promise<AuthorAudience | undefined> {
    return (await this.#audience.audience(viewerId, [authorId])).get(authorId);
  }

  /** The ids of the rows the viewer may see. */
  async visibleIds(rows: readonly VideoRow[], viewerId: string | null): Promise<Set<string>> {
    const others = rows.filter((row) => row.author_id !== viewerId).map((row) => row.author_id);
    const audiences = others.length > 0 ? await this.#audience.audience(viewerId, others) : new Map();
    const now = new Date();
    return new Set(
      rows.filter((row) => canSeeVideo(row, viewerId, audiences.get(row.author_id), now)).map((row) => row.id),
    );
  }

  async canSee(row: VideoRow, viewerId: string | null): Promise<boolean> {
    return (await this.visibleIds([row], viewerId)).has(row.id);
  }

  /** The videos a signed-out visitor may see: their media is served to anyone, unsigned. */
  openToVisitors(rows: readonly VideoRow[]): Promise<Set<string>> {
    return this.visibleIds(
      rows.filter((row) => row.status === 'ready' && row.visibility === 'public'),
      null,
    );
  }

  /** How many ready videos of the author the viewer may see: the count on a profile. */
  async countVisibleByAuthor(authorId: string, viewerId: string | null): Promise<number> {
    if (authorId === viewerId) return this.#store.countReadyByAuthor(authorId, null);
    const visibilities = visibleVisibilities(await this.authorAudience(viewerId, authorId));
    return visibilities.length === 0 ? 0 : this.#store.countReadyByAuthor(authorId, visibilities);
  }

  /** Who may fetch the video's files (see MediaAudience); null when it does not exist or was removed. */
  async mediaAudience(id: string): Promise<MediaAudience | null> {
    const row = await this.#store.find(id);
    if (!row || row.status === 'removed') return null;
    return (await this.openToVisitors([row])).has(id) ? 'open' : 'signed';
  }

  /** The URL to send a viewer to for a file of a video (the download redirect): signed unless the video is open. */
  async mediaLink(key: string): Promise<string> {
    const rendition = mediaRendition(key);
    const audience = rendition ? await this.mediaAudience(rendition.videoId) : 'open';
    return audience === 'open' ? mediaUrl(key) : this.#signer.signedUrl(key);
  }
}

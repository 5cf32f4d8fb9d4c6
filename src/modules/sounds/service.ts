import { createHash } from 'node:crypto';
import type { Static } from 'typebox';
import type { UserSummarySchema } from '../../http/schemas.ts';
import type { Database } from '../../platform/db/database.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import { createEvent, type EventStream } from '../../platform/stream/events.ts';
import type { AccountService, PublicUser } from '../accounts/service.ts';
import { summaryOrDeleted } from '../accounts/user-summary.ts';
import { type SoundCreatedData, SoundEvents } from './events.ts';
import type { SoundSchema } from './schemas.ts';
import { type SoundRow, SoundStore } from './store.ts';

export type SoundOwner = Static<typeof UserSummarySchema>;
export type SoundResponse = Static<typeof SoundSchema>;

export interface OriginalSound {
  videoId: string;
  ownerId: string;
  durationMs: number;
  /** Where the processing run stored the extracted audio. */
  audioKey: string;
}

/**
 * The id of the original sound of a video: the same for every processing run of that video, so a retried run
 * finds the sound an earlier run created instead of making a second one.
 */
export function originalSoundId(videoId: string): string {
  const bytes = createHash('sha256').update(`looply:original-sound:${videoId}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80; // UUID version 8: made by us, not random
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** What sounds need from the videos module: whether a video's media is open to every visitor. */
export interface SourceVideos {
  /** 'open' when every visitor may see the video; null when it is gone. */
  mediaAudience(videoId: string): Promise<'open' | 'signed' | null>;
}

/**
 * Sounds: the audio of a video, extracted once, that other uploads can reuse. An original sound is only as open as
 * its video: while that video is not open to every visitor (private, friends-only, scheduled, a private account's),
 * only the sound's owner sees it and may reuse it, and its audio file is not served.
 */
export class SoundService {
  readonly #db: Database;
  readonly #store: SoundStore;
  readonly #events: EventStream;
  readonly #accounts: AccountService;
  readonly #videos: SourceVideos;

  constructor(deps: { db: Database; events: EventStream; accounts: AccountService; videos: SourceVideos }) {
    this.#db = deps.db;
    this.#store = new SoundStore(deps.db);
    this.#events = deps.events;
    this.#accounts = deps.accounts;
    this.#videos = deps.videos;
  }

  /** True when everyone may hear and reuse the sound: it has no source video, or that video is open. */
  async isOpen(id: string): Promise<boolean> {
    const row = await this.#store.find(id);
    return row !== null && row !== undefined && (await this.#rowIsOpen(row));
  }

  async #rowIsOpen(row: SoundRow): Promise<boolean> {
    return row.source_video_id === null || (await this.#videos.mediaAudience(row.source_video_id)) === 'open';
  }

  /** The sound as `viewerId` may see it: 404 for others while its source video is not open. */
  async get(id: string, viewerId: string | null = null): Promise<SoundResponse> {
    const row = await this.#store.find(id);
    if (!row || (row.owner_id !== viewerId && !(await this.#rowIsOpen(row)))) {
      throw notFound('SOUND_NOT_FOUND', 'That sound does not exist.');
    }
    const owners = await this.#accounts.getUsers([row.owner_id]);
    return toSoundResponse(row, owners.get(row.owner_id));
  }

  /** For an upload by `uploaderId` that names a sound: 400 SOUND_NOT_FOUND when there is none they may use. */
  async requireForReuse(id: string, uploaderId: string): Promise<void> {
    const row = await this.#store.find(id);
    if (!row || (row.owner_id !== uploaderId && !(await this.#rowIsOpen(row)))) {
      throw badRequest('SOUND_NOT_FOUND', 'The sound chosen for this video does not exist.');
    }
  }

  /** The blob key of a sound's audio, or null when the sound does not exist (any more). */
  async audioKey(id: string): Promise<string | null> {
    return (await this.#store.find(id))?.audio_key ?? null;
  }

  async titles(ids: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.#store.findMany(ids);
    return new Map(rows.map((row) => [row.id, row.title]));
  }

  /**
   * The sound extracted from a video, titled "original sound - <username>", with its SoundCreated event.
   * Idempotent: when an earlier run already created it, that sound (and its audio) is kept and returned.
   */
  async createOriginalSound(sound: OriginalSound): Promise<{ id: string; audioKey: string; created: boolean }> {
    const id = originalSoundId(sound.videoId);
    const owner = (await this.#accounts.getUsers([sound.ownerId])).get(sound.ownerId);
    const title = `original sound - ${owner?.username ?? 'unknown'}`;
    const created = await this.#db.transaction(async (tx) => {
      const inserted = await new SoundStore(tx).insertIfAbsent({
        id,
        owner_id: sound.ownerId,
        source_video_id: sound.videoId,
        title,
        duration_ms: sound.durationMs,
        audio_key: sound.audioKey,
      });
      if (inserted) {
        const data: SoundCreatedData = {
          sound_id: id,
          owner_id: sound.ownerId,
          source_video_id: sound.videoId,
          title,
          duration_ms: sound.durationMs,
        };
        await this.#events.publish(createEvent(SoundEvents.created, data), tx);
      }
      return inserted;
    });
    if (created) return { id, audioKey: sound.audioKey, created };
    const existing = await this.#store.find(id);
    return { id, audioKey: existing?.audio_key ?? sound.audioKey, created };
  }

  /** Points a sound at another copy of its audio, when the file it named was lost. */
  async replaceAudio(id: string, audioKey: string): Promise<void> {
    await this.#store.setAudioKey(id, audioKey);
  }

  /** Counts a video among the sound's uses; once per video. */
  async recordUse(soundId: string, videoId: string): Promise<void> {
    await this.#store.recordUse(soundId, videoId);
  }
}

function toSoundResponse(row: SoundRow, owner: PublicUser | undefined): SoundResponse {
  return {
    id: row.id,
    title: row.title,
    duration_ms: row.duration_ms,
    owner: summaryOrDeleted(owner, row.owner_id),
    audio_url: `/media/${row.audio_key}`,
    video_count: Number(row.video_count),
    source_video_id: row.source_video_id,
    created_at: new Date(row.created_at).toISOString(),
  };
}

import { SqlStore } from '../../platform/db/sql-store.ts';
import { lockDocument } from './document-locks.ts';
import { VideoDocuments } from './video-documents.ts';
import { addToVocabulary } from './vocabulary.ts';

export interface IndexedSound {
  id: string;
  title: string;
  ownerId: string;
  durationMs: number | null;
  /** The video whose audio it is (its openness follows that video's, see sound-openness.ts); null for none. */
  sourceVideoId: string | null;
}

/** Index documents of sounds: title and artist (the owner's username) are searched; totals come from videos. */
export class SoundDocuments extends SqlStore {
  /** SoundCreated. Videos are written before the sound's row: the lock order of every handler (document-locks.ts). */
  async created(sound: IndexedSound): Promise<void> {
    await lockDocument(this.db, 'account', sound.ownerId);
    await lockDocument(this.db, 'sound', sound.id);
    await new VideoDocuments(this.db).soundNamed(sound.id, sound.title);
    await this.db.query(
      `insert into search_sounds as s
         (id, title, owner_id, duration_ms, artist, document, source_video_id, source_known)
       select $1, $2, $3, $4, owner.artist, search_sound_document($2, owner.artist), $5, true
       from (select coalesce((select username from search_users where id = $3), '') as artist) owner
       on conflict (id) do update set title = excluded.title, owner_id = excluded.owner_id,
         duration_ms = excluded.duration_ms, artist = excluded.artist, document = excluded.document,
         source_video_id = excluded.source_video_id, source_known = true`,
      [sound.id, sound.title, sound.ownerId, sound.durationMs, sound.sourceVideoId],
    );
    await addToVocabulary(this.db, [sound.title]);
  }
}

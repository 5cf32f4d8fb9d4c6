import { SqlStore } from '../../platform/db/sql-store.ts';

export interface SoundRow {
  id: string;
  owner_id: string;
  source_video_id: string | null;
  title: string;
  duration_ms: number;
  audio_key: string;
  created_at: Date;
  video_count: string | number;
}

const COLUMNS = `id, owner_id, source_video_id, title, duration_ms, audio_key, created_at,
  (select count(*) from sound_uses u where u.sound_id = sounds.id) as video_count`;

/** Data access for the sounds and sound_uses tables; no decisions here. */
export class SoundStore extends SqlStore {
  /** False when a sound with this id already exists (it is left as it is). */
  async insertIfAbsent(sound: Omit<SoundRow, 'created_at' | 'video_count'>): Promise<boolean> {
    const result = await this.db.query(
      `insert into sounds (id, owner_id, source_video_id, title, duration_ms, audio_key)
       values ($1, $2, $3, $4, $5, $6) on conflict do nothing`,
      [sound.id, sound.owner_id, sound.source_video_id, sound.title, sound.duration_ms, sound.audio_key],
    );
    return result.rowCount === 1;
  }

  async find(id: string): Promise<SoundRow | null> {
    const { rows } = await this.db.query<SoundRow>(`select ${COLUMNS} from sounds where id = $1`, [id]);
    return rows[0] ?? null;
  }

  async findMany(ids: readonly string[]): Promise<SoundRow[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.db.query<SoundRow>(`select ${COLUMNS} from sounds where id = any($1::uuid[])`, [
      [...new Set(ids)],
    ]);
    return rows;
  }

  async setAudioKey(id: string, audioKey: string): Promise<void> {
    await this.db.query('update sounds set audio_key = $2 where id = $1', [id, audioKey]);
  }

  async recordUse(soundId: string, videoId: string): Promise<void> {
    await this.db.query('insert into sound_uses (sound_id, video_id) values ($1, $2) on conflict do nothing', [
      soundId,
      videoId,
    ]);
  }
}

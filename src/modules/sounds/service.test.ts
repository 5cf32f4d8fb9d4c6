import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../../test/support/services.ts';
import { createEmbeddedEventStream } from '../../platform/stream/embedded-event-stream.ts';
import type { AccountService, PublicUser } from '../accounts/service.ts';
import { MediaUrlSigner } from '../media/signed-urls.ts';
import { VideoAccess } from '../videos/access.ts';
import { OPEN_AUDIENCE } from '../videos/audience.ts';
import { VideoStore } from '../videos/store.ts';
import { originalSoundId, SoundService } from './service.ts';

const owner: PublicUser = {
  id: '11111111-1111-4111-8111-111111111111',
  username: 'singer',
  display_name: 'The Singer',
  bio: '',
  avatar_url: null,
  is_private: false,
  created_at: new Date(0).toISOString(),
};
const accounts = {
  getUsers: async (ids: readonly string[]) => new Map(ids.includes(owner.id) ? [[owner.id, owner]] : []),
} as unknown as AccountService;

describe('SoundService', () => {
  let database: TestDatabase;
  let sounds: SoundService;
  const videoId = '22222222-2222-4222-8222-222222222222';

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    const { db } = database;
    // The sounds' source video, ready and public: its sound is open to everyone.
    const videos = new VideoStore(db);
    await videos.insert({
      id: videoId,
      author_id: owner.id,
      caption: '',
      hashtags: [],
      source_key: 'x',
      status: 'processing',
    });
    await videos.beginRendition(videoId, 'run');
    const rendition = { renditionId: 'run', hlsKey: 'h', posterKey: 'p', previewKey: null, spriteVttKey: null };
    const media = { downloadKey: null, soundId: null, durationMs: 15_000, width: 720, height: 1280 };
    await videos.markReady(videoId, { ...rendition, ...media }, ['processing']);
    const access = new VideoAccess({ db, audience: OPEN_AUDIENCE, mediaSigner: new MediaUrlSigner('k'.repeat(32)) });
    sounds = new SoundService({ db, events: createEmbeddedEventStream({ db }), accounts, videos: access });
  });
  afterAll(() => database.dispose());

  it('gives a video one original sound, whatever the number of runs, with one SoundCreated', async () => {
    const first = await sounds.createOriginalSound({
      videoId,
      ownerId: owner.id,
      durationMs: 15_000,
      audioKey: `sounds/${originalSoundId(videoId)}/aaaa.m4a`,
    });
    const retried = await sounds.createOriginalSound({
      videoId,
      ownerId: owner.id,
      durationMs: 15_000,
      audioKey: `sounds/${originalSoundId(videoId)}/bbbb.m4a`,
    });
    expect(first).toEqual({ id: originalSoundId(videoId), audioKey: first.audioKey, created: true });
    expect(retried).toEqual({ id: first.id, audioKey: first.audioKey, created: false });
    const { rows } = await database.db.query<{ n: string }>(
      "select count(*) as n from events where type = 'SoundCreated'",
    );
    expect(Number(rows[0]?.n)).toBe(1);
  });

  it('shows a sound with its owner, audio and the number of videos using it', async () => {
    const id = originalSoundId(videoId);
    await sounds.recordUse(id, videoId);
    await sounds.recordUse(id, videoId);
    await sounds.recordUse(id, '33333333-3333-4333-8333-333333333333');
    expect(await sounds.get(id)).toMatchObject({
      id,
      title: 'original sound - singer',
      duration_ms: 15_000,
      owner: { id: owner.id, username: 'singer', display_name: 'The Singer', avatar_url: null },
      audio_url: `/media/sounds/${id}/aaaa.m4a`,
      video_count: 2,
      source_video_id: videoId,
    });
    expect(await sounds.titles([id, id])).toEqual(new Map([[id, 'original sound - singer']]));
  });

  it('answers SOUND_NOT_FOUND: 404 to read, 400 to reuse', async () => {
    const missing = '44444444-4444-4444-8444-444444444444';
    await expect(sounds.get(missing)).rejects.toMatchObject({ status: 404, code: 'SOUND_NOT_FOUND' });
    await expect(sounds.requireForReuse(missing, owner.id)).rejects.toMatchObject({
      status: 400,
      code: 'SOUND_NOT_FOUND',
    });
    expect(await sounds.audioKey(missing)).toBeNull();
  });

  it('derives a stable UUID for a video’s original sound', () => {
    expect(originalSoundId(videoId)).toBe(originalSoundId(videoId));
    expect(originalSoundId(videoId)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(originalSoundId(owner.id)).not.toBe(originalSoundId(videoId));
  });
});

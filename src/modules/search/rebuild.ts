import type { Database } from '../../platform/db/database.ts';
import type { AccountService } from '../accounts/service.ts';
import type { SoundResponse, SoundService } from '../sounds/service.ts';
import type { VideoService } from '../videos/service.ts';
import type { FeedPosition } from '../videos/store.ts';
import { type IndexedSound, SoundDocuments } from './sound-documents.ts';
import { UserDocuments } from './user-documents.ts';
import { VideoDocuments } from './video-documents.ts';

/** Where a rebuild reads what the index derives from events: each owning module's own service. */
export interface RebuildSources {
  accounts: Pick<AccountService, 'listUsers' | 'countUsers'>;
  videos: Pick<VideoService, 'listPublicReady'>;
  sounds: Pick<SoundService, 'get'>;
  followerCount?: (userId: string) => Promise<number>;
  likesReceived?: (userId: string) => Promise<number>;
}

export interface RebuildResult {
  users: number;
  videos: number;
  sounds: number;
}

const PAGE = 200;
const STATE_KEY = 'rebuild';

const indexedSound = (sound: SoundResponse): IndexedSound => ({
  id: sound.id,
  title: sound.title,
  ownerId: sound.owner.id,
  durationMs: sound.duration_ms,
  sourceVideoId: sound.source_video_id,
});

/**
 * Rebuilds the index from the owning modules, for what the event stream no longer holds (it keeps 7 days) or never
 * held (accounts from before UserRegistered): every account, every public ready video a visitor may see, and their
 * open sounds (naming the source video their openness follows), as of the time each page is read. Documents are
 * written with that time as their version, so a newer event still wins and an older one changes nothing; counts only
 * grow to the owners' counts. Last, sounds whose source the index does not know learn it. Idempotent.
 */
export async function rebuildIndex(
  db: Database,
  sources: RebuildSources,
  options: { progress?: (done: RebuildResult) => void; signal?: AbortSignal } = {},
): Promise<RebuildResult> {
  const progress = options.progress ?? (() => {});
  const done: RebuildResult = { users: 0, videos: 0, sounds: 0 };
  let afterUser: string | null = null;
  for (;;) {
    options.signal?.throwIfAborted();
    const at = new Date().toISOString();
    const users = await sources.accounts.listUsers(afterUser, PAGE);
    if (users.length === 0) break;
    for (const user of users) {
      const [followers, likes] = await Promise.all([
        sources.followerCount?.(user.id) ?? 0,
        sources.likesReceived?.(user.id) ?? 0,
      ]);
      await db.transaction(async (tx) => {
        const documents = new UserDocuments(tx);
        await documents.profile(at, {
          id: user.id,
          username: user.username,
          displayName: user.display_name,
          bio: user.bio,
          isPrivate: user.is_private,
        });
        await documents.setCounts(user.id, at, { followers, likes });
      });
    }
    done.users += users.length;
    afterUser = users.at(-1)?.id ?? null;
    progress(done);
  }

  const soundsSeen = new Set<string>();
  let afterVideo: FeedPosition | null = null;
  do {
    options.signal?.throwIfAborted();
    const atMs = Date.now();
    const at = new Date(atMs).toISOString();
    const page = await sources.videos.listPublicReady(afterVideo, PAGE, null);
    for (const video of page.videos) {
      const soundId = video.sound?.id ?? null;
      if (soundId && !soundsSeen.has(soundId)) {
        soundsSeen.add(soundId);
        const sound = await sources.sounds.get(soundId).catch(() => null);
        if (sound) {
          await db.transaction((tx) => new SoundDocuments(tx).created(indexedSound(sound)));
          done.sounds += 1;
        }
      }
      await db.transaction(async (tx) => {
        const documents = new VideoDocuments(tx);
        const text = { caption: video.caption, hashtags: video.hashtags };
        await documents.ready(atMs, { id: video.id, authorId: video.author.id, text, soundId, due: true });
        await documents.updated(atMs, { id: video.id, authorId: video.author.id, text, visibility: video.visibility });
        await documents.setCounts(video.id, at, video.stats);
      });
    }
    done.videos += page.videos.length;
    afterVideo = page.next;
    progress(done);
  } while (afterVideo);
  done.sounds += await learnSoundSources(db, sources.sounds, options.signal);
  progress(done);
  await db.query(
    `insert into search_index_state (key, value, updated_at) values ($1, $2::jsonb, now())
     on conflict (key) do update set value = excluded.value, updated_at = now()`,
    [STATE_KEY, JSON.stringify({ state: 'done', ...done })],
  );
  return done;
}

/**
 * Sounds indexed before their documents named their source video (migration 0014) are shown to their owner only
 * until the sounds module, asked as their owner (to whom a sound is never hidden), says where they come from.
 */
async function learnSoundSources(
  db: Database,
  sounds: RebuildSources['sounds'],
  signal: AbortSignal | undefined,
): Promise<number> {
  let learnt = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    signal?.throwIfAborted();
    const { rows } = await db.query<{ id: string; owner_id: string }>(
      `select id::text, owner_id::text from search_sounds
       where title is not null and owner_id is not null and not source_known and id > $1 order by id limit $2`,
      [after, PAGE],
    );
    for (const row of rows) {
      const sound = await sounds.get(row.id, row.owner_id).catch(() => null);
      if (!sound) continue;
      await db.transaction((tx) => new SoundDocuments(tx).created(indexedSound(sound)));
      learnt += 1;
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return learnt;
    after = last.id;
  }
}

/**
 * At the first start of the index: claims the rebuild for this node when accounts exist already (an installation
 * from before search); on a fresh one there is nothing to rebuild and events fill the index. False when not needed
 * or another node has it.
 */
export async function claimFirstRebuild(db: Database, sources: RebuildSources): Promise<boolean> {
  const existing = await db.query('select 1 from search_index_state where key = $1', [STATE_KEY]);
  if (existing.rowCount > 0) return false;
  const needed = (await sources.accounts.countUsers()) > 0;
  const claimed = await db.query(
    `insert into search_index_state (key, value) values ($1, $2::jsonb) on conflict (key) do nothing`,
    [STATE_KEY, JSON.stringify({ state: needed ? 'running' : 'done' })],
  );
  return needed && claimed.rowCount === 1;
}

/** A first rebuild that did not finish (the node stopped): the next start claims it again. */
export async function releaseFirstRebuild(db: Database): Promise<void> {
  await db.query(`delete from search_index_state where key = $1 and value->>'state' = 'running'`, [STATE_KEY]);
}

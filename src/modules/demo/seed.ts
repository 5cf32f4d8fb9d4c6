import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../platform/db/database.ts';
import type { Infrastructure } from '../../platform/infrastructure.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Services } from '../../services.ts';
import type { PublicUser } from '../accounts/service.ts';
import { generateDemoClip } from '../media/demo-clip.ts';
import { missingToolsMessage } from '../media/ffmpeg-binaries.ts';
import { MediaError } from '../media/media-error.ts';
import { type DemoCreator, demoVideoSpecs } from './catalogue.ts';

export interface SeedProgress {
  phase: 'generating' | 'processing' | 'done';
  done: number;
  total: number;
}

export interface SeedOptions {
  services: Services;
  count: number;
  clipSeconds: number;
  /** Indices already seeded (a resumed seed skips them). */
  skip?: ReadonlySet<number>;
  signal?: AbortSignal;
  onProgress?: (progress: SeedProgress) => void;
  /** Called after each video is accepted, so a resumed seed knows where to go on. */
  onAccepted?: (index: number, videoId: string) => Promise<void>;
}

async function demoAccount(services: Services, creator: DemoCreator): Promise<PublicUser> {
  try {
    return await services.accounts.getUserByUsername(creator.username);
  } catch {
    const session = await services.accounts.signUp({
      username: creator.username,
      password: randomBytes(24).toString('base64url'),
    });
    return services.accounts.updateProfile(session.user.id, { display_name: creator.displayName, bio: creator.bio });
  }
}

/** Generates demo clips with ffmpeg and uploads them through the real pipeline. Returns the new video ids. */
export async function seedDemoVideos(options: SeedOptions): Promise<string[]> {
  const { services, signal } = options;
  const ffmpeg = services.media.ffmpeg;
  if (!ffmpeg) throw new MediaError('FFMPEG_NOT_FOUND', missingToolsMessage(['ffmpeg']));
  const specs = demoVideoSpecs(options.count).filter((spec) => !options.skip?.has(spec.index));
  const work = await mkdtemp(join(tmpdir(), 'looply-seed-'));
  const accounts = new Map<string, PublicUser>();
  const ids: string[] = [];
  try {
    for (const spec of specs) {
      signal?.throwIfAborted();
      options.onProgress?.({ phase: 'generating', done: ids.length, total: specs.length });
      let author = accounts.get(spec.creator.username);
      if (!author) {
        author = await demoAccount(services, spec.creator);
        accounts.set(spec.creator.username, author);
      }
      const file = join(work, `clip-${spec.index}.mp4`);
      await generateDemoClip({
        ffmpegPath: ffmpeg.path,
        outFile: file,
        title: spec.title,
        colour: spec.colour,
        durationSeconds: options.clipSeconds,
        width: 360,
        height: 640,
        seed: spec.index,
        ...(signal ? { signal } : {}),
      });
      const accepted = await services.videoLifecycle.acceptUpload({
        authorId: author.id,
        caption: spec.caption,
        hashtags: spec.hashtags,
        file,
        durationMs: options.clipSeconds * 1000,
      });
      await rm(file, { force: true });
      ids.push(accepted.video_id);
      await options.onAccepted?.(spec.index, accepted.video_id);
    }
    options.onProgress?.({ phase: 'generating', done: ids.length, total: specs.length });
    return ids;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Polls until every video is ready or failed; reports how many are done. */
export async function waitUntilProcessed(
  services: Services,
  ids: readonly string[],
  onProgress?: (progress: SeedProgress) => void,
  signal?: AbortSignal,
): Promise<{ ready: number; failed: number }> {
  for (;;) {
    signal?.throwIfAborted();
    const statuses = await Promise.all(
      ids.map(async (id) => (await services.videoLifecycle.processingSource(id))?.status ?? 'failed'),
    );
    const ready = statuses.filter((status) => status === 'ready').length;
    const failed = statuses.filter((status) => status === 'failed').length;
    onProgress?.({ phase: 'processing', done: ready + failed, total: ids.length });
    if (ready + failed === ids.length) return { ready, failed };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

interface SeedState {
  done: number[];
  finished: boolean;
}

const SEED_KEY = 'demo_seed';
export const DEFAULT_DEMO_VIDEOS = 30;
export const DEFAULT_DEMO_CLIP_SECONDS = 15;

/** The seed's saved state; a fresh installation (no accounts) claims a new one, and only one node wins it. */
async function claimSeed(db: Database, fresh: boolean): Promise<SeedState | null> {
  const { rows } = await db.query<{ value: SeedState }>('select value from platform_state where key = $1', [SEED_KEY]);
  const saved = rows[0]?.value;
  if (saved) return saved.finished ? null : saved;
  if (!fresh) return null;
  const state: SeedState = { done: [], finished: false };
  const inserted = await db.query(
    'insert into platform_state (key, value) values ($1, $2) on conflict (key) do nothing',
    [SEED_KEY, JSON.stringify(state)],
  );
  return inserted.rowCount === 1 ? state : null;
}

async function saveSeed(db: Database, state: SeedState): Promise<void> {
  await db.query('update platform_state set value = $2, updated_at = now() where key = $1', [
    SEED_KEY,
    JSON.stringify(state),
  ]);
}

/**
 * On the first start of an installation with no accounts, seeds the demo catalogue in the background so the
 * first visit shows a living feed. A seed cut short by a restart resumes where it stopped.
 */
export async function seedDemoContentOnce(deps: {
  infra: Infrastructure;
  services: Services;
  log: Logger;
  signal: AbortSignal;
}): Promise<void> {
  const { infra, services, log, signal } = deps;
  if (!services.media.ffmpeg) {
    log.warn('the demo catalogue is not seeded: it is made with ffmpeg, and there is none');
    return;
  }
  try {
    const state = await claimSeed(infra.db, (await services.accounts.countUsers()) === 0);
    if (!state) return;
    log.info({ videos: DEFAULT_DEMO_VIDEOS, alreadySeeded: state.done.length }, 'seeding the demo catalogue');
    await seedDemoVideos({
      services,
      count: DEFAULT_DEMO_VIDEOS,
      clipSeconds: DEFAULT_DEMO_CLIP_SECONDS,
      skip: new Set(state.done),
      signal,
      onAccepted: async (index) => {
        state.done.push(index);
        await saveSeed(infra.db, state);
      },
    });
    state.finished = true;
    await saveSeed(infra.db, state);
    log.info('demo catalogue uploaded; the worker is processing it');
  } catch (error) {
    if (signal.aborted) return;
    log.error({ err: error }, 'seeding the demo catalogue failed');
  }
}

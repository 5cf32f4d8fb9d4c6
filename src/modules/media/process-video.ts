import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AV1_LADDER, HLS_LADDER, HLS_SEGMENT_SECONDS } from '../../config.ts';
import type { BlobStore } from '../../platform/blob/blob-store.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Job } from '../../platform/stream/jobs.ts';
import { originalSoundId, type SoundService } from '../sounds/service.ts';
import type { VideoLifecycle } from '../videos/lifecycle.ts';
import { remuxForDownload } from './download-mp4.ts';
import { effectsFromStored, publishedDurationMs } from './effects.ts';
import { hasEncoder } from './encoders.ts';
import { startJobProgress } from './job-progress.ts';
import { MediaError } from './media-error.ts';
import { type MediaPassResult, runMediaPass } from './media-pass.ts';
import { probeMedia } from './probe.ts';
import type { ProcessVideoPayload } from './queues.ts';
import { filesUnder, newRenditionId, removeOtherRuns, renditionPrefix, storeFiles } from './rendition-storage.ts';
import { createRunDir, touchRunDir } from './run-dirs.ts';
import { composeScrubSprite } from './scrub-sprite.ts';
import { type MediaLimits, validateMedia } from './validate-media.ts';

export interface ProcessVideoDeps {
  /** The processing steps of the videos' lifecycle. */
  videos: Pick<
    VideoLifecycle,
    'processingPlan' | 'beginRendition' | 'setProgress' | 'completeProcessing' | 'failProcessing'
  >;
  sounds: SoundService;
  blobs: BlobStore;
  ffmpegPath: string;
  ffprobePath: string;
  x264Preset: string;
  limits: MediaLimits;
  /** Adds AV1 renditions when the ffmpeg has libsvtav1 too. */
  av1Enabled: boolean;
  maxAttempts: number;
  /** The queue's lease: the job heartbeats well within it. */
  leaseMs: number;
  /**
   * Where runs keep their temp files; each run gets its own folder (`run-dirs.ts`), removed before the video's
   * status changes, so a video shown as ready or failed has no files left here.
   */
  workDir: string;
  log: Logger;
}

/** Progress, in percent, at the end of each stage. */
const STAGES = { fetched: 3, probed: 5, encoded: 85, finished: 90, stored: 99 } as const;
const DOWNLOAD_MAX_SHORT_SIDE = 720;

/**
 * One job per upload: source → probe → validate → one ffmpeg pass (ladder, AV1, thumbnails, sound, effects) →
 * sprite and download MP4 → blob store under a new rendition id → ready (or failed with a code).
 * Every run writes under its own keys and only the run the video names may finish it, so a worker that died
 * mid-run (its lease expired, another took over) can neither overwrite nor finish; its leftovers are removed.
 * `signal` stops the run's ffmpeg (the worker is shutting down).
 */
export function createProcessVideoHandler(deps: ProcessVideoDeps) {
  return async (job: Job<ProcessVideoPayload>, signal?: AbortSignal): Promise<void> => {
    const videoId = job.payload.video_id;
    const log = deps.log.child({ videoId, jobId: job.id, attempt: job.attempt });
    const plan = await deps.videos.processingPlan(videoId);
    if (plan?.status !== 'processing') {
      log.info({ status: plan?.status }, 'video is not waiting for processing; job skipped');
      return;
    }
    const renditionId = newRenditionId();
    if (!(await deps.videos.beginRendition(videoId, renditionId))) return;
    const prefix = renditionPrefix(videoId, renditionId);
    const work = await createRunDir(deps.workDir);
    const removeWork = () => rm(work, { recursive: true, force: true });
    const progress = startJobProgress({
      write: (percent) => deps.videos.setProgress(videoId, percent),
      heartbeat: async () => {
        await Promise.all([job.heartbeat(), touchRunDir(work)]);
      },
      heartbeatEveryMs: Math.max(250, Math.floor(deps.leaseMs / 3)),
    });
    const timings = stageTimer();
    try {
      // What a run that died before this one left behind.
      await removeOtherRuns(deps.blobs, `videos/${videoId}/`, plan.renditionId);
      await removeOtherRuns(
        deps.blobs,
        `sounds/${originalSoundId(videoId)}/`,
        runOfAudioKey(await deps.sounds.audioKey(originalSoundId(videoId))),
      );

      const input = join(work, 'source');
      await pipeline(await deps.blobs.read(plan.sourceKey), createWriteStream(input));
      progress.set(STAGES.fetched);
      timings.lap('fetch');
      const info = await probeMedia(deps.ffprobePath, input, signal);
      const effects = effectsFromStored(plan.effects);
      validateMedia({ ...info, durationMs: publishedDurationMs(info.durationMs, effects) }, deps.limits);

      let soundFile: string | null = null;
      if (plan.soundId) {
        const audioKey = await deps.sounds.audioKey(plan.soundId);
        if (!audioKey) {
          await removeWork();
          await deps.videos.failProcessing(videoId, 'SOUND_NOT_FOUND', 'The sound chosen for this video is gone.');
          return;
        }
        soundFile = join(work, 'chosen-sound.m4a');
        await pipeline(await deps.blobs.read(audioKey), createWriteStream(soundFile));
      }
      progress.set(STAGES.probed);
      timings.lap('probe');

      const outDir = join(work, 'out');
      const av1 = deps.av1Enabled && (await hasEncoder(deps.ffmpegPath, 'libsvtav1'));
      const pass = await runMediaPass({
        ffmpegPath: deps.ffmpegPath,
        input,
        info,
        outDir,
        rungs: HLS_LADDER,
        av1Rungs: av1 ? AV1_LADDER : [],
        segmentSeconds: HLS_SEGMENT_SECONDS,
        preset: deps.x264Preset,
        effects,
        soundFile,
        extractSound: !plan.soundId,
        thumbnails: true,
        ...(signal ? { signal } : {}),
        onProgress: progress.span(STAGES.probed, STAGES.encoded),
      });
      timings.lap('pass');
      const extras = await finishExtras(deps, outDir, pass, plan.allowDownload, signal);
      progress.set(STAGES.finished);
      timings.lap('extras');

      const files = (await filesUnder(outDir)).filter((file) => file !== pass.sound);
      await storeFiles(deps.blobs, outDir, files, prefix, progress.span(STAGES.finished, STAGES.stored));

      let soundId = plan.soundId;
      if (pass.sound) {
        const audioKey = `sounds/${originalSoundId(videoId)}/${renditionId}.m4a`;
        await deps.blobs.putFile(audioKey, join(outDir, pass.sound), 'audio/mp4');
        const sound = await deps.sounds.createOriginalSound({
          videoId,
          ownerId: plan.authorId,
          durationMs: pass.durationMs,
          audioKey,
        });
        if (sound.audioKey !== audioKey) {
          // A run before this one already made the sound: its audio stays and this copy goes, unless that run's
          // file was cleaned up as a dead run's leftover before it named it (it was slow, not dead).
          if (await deps.blobs.stat(sound.audioKey)) await deps.blobs.delete(audioKey);
          else await deps.sounds.replaceAudio(sound.id, audioKey);
        }
        soundId = sound.id;
      }
      if (soundId) await deps.sounds.recordUse(soundId, videoId);
      timings.lap('store');

      await removeWork();
      const top = pass.ladder.variants.reduce((best, variant) => (variant.height > best.height ? variant : best));
      const completed = await deps.videos.completeProcessing(videoId, {
        renditionId,
        hlsKey: `${prefix}${pass.hlsDir}/${pass.ladder.masterPlaylist}`,
        posterKey: `${prefix}${pass.poster ?? 'poster.jpg'}`,
        previewKey: pass.preview ? `${prefix}${pass.preview}` : null,
        spriteVttKey: extras.spriteVtt ? `${prefix}${extras.spriteVtt}` : null,
        downloadKey: extras.download ? `${prefix}${extras.download}` : null,
        soundId,
        durationMs: pass.durationMs,
        width: top.width,
        height: top.height,
      });
      await progress.stop();
      if (!completed) {
        log.warn('another run took over this video while this one worked; its files are removed');
        await deps.blobs.deletePrefix(prefix);
        return;
      }
      // The rendition this one replaces (a re-processed video); players finish their playlist within its max-age.
      await removeOtherRuns(deps.blobs, `videos/${videoId}/`, renditionId);
      timings.lap('complete');
      log.info(
        {
          durationMs: pass.durationMs,
          variants: pass.ladder.variants.length,
          av1: pass.ladder.av1Variants.length,
          stageMs: timings.laps,
        },
        'video ready',
      );
    } catch (error) {
      await progress.stop();
      await removeWork().catch(() => {});
      await deps.blobs.deletePrefix(prefix).catch(() => {});
      if (error instanceof MediaError && error.refusesMedia) {
        log.warn({ code: error.code }, 'video refused by the pipeline');
        await deps.videos.failProcessing(videoId, error.code, error.message);
        // A refused file is of no further use; keeping it would only keep what we said we would not take.
        await deps.blobs.delete(plan.sourceKey).catch(() => {});
        return;
      }
      const lastAttempt = job.attempt >= deps.maxAttempts;
      log.error(
        { err: error, stderrTail: error instanceof MediaError ? error.stderrTail : undefined, lastAttempt },
        lastAttempt ? 'processing failed; the video is marked failed' : 'processing failed; the job will be retried',
      );
      if (lastAttempt) {
        await deps.videos.failProcessing(
          videoId,
          'PROCESSING_FAILED',
          'We could not process this video. Please try uploading it again.',
        );
      }
      throw error;
    } finally {
      await progress.stop();
      await removeWork();
    }
  };
}

/** The sprite image and its WebVTT map, and the download MP4 when the author allows it; paths relative to outDir. */
async function finishExtras(
  deps: Pick<ProcessVideoDeps, 'ffmpegPath'>,
  outDir: string,
  pass: MediaPassResult,
  allowDownload: boolean,
  signal: AbortSignal | undefined,
): Promise<{ spriteVtt: string | null; download: string | null }> {
  let spriteVtt: string | null = null;
  if (pass.spriteFrames && pass.spriteFrames.files.length > 0) {
    await composeScrubSprite({
      frames: pass.spriteFrames.files,
      geometry: pass.spriteFrames.geometry,
      durationMs: pass.durationMs,
      outImage: join(outDir, 'sprite.jpg'),
      outVtt: join(outDir, 'sprite.vtt'),
      imageName: 'sprite.jpg',
    });
    spriteVtt = 'sprite.vtt';
  }
  if (pass.spriteFrames) await rm(join(outDir, 'sprite-frames'), { recursive: true, force: true });

  let download: string | null = null;
  if (allowDownload) {
    const fitting = pass.ladder.variants.filter((v) => Math.min(v.width, v.height) <= DOWNLOAD_MAX_SHORT_SIDE);
    const rung = fitting.at(-1) ?? pass.ladder.variants[0];
    if (rung) {
      await remuxForDownload({
        ffmpegPath: deps.ffmpegPath,
        playlist: join(outDir, pass.hlsDir, rung.playlist),
        outFile: join(outDir, 'download.mp4'),
        ...(signal ? { signal } : {}),
      });
      download = 'download.mp4';
    }
  }
  return { spriteVtt, download };
}

/** Milliseconds spent in each stage, for the log line of a finished run. */
function stageTimer() {
  const laps: Record<string, number> = {};
  let last = performance.now();
  return {
    laps,
    lap(stage: string) {
      const now = performance.now();
      laps[stage] = Math.round(now - last);
      last = now;
    },
  };
}

/** `sounds/<id>/<rendition id>.m4a` → the rendition id. */
function runOfAudioKey(key: string | null): string | null {
  return (
    key
      ?.split('/')
      .at(-1)
      ?.replace(/\.m4a$/, '') ?? null
  );
}

import { join } from 'node:path';
import {
  COUNTER_RECONCILE_INTERVAL_MS,
  type Config,
  PROCESS_VIDEO_ATTEMPTS,
  PUBLISH_VIDEO_ATTEMPTS,
  PUBLISH_VIDEO_BACKOFF_MS,
  RUN_DIR_SWEEP,
} from './config.ts';
import { startCounterReconciler } from './modules/interactions/counter-reconciler.ts';
import { hasEncoder } from './modules/media/encoders.ts';
import { describeTool, missingTools, missingToolsMessage } from './modules/media/ffmpeg-binaries.ts';
import { MediaError } from './modules/media/media-error.ts';
import { createProcessVideoHandler, type ProcessVideoDeps } from './modules/media/process-video.ts';
import { PROCESS_VIDEO_QUEUE, type ProcessVideoPayload } from './modules/media/queues.ts';
import { startRunDirSweeps } from './modules/media/run-dirs.ts';
import { mediaLimitsFrom } from './modules/media/validate-media.ts';
import {
  createPublishVideoHandler,
  PUBLISH_VIDEO_QUEUE,
  type PublishVideoPayload,
} from './modules/videos/publishing.ts';
import type { Infrastructure } from './platform/infrastructure.ts';
import type { Logger } from './platform/logger.ts';
import type { Metrics } from './platform/metrics.ts';
import type { Job, JobWorker } from './platform/stream/jobs.ts';
import type { Services } from './services.ts';

function measured<P>(queue: string, metrics: Metrics, handler: (job: Job<P>) => Promise<void>) {
  return async (job: Job<P>) => {
    const stopTimer = metrics.jobDuration.labels(queue).startTimer();
    try {
      await handler(job);
      metrics.jobsCompleted.labels(queue, 'succeeded').inc();
    } catch (error) {
      metrics.jobsCompleted.labels(queue, 'failed').inc();
      throw error;
    } finally {
      stopTimer();
    }
  };
}

/** What the processing job needs, from the configuration and the running services. */
export function processVideoDeps(deps: {
  config: Config;
  infra: Infrastructure;
  services: Services;
  log: Logger;
}): ProcessVideoDeps {
  const { config, infra, services, log } = deps;
  const { ffmpeg, ffprobe } = services.media;
  if (!ffmpeg || !ffprobe) {
    throw new MediaError('FFMPEG_NOT_FOUND', missingToolsMessage(missingTools(services.media, ['worker'])));
  }
  return {
    videos: services.videoLifecycle,
    sounds: services.sounds,
    blobs: infra.blobs,
    ffmpegPath: ffmpeg.path,
    ffprobePath: ffprobe.path,
    x264Preset: config.x264Preset,
    limits: mediaLimitsFrom(config),
    av1Enabled: config.av1Enabled,
    maxAttempts: PROCESS_VIDEO_ATTEMPTS,
    leaseMs: config.jobLeaseMs,
    workDir: join(config.dataDir, 'tmp', 'jobs'),
    log: log.child({ module: 'media' }),
  };
}

/** The worker role: takes jobs from the queue. Returns the running workers so shutdown can drain them. */
export async function startWorkers(deps: {
  config: Config;
  infra: Infrastructure;
  services: Services;
  log: Logger;
  metrics: Metrics;
}): Promise<JobWorker[]> {
  const { config, infra, services, log, metrics } = deps;
  // Without ffmpeg this worker leaves the videos in the queue, for a worker that has it (or this one, restarted
  // with one installed), rather than failing them; startLooply has logged what is missing.
  const processing = missingTools(services.media, ['worker']).length === 0 ? await startProcessing(deps) : [];
  const publisher = await infra.jobs.process<PublishVideoPayload>(
    PUBLISH_VIDEO_QUEUE,
    measured(PUBLISH_VIDEO_QUEUE, metrics, createPublishVideoHandler(services.videoLifecycle)),
    {
      concurrency: 1,
      maxAttempts: PUBLISH_VIDEO_ATTEMPTS,
      backoffMs: PUBLISH_VIDEO_BACKOFF_MS,
      leaseMs: config.jobLeaseMs,
    },
  );
  const counterReconciler = startCounterReconciler(services.counters, {
    intervalMs: COUNTER_RECONCILE_INTERVAL_MS,
    log: log.child({ module: 'interactions' }),
  });
  // Writes notifications and publishes them to the live channels: one group member handles each event.
  const notificationConsumer = await services.startNotificationConsumer();
  // Keeps the search index in step with the events, and detects trends from them (each its own consumer group).
  const searchIndexing = await services.startSearchIndexing();
  const trendingDetector = await services.startTrendingDetector();
  log.info(
    {
      queues: [...(processing.length > 0 ? [PROCESS_VIDEO_QUEUE] : []), PUBLISH_VIDEO_QUEUE],
      concurrency: config.workerConcurrency,
    },
    'worker started',
  );
  return [...processing, publisher, counterReconciler, notificationConsumer, searchIndexing, trendingDetector];
}

/** The video processing queue's consumer and the sweeper of dead runs' temp files. */
async function startProcessing(deps: Parameters<typeof startWorkers>[0]): Promise<JobWorker[]> {
  const { config, infra, metrics } = deps;
  const processDeps = processVideoDeps(deps);
  const ffmpeg = deps.services.media.ffmpeg;
  if (config.av1Enabled && ffmpeg && !(await hasEncoder(ffmpeg.path, 'libsvtav1'))) {
    processDeps.log.warn(
      `AV1_ENABLED is on, but ${describeTool('ffmpeg', ffmpeg)} has no libsvtav1 encoder: videos get H.264 only`,
    );
  }
  // What processing runs of dead processes left in the work directory (this one's after a crash, or another's).
  const runDirSweeper = startRunDirSweeps({
    workDir: processDeps.workDir,
    intervalMs: RUN_DIR_SWEEP.intervalMs,
    staleMs: RUN_DIR_SWEEP.staleAfterLeases * config.jobLeaseMs,
    log: processDeps.log,
  });
  const worker = await infra.jobs.process<ProcessVideoPayload>(
    PROCESS_VIDEO_QUEUE,
    measured(PROCESS_VIDEO_QUEUE, metrics, createProcessVideoHandler(processDeps)),
    {
      concurrency: config.workerConcurrency,
      maxAttempts: PROCESS_VIDEO_ATTEMPTS,
      backoffMs: 5_000,
      leaseMs: config.jobLeaseMs,
    },
  );
  return [worker, runDirSweeper];
}

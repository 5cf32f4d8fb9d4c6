import { type Config, PROCESS_VIDEO_ATTEMPTS } from './config.ts';
import { createProcessVideoHandler } from './modules/media/process-video.ts';
import { PROCESS_VIDEO_QUEUE, type ProcessVideoPayload } from './modules/media/queues.ts';
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

/** The worker role: takes jobs from the queue. Returns the running workers so shutdown can drain them. */
export async function startWorkers(deps: {
  config: Config;
  infra: Infrastructure;
  services: Services;
  log: Logger;
  metrics: Metrics;
}): Promise<JobWorker[]> {
  const { config, infra, services, log, metrics } = deps;
  const processVideo = createProcessVideoHandler({
    videos: services.videos,
    blobs: infra.blobs,
    ffmpegPath: config.ffmpegPath,
    ffprobePath: config.ffprobePath,
    x264Preset: config.x264Preset,
    maxAttempts: PROCESS_VIDEO_ATTEMPTS,
    log: log.child({ module: 'media' }),
  });
  const worker = await infra.jobs.process<ProcessVideoPayload>(
    PROCESS_VIDEO_QUEUE,
    measured(PROCESS_VIDEO_QUEUE, metrics, processVideo),
    { concurrency: config.workerConcurrency, maxAttempts: PROCESS_VIDEO_ATTEMPTS, backoffMs: 5_000, leaseMs: 60_000 },
  );
  log.info({ queues: [PROCESS_VIDEO_QUEUE], concurrency: config.workerConcurrency }, 'worker started');
  return [worker];
}

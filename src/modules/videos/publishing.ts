import type { Job } from '../../platform/stream/jobs.ts';

/** Scheduled publication: one delayed job per scheduled video, run at its publication time (see lifecycle.ts). */
export const PUBLISH_VIDEO_QUEUE = 'videos-publish';

export interface PublishVideoPayload {
  video_id: string;
}

/** What the job needs: the lifecycle's step from ready to published. */
export interface ScheduledPublication {
  publishWhenDue(videoId: string): Promise<void>;
}

export function createPublishVideoHandler(lifecycle: ScheduledPublication) {
  return async (job: Job<PublishVideoPayload>): Promise<void> => {
    await lifecycle.publishWhenDue(job.payload.video_id);
  };
}

import type { Job } from '../../platform/stream/jobs.ts';
import type { VideoService } from './service.ts';

/** Scheduled publication: one delayed job per scheduled video, run at its publication time. */
export const PUBLISH_VIDEO_QUEUE = 'videos-publish';
/** A job that runs early (clocks of two nodes disagree) fails and is retried with backoff. */
export const PUBLISH_VIDEO_ATTEMPTS = 10;

export interface PublishVideoPayload {
  video_id: string;
}

export function createPublishVideoHandler(videos: VideoService) {
  return async (job: Job<PublishVideoPayload>): Promise<void> => {
    await videos.publishWhenDue(job.payload.video_id);
  };
}

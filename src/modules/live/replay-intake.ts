import type { VideoLifecycle } from '../videos/lifecycle.ts';
import type { VideoService } from '../videos/service.ts';
import type { ReplayIntake } from './replay.ts';

/**
 * A replay enters the media pipeline the way a resumable upload does: the video is begun under the id the stream
 * chose, its visibility set to the stream's, then its finished file is accepted (stored and queued for processing).
 * Each step is safe to repeat, so a retried hand-over makes one video.
 */
export function videoReplayIntake(
  lifecycle: Pick<VideoLifecycle, 'processingSource' | 'beginUpload' | 'acceptUploadedSource'>,
  videos: Pick<VideoService, 'update'>,
): ReplayIntake {
  return {
    async accept(videoId, replay, file) {
      if (!(await lifecycle.processingSource(videoId))) {
        await lifecycle.beginUpload(videoId, { authorId: replay.hostId, caption: replay.title, hashtags: [] });
      }
      if (replay.visibility !== 'public')
        await videos.update(videoId, replay.hostId, { visibility: replay.visibility });
      await lifecycle.acceptUploadedSource(videoId, file);
    },
  };
}

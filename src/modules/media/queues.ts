/** The transcoding queue: one job per uploaded video, payload `{ video_id }`. */
export const PROCESS_VIDEO_QUEUE = 'media-process-video';

export interface ProcessVideoPayload {
  video_id: string;
}

import type { VideoStatus } from './store.ts';

/**
 * Where a video is in its life. `published` is a ready video others may see (its scheduled time has come and
 * VideoPublished was sent); it is stored as status `ready` with `published_at` set.
 */
export type LifecycleState = VideoStatus | 'published';

/** What can happen to a video, each a transition of the table below. */
export type LifecycleStep =
  | 'uploaded'
  | 'uploadFailed'
  | 'uploadCancelled'
  | 'processed'
  | 'processingFailed'
  | 'published'
  | 'removed';

/** The whole lifecycle: upload accepted → processing → ready | failed; ready → published; any but removed → removed. */
export const TRANSITIONS: Readonly<Record<LifecycleStep, { from: readonly LifecycleState[]; to: LifecycleState }>> = {
  uploaded: { from: ['uploading'], to: 'processing' },
  uploadFailed: { from: ['uploading'], to: 'failed' },
  uploadCancelled: { from: ['uploading'], to: 'removed' },
  processed: { from: ['processing'], to: 'ready' },
  processingFailed: { from: ['processing'], to: 'failed' },
  published: { from: ['ready'], to: 'published' },
  removed: { from: ['uploading', 'processing', 'ready', 'published', 'failed'], to: 'removed' },
};

export function lifecycleState(video: { status: VideoStatus; published_at: Date | null }): LifecycleState {
  return video.status === 'ready' && video.published_at ? 'published' : video.status;
}

/** The state after `step`, or null when the table does not allow it from `state`. */
export function nextState(state: LifecycleState, step: LifecycleStep): LifecycleState | null {
  const transition = TRANSITIONS[step];
  return transition.from.includes(state) ? transition.to : null;
}

/** The stored statuses `step` may start from: the guard of the store's conditional update. */
export function statusesBefore(step: LifecycleStep): VideoStatus[] {
  return [...new Set(TRANSITIONS[step].from.map((state) => (state === 'published' ? 'ready' : state)))];
}

import { AppError } from '../../platform/errors.ts';

/** Faults of the file itself: retrying cannot help, so a video refused with one of these fails at once. */
export type RefusedMediaCode =
  | 'NOT_A_VIDEO'
  | 'CORRUPT_MEDIA'
  | 'VIDEO_TOO_SHORT'
  | 'VIDEO_TOO_LONG'
  | 'UNSUPPORTED_DIMENSIONS'
  | 'UNSUPPORTED_FRAME_RATE'
  | 'FILE_TOO_LARGE';

export type MediaErrorCode = RefusedMediaCode | 'FFMPEG_FAILED' | 'FFMPEG_NOT_FOUND' | 'ABORTED';

/** The upload's own faults answer 4xx (415 for a file that is no video at all); the rest are ours. */
const STATUS: Record<MediaErrorCode, number> = {
  NOT_A_VIDEO: 415,
  CORRUPT_MEDIA: 422,
  VIDEO_TOO_SHORT: 422,
  VIDEO_TOO_LONG: 422,
  UNSUPPORTED_DIMENSIONS: 422,
  UNSUPPORTED_FRAME_RATE: 422,
  FILE_TOO_LARGE: 413,
  FFMPEG_FAILED: 500,
  FFMPEG_NOT_FOUND: 500,
  ABORTED: 500,
};

/**
 * A media failure with a code a caller can branch on. `stderrTail` (the last ~4 KB ffmpeg/ffprobe wrote)
 * is for logs only: it holds server paths, so it is kept out of `message` and `details`.
 */
export class MediaError extends AppError {
  override readonly code: MediaErrorCode;
  readonly stderrTail: string | undefined;

  constructor(code: MediaErrorCode, message: string, options: { stderrTail?: string; cause?: unknown } = {}) {
    super(STATUS[code], code, message);
    this.name = 'MediaError';
    this.code = code;
    this.stderrTail = options.stderrTail;
    if (options.cause !== undefined) this.cause = options.cause;
  }

  /** True when the file is at fault (the video fails for good), false when we are (the job is retried). */
  get refusesMedia(): boolean {
    return this.status < 500;
  }
}

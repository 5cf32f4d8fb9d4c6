import { AppError } from '../../platform/errors.ts';

export type MediaErrorCode = 'NOT_A_VIDEO' | 'CORRUPT_MEDIA' | 'FFMPEG_FAILED' | 'FFMPEG_NOT_FOUND' | 'ABORTED';

/** The upload's own faults answer 422; the rest are ours. */
const STATUS: Record<MediaErrorCode, number> = {
  NOT_A_VIDEO: 422,
  CORRUPT_MEDIA: 422,
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
}

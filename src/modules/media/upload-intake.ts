import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { requireCleanText } from '../../http/input.ts';
import { AppError, badRequest } from '../../platform/errors.ts';
import { type Effects, parseEffects, publishedDurationMs } from './effects.ts';
import { type MediaInfo, probeMedia } from './probe.ts';
import { formatDuration, type MediaLimits, validateMedia } from './validate-media.ts';

export interface ReceivedUpload {
  /** A temp file with a name we chose; never a user-supplied path. */
  file: string;
  fields: Record<string, string>;
  info: MediaInfo;
  /** From the fields `trim_start_ms`, `trim_end_ms`, `speed`, `filter`, `text_overlay`. */
  effects: Effects;
  /** Removes the temp file; safe to call twice. */
  discard(): Promise<void>;
}

const MAX_FIELD_BYTES = 16 * 1024;

/**
 * Takes a multipart upload (one `video` file plus text fields) into a temp file and checks with ffprobe that it
 * is a video the pipeline accepts (validateMedia, the same gate the worker applies) before anything is queued,
 * so a person hears at once that a text file, an empty file or a 5 s clip is refused.
 */
export class UploadIntake {
  readonly #tmpDir: string;
  readonly #maxBytes: number;
  readonly #ffprobePath: string;
  readonly #limits: MediaLimits | undefined;

  /** Without `limits`, any readable video passes (only its tracks are checked). */
  constructor(options: { tmpDir: string; maxBytes: number; ffprobePath: string; limits?: MediaLimits }) {
    this.#tmpDir = options.tmpDir;
    this.#maxBytes = options.maxBytes;
    this.#ffprobePath = options.ffprobePath;
    this.#limits = options.limits;
  }

  async receive(request: FastifyRequest): Promise<ReceivedUpload> {
    if (!request.isMultipart()) {
      throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the video as multipart/form-data with a "video" field.');
    }
    await mkdir(this.#tmpDir, { recursive: true });
    const file = join(this.#tmpDir, `${randomUUID()}.upload`);
    const discard = () => rm(file, { force: true });
    const fields: Record<string, string> = {};
    let sawVideo = false;
    try {
      const parts = request.parts({
        limits: { fileSize: this.#maxBytes, files: 1, fields: 20, fieldSize: MAX_FIELD_BYTES },
      });
      for await (const part of parts) {
        if (part.type === 'file') {
          if (part.fieldname !== 'video') {
            part.file.resume();
            throw badRequest('UNEXPECTED_FILE', `Send the video in the "video" field, not "${part.fieldname}".`);
          }
          await pipeline(part.file, createWriteStream(file));
          sawVideo = true;
        } else if (typeof part.value === 'string') {
          requireCleanText(part.value, `The field "${part.fieldname}"`);
          fields[part.fieldname] = part.value;
        }
      }
      if (!sawVideo) throw badRequest('VIDEO_REQUIRED', 'Attach the video file in a field named "video".');
      if ((await stat(file)).size === 0) throw badRequest('EMPTY_FILE', 'The uploaded file is empty.');
      const effects = parseEffects(fields);
      const info = await probeMedia(this.#ffprobePath, file);
      if (effects.trimStartMs >= info.durationMs) {
        throw badRequest(
          'INVALID_TRIM',
          `trim_start_ms is past the end of this video, which lasts ${formatDuration(info.durationMs)}.`,
        );
      }
      if (this.#limits) {
        validateMedia({ ...info, durationMs: publishedDurationMs(info.durationMs, effects) }, this.#limits);
      }
      return { file, fields, info, effects, discard };
    } catch (error) {
      await discard();
      throw error;
    }
  }
}

import { type Config, VIDEO_SHAPE_LIMITS } from '../../config.ts';
import { MediaError } from './media-error.ts';
import type { MediaInfo } from './probe.ts';

export interface MediaLimits {
  minDurationMs: number;
  maxDurationMs: number;
  maxBytes: number;
  /** Each side of the picture, in pixels. */
  minSide: number;
  maxSide: number;
  /** Long side / short side at most: 4 allows 1:4 to 4:1. */
  maxAspect: number;
  maxFps: number;
}

export function mediaLimitsFrom(config: Pick<Config, 'minVideoSeconds' | 'maxVideoSeconds' | 'maxUploadBytes'>) {
  return {
    minDurationMs: config.minVideoSeconds * 1000,
    maxDurationMs: config.maxVideoSeconds * 1000,
    maxBytes: config.maxUploadBytes,
    ...VIDEO_SHAPE_LIMITS,
  } satisfies MediaLimits;
}

/**
 * The one gate both upload paths share (at intake for multipart, in the worker for every source): throws a
 * MediaError whose code says what is wrong and whose message tells a person what would be accepted.
 * `durationMs` is the length of the video as it will be published, after trim and speed.
 */
export function validateMedia(
  info: Pick<MediaInfo, 'durationMs' | 'width' | 'height' | 'fps' | 'sizeBytes'>,
  limits: MediaLimits,
): void {
  if (info.sizeBytes > limits.maxBytes) {
    throw new MediaError('FILE_TOO_LARGE', `This file is larger than the ${formatBytes(limits.maxBytes)} we accept.`);
  }
  const short = Math.min(info.width, info.height);
  const long = Math.max(info.width, info.height);
  if (short < limits.minSide || long > limits.maxSide || long / short > limits.maxAspect) {
    throw new MediaError(
      'UNSUPPORTED_DIMENSIONS',
      `This video is ${info.width}x${info.height} pixels; each side must be ${limits.minSide} to ${limits.maxSide} ` +
        `pixels and the picture no narrower than 1:${limits.maxAspect} nor wider than ${limits.maxAspect}:1.`,
    );
  }
  if (info.fps > limits.maxFps) {
    throw new MediaError(
      'UNSUPPORTED_FRAME_RATE',
      `This video has ${Math.round(info.fps)} frames per second; at most ${limits.maxFps} are supported.`,
    );
  }
  if (info.durationMs < limits.minDurationMs) {
    throw new MediaError(
      'VIDEO_TOO_SHORT',
      `This video lasts ${formatDuration(info.durationMs)}; videos must last at least ${formatDuration(limits.minDurationMs)}.`,
    );
  }
  if (info.durationMs > limits.maxDurationMs) {
    throw new MediaError(
      'VIDEO_TOO_LONG',
      `This video lasts ${formatDuration(info.durationMs)}; videos may last at most ${formatDuration(limits.maxDurationMs)}.`,
    );
  }
}

/** 4500 → "4.5 s", 90000 → "1 min 30 s", 600000 → "10 min". */
export function formatDuration(ms: number): string {
  const tenths = Math.round(ms / 100);
  if (tenths < 600) return `${tenths % 10 === 0 ? tenths / 10 : (tenths / 10).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return seconds % 60 === 0 ? `${minutes} min` : `${minutes} min ${seconds % 60} s`;
}

function formatBytes(bytes: number): string {
  const mib = bytes / 1024 ** 2;
  return mib >= 1 ? `${Math.floor(mib)} MiB` : `${Math.floor(bytes / 1024)} KiB`;
}

import { describe, expect, it } from 'vitest';
import { MediaError } from './media-error.ts';
import { formatDuration, type MediaLimits, validateMedia } from './validate-media.ts';

const limits: MediaLimits = {
  minDurationMs: 15_000,
  maxDurationMs: 600_000,
  maxBytes: 1_000_000,
  minSide: 64,
  maxSide: 4096,
  maxAspect: 4,
  maxFps: 120,
};
const portrait = { durationMs: 20_000, width: 1080, height: 1920, fps: 30, sizeBytes: 500_000 };

const refusal = (info: Partial<typeof portrait>) => {
  try {
    validateMedia({ ...portrait, ...info }, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(MediaError);
    return {
      code: (error as MediaError).code,
      status: (error as MediaError).status,
      message: (error as Error).message,
    };
  }
  return null;
};

describe('validateMedia', () => {
  it('accepts a usual portrait clip, and the bounds themselves', () => {
    expect(refusal({})).toBeNull();
    expect(refusal({ durationMs: 15_000 })).toBeNull();
    expect(refusal({ durationMs: 600_000 })).toBeNull();
    expect(refusal({ width: 64, height: 256, fps: 120 })).toBeNull();
    expect(refusal({ width: 4096, height: 1024 })).toBeNull();
  });

  it('refuses lengths outside the limits, saying both', () => {
    expect(refusal({ durationMs: 5000 })).toEqual({
      code: 'VIDEO_TOO_SHORT',
      status: 422,
      message: 'This video lasts 5 s; videos must last at least 15 s.',
    });
    expect(refusal({ durationMs: 630_500 })).toMatchObject({
      code: 'VIDEO_TOO_LONG',
      message: 'This video lasts 10 min 31 s; videos may last at most 10 min.',
    });
  });

  it('refuses pictures too small, too large or too thin, and too many frames per second', () => {
    for (const size of [
      { width: 16, height: 2000 },
      { width: 63, height: 100 },
      { width: 4098, height: 2160 },
      { width: 200, height: 801 },
    ]) {
      expect(refusal(size)?.code).toBe('UNSUPPORTED_DIMENSIONS');
    }
    expect(refusal({ fps: 240 })).toMatchObject({ code: 'UNSUPPORTED_FRAME_RATE', status: 422 });
  });

  it('refuses a file over the size cap with 413', () => {
    expect(refusal({ sizeBytes: 1_000_001 })).toMatchObject({ code: 'FILE_TOO_LARGE', status: 413 });
  });

  it('writes lengths for people', () => {
    expect([500, 4500, 15_000, 59_940, 60_000, 90_000, 600_000].map(formatDuration)).toEqual([
      '0.5 s',
      '4.5 s',
      '15 s',
      '59.9 s',
      '1 min',
      '1 min 30 s',
      '10 min',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import {
  COLOUR_FILTERS,
  effectsFromStored,
  lookFilters,
  NO_EFFECTS,
  parseEffects,
  publishedDurationMs,
  speedFilters,
  trimInputArgs,
} from './effects.ts';

const code = (fields: Record<string, string>) => {
  try {
    parseEffects(fields);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(400);
    return (error as AppError).code;
  }
};

describe('effects', () => {
  it('reads the upload fields, with no effect by default', () => {
    expect(parseEffects({})).toEqual(NO_EFFECTS);
    expect(
      parseEffects({
        trim_start_ms: '1000',
        trim_end_ms: '9000',
        speed: '1.5',
        filter: 'Vintage',
        text_overlay: '  Hello\nworld  ',
      }),
    ).toEqual({ trimStartMs: 1000, trimEndMs: 9000, speed: 1.5, filter: 'vintage', textOverlay: 'Hello world' });
  });

  it('refuses values out of range with a code', () => {
    expect(code({ speed: '3' })).toBe('INVALID_SPEED');
    expect(code({ speed: '0.25' })).toBe('INVALID_SPEED');
    expect(code({ speed: 'NaN' })).toBe('INVALID_SPEED');
    expect(code({ trim_start_ms: '2000', trim_end_ms: '1000' })).toBe('INVALID_TRIM');
    expect(code({ trim_start_ms: '-5' })).toBe('INVALID_TRIM');
    expect(code({ trim_end_ms: '1.5' })).toBe('INVALID_TRIM');
    expect(code({ filter: "mono,drawtext=text='x'" })).toBe('INVALID_FILTER');
    expect(code({ filter: 'constructor' })).toBe('INVALID_FILTER');
    expect(code({ text_overlay: 'é'.repeat(101) })).toBe('TEXT_OVERLAY_TOO_LONG');
    expect(code({ text_overlay: 'é'.repeat(100) })).toBeNull();
  });

  it('computes the published length and the input trim', () => {
    const effects = { ...NO_EFFECTS, trimStartMs: 1000, trimEndMs: 7000, speed: 2 };
    expect(publishedDurationMs(10_000, effects)).toBe(3000);
    expect(publishedDurationMs(5000, effects)).toBe(2000);
    expect(publishedDurationMs(10_000, { ...NO_EFFECTS, speed: 0.5 })).toBe(20_000);
    expect(trimInputArgs(effects, 10_000)).toEqual(['-ss', '1.000', '-t', '6.000']);
    expect(trimInputArgs(effects, 5000)).toEqual(['-ss', '1.000']);
    expect(trimInputArgs(NO_EFFECTS, 5000)).toEqual([]);
  });

  it('maps to fixed filter strings, and reads text only from the file we wrote', () => {
    expect(speedFilters({ ...NO_EFFECTS, speed: 0.5 })).toEqual(['setpts=PTS/0.5']);
    expect(speedFilters(NO_EFFECTS)).toEqual([]);
    const look = lookFilters(
      { ...NO_EFFECTS, filter: 'mono', textOverlay: "it's: [x]; y" },
      { width: 360, height: 640 },
      "/tmp/run-a/overlay's.txt",
    );
    expect(look[0]).toBe(COLOUR_FILTERS.mono);
    expect(look[1]).toContain("textfile=/tmp/run-a/overlay\\\\\\'s.txt");
    expect(look[1]).not.toContain('[x]');
  });

  it('reads stored effects defensively', () => {
    expect(effectsFromStored({})).toEqual(NO_EFFECTS);
    expect(effectsFromStored(null)).toEqual(NO_EFFECTS);
    expect(effectsFromStored({ speed: 7, filter: 'nope', trimStartMs: 500, textOverlay: 'Hi' })).toEqual({
      ...NO_EFFECTS,
      trimStartMs: 500,
      textOverlay: 'Hi',
    });
  });
});

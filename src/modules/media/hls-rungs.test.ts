import { describe, expect, it } from 'vitest';
import { chooseRungs } from './hls-rungs.ts';

const sizes = (width: number, height: number, wanted: number[]) =>
  chooseRungs({ width, height, fps: 30 }, wanted).map((r) => `${r.name} ${r.width}x${r.height}`);

describe('chooseRungs', () => {
  it('scales a portrait source by its short side', () => {
    expect(sizes(1080, 1920, [240, 480, 720, 1080])).toEqual([
      '240p 240x426',
      '480p 480x854',
      '720p 720x1280',
      '1080p 1080x1920',
    ]);
  });

  it('scales a landscape source by its short side', () => {
    expect(sizes(1920, 1080, [240, 480, 720, 1080])).toEqual([
      '240p 426x240',
      '480p 854x480',
      '720p 1280x720',
      '1080p 1920x1080',
    ]);
  });

  it('never upscales: rungs above the source become one rung at the source size', () => {
    expect(sizes(360, 640, [240, 480, 720])).toEqual(['240p 240x426', '360p 360x640']);
    expect(sizes(1000, 1778, [240, 480, 720, 1080])).toEqual([
      '240p 240x426',
      '480p 480x854',
      '720p 720x1280',
      '1000p 1000x1778',
    ]);
  });

  it('adds no source-sized rung when a kept rung is within 10 % of it', () => {
    expect(sizes(490, 872, [240, 480, 720])).toEqual(['240p 240x428', '480p 480x854']);
  });

  it('caps a large source at the highest rung asked for', () => {
    expect(sizes(2160, 3840, [240, 480, 720, 1080]).at(-1)).toBe('1080p 1080x1920');
  });

  it('keeps one rung for a source smaller than every rung, or when none is asked for', () => {
    expect(sizes(200, 356, [240, 480])).toEqual(['200p 200x356']);
    expect(sizes(640, 360, [])).toEqual(['360p 640x360']);
  });

  it('makes even dimensions from odd sources', () => {
    expect(sizes(361, 641, [480])).toEqual(['360p 360x640']);
    expect(sizes(333, 333, [240, 480])).toEqual(['240p 240x240', '332p 332x332']);
  });

  it('sorts and deduplicates the rungs asked for', () => {
    expect(sizes(1080, 1920, [720, 240, 240])).toEqual(['240p 240x426', '720p 720x1280']);
  });

  it('gives higher rungs more bits, and high frame rates more still', () => {
    const rungs = chooseRungs({ width: 1080, height: 1920, fps: 30 }, [240, 480, 720, 1080]);
    const kbps = rungs.map((r) => r.videoMaxKbps);
    expect(kbps).toEqual([...kbps].sort((a, b) => a - b));
    expect(new Set(kbps).size).toBe(4);
    const fast = chooseRungs({ width: 1080, height: 1920, fps: 60 }, [720]);
    expect(fast[0]?.videoMaxKbps).toBeGreaterThan(rungs[2]?.videoMaxKbps ?? Infinity);
  });
});

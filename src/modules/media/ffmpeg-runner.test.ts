import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProgressTracker, runFfmpeg } from './ffmpeg-runner.ts';
import { FFMPEG, processesMentioning, useTempDir } from './media-test-support.ts';

describe('createProgressTracker', () => {
  it('turns out_time into increasing fractions, split lines included, and ends at exactly 1', () => {
    const seen: number[] = [];
    const tracker = createProgressTracker(4000, (f) => seen.push(f));
    tracker.push('frame=1\nout_time_us=N/A\nout_time_ms=-9223372036854775807\nprogress=continue\nout_time_');
    tracker.push('us=1000000\nprogress=continue\nout_time_us=1000000\nout_time_ms=2000000\n');
    tracker.push('out_time_us=9000000\nprogress=continue\n');
    tracker.push('progress=end\n');
    tracker.finish();
    expect(seen).toEqual([0.25, 0.5, 0.99, 1]);
  });

  it('reports only the end without a duration', () => {
    const seen: number[] = [];
    const tracker = createProgressTracker(undefined, (f) => seen.push(f));
    tracker.push('out_time_us=1000000\nprogress=continue\n');
    tracker.finish();
    expect(seen).toEqual([1]);
  });
});

describe('runFfmpeg', () => {
  const temp = useTempDir();

  it('reports progress up to 1 for a real encode', async () => {
    const seen: number[] = [];
    await runFfmpeg(FFMPEG, ['-f', 'lavfi', '-i', 'testsrc2=s=64x64:r=10:d=2', '-f', 'null', '-'], {
      durationMs: 2000,
      onProgress: (f) => seen.push(f),
    });
    expect(seen.at(-1)).toBe(1);
  });

  it('rejects with FFMPEG_FAILED and the end of stderr', async () => {
    const error = await runFfmpeg(FFMPEG, ['-i', join(temp.dir, 'missing.mp4'), join(temp.dir, 'out.mp4')]).catch(
      (e) => e,
    );
    expect(error).toMatchObject({ code: 'FFMPEG_FAILED' });
    expect(error.message).toContain('No such file or directory');
    expect(error.stderrTail).toContain('missing.mp4');
  });

  it('rejects with FFMPEG_NOT_FOUND for a missing binary', async () => {
    await expect(runFfmpeg(join(temp.dir, 'no-ffmpeg-here'), ['-version'])).rejects.toMatchObject({
      code: 'FFMPEG_NOT_FOUND',
    });
  });

  it('stops ffmpeg and rejects with the error when onProgress throws', async () => {
    const marker = join(temp.dir, 'endless');
    const run = runFfmpeg(FFMPEG, ['-re', '-f', 'lavfi', '-i', 'testsrc2=s=64x64:r=10', '-f', 'null', marker], {
      durationMs: 60_000,
      onProgress: () => {
        throw new Error('listener failed');
      },
    });
    await expect(run).rejects.toThrow('listener failed');
    expect(await processesMentioning(marker)).toEqual([]);
  });
});

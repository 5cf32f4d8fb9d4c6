import { describe, expect, it } from 'vitest';
import { startJobProgress } from './job-progress.ts';

describe('startJobProgress', () => {
  it('writes whole percents that only grow, in order, capped below 100', async () => {
    const written: number[] = [];
    let beats = 0;
    const progress = startJobProgress({
      write: async (percent) => {
        await new Promise((resolve) => setTimeout(resolve, 5 - (percent % 5)));
        written.push(percent);
      },
      heartbeat: async () => {
        beats += 1;
      },
      heartbeatEveryMs: 10,
    });
    const encode = progress.span(5, 85);
    for (const value of [2, 2.4, 1, 3]) progress.set(value);
    for (const fraction of [0, 0.5, 0.25, 1, 2]) encode(fraction);
    progress.set(150);
    await new Promise((resolve) => setTimeout(resolve, 40));
    await progress.stop();
    expect(written).toEqual([2, 3, 5, 45, 85, 99]);
    expect(beats).toBeGreaterThan(0);
  });
});

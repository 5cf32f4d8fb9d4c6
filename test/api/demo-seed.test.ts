import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestLooply } from '../support/looply.ts';
import { inheritedEnv } from '../support/processes.ts';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

describe('looply seed', () => {
  let dataDir: string | undefined;
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('generates demo videos through the real pipeline with a progress bar, and they play in the feed', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'looply-seed-'));
    const run = spawnSync(process.execPath, [MAIN, 'seed', '--count', '2'], {
      env: { ...inheritedEnv(), DATA_DIR: dataDir, LOG_LEVEL: 'warn', X264_PRESET: 'ultrafast' },
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(run.stderr).toContain('Generating demo videos: 2/2');
    expect(run.stderr).toContain('Processing: 2/2');
    expect(run.stderr).toContain('Seeded 2 demo videos.');
    expect(run.status).toBe(0);

    // The same DATA_DIR now serves the two demo videos, ready, from two demo creators.
    const looply = await startTestLooply({}, undefined, { dataDir, keepDataDir: true });
    try {
      const feed = await looply.api('/v1/feed/fyp?mode=latest&count=10');
      expect(feed.status).toBe(200);
      const videos = feed.body.videos as Array<{ status: string; author: { username: string }; duration_ms: number }>;
      expect(videos).toHaveLength(2);
      expect(videos.every((video) => video.status === 'ready')).toBe(true);
      expect(new Set(videos.map((video) => video.author.username))).toEqual(new Set(['luna.dance', 'chef.marco']));
      expect(videos[0]?.duration_ms).toBeGreaterThanOrEqual(15_000);
    } finally {
      await looply.close();
    }
  });
});

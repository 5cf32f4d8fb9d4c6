import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { liveProcesses } from '../../src/modules/media/media-test-support.ts';
import { createApiClient } from '../support/api-client.ts';
import { makeClipFactory } from '../support/clips.ts';
import { type LooplyProcess, spawnLooply } from '../support/processes.ts';
import { uploadVideo } from '../support/uploads.ts';

describe('a worker killed with SIGKILL in the middle of an encode', () => {
  it('takes its ffmpeg with it, and its next start removes the temp files of the dead run', async () => {
    const clips = await makeClipFactory();
    const dataDir = await mkdtemp(join(tmpdir(), 'looply-debris-'));
    // ffmpeg reading its source in real time, so the encode is still running when the worker dies.
    const slowFfmpeg = join(clips.dir, 'slow-ffmpeg');
    await writeFile(slowFfmpeg, '#!/bin/sh\nexec ffmpeg -re "$@"\n');
    await chmod(slowFfmpeg, 0o755);
    const env = {
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      DEMO_CONTENT: 'off',
      RATE_LIMIT_SCALE: '0',
      X264_PRESET: 'ultrafast',
      MIN_VIDEO_SECONDS: '1',
      FFMPEG_PATH: slowFfmpeg,
      // The restarted worker must not take the job over while the test looks at what the dead one left.
      JOB_LEASE_MS: '600000',
    };
    const jobsDir = join(dataDir, 'tmp', 'jobs');
    const encoders = async () =>
      (await liveProcesses()).filter((p) => p.args.includes(jobsDir) && p.args.includes(' -re '));
    let server: LooplyProcess | undefined;
    let strays: number[] = [];
    try {
      server = spawnLooply(['start'], env);
      const clip = await clips.clip({ seconds: 10 });
      const api = createApiClient(JSON.parse(await server.waitForLog(/Looply is listening/, 60_000)).url);
      const session = await api('/v1/auth/signup', {
        method: 'POST',
        json: { username: 'crashing', password: 'a long password' },
      });
      const accepted = await uploadVideo({ api }, session.body.access_token, await readFile(clip));
      expect(accepted.status).toBe(202);

      let runs: string[] = [];
      await vi.waitFor(
        async () => {
          strays = (await encoders()).map((p) => p.pid);
          expect(strays).toHaveLength(1);
          runs = await readdir(jobsDir);
          expect(runs).toHaveLength(1);
        },
        { timeout: 30_000, interval: 50 },
      );

      await server.stop('SIGKILL');
      await vi.waitFor(async () => expect(await encoders()).toEqual([]), { timeout: 5_000, interval: 20 });
      expect(await readdir(jobsDir)).toEqual(runs);

      server = spawnLooply(['start'], env);
      await server.waitForLog(/temp directories of dead processing runs removed/, 60_000);
      expect(await readdir(jobsDir)).toEqual([]);
    } finally {
      for (const pid of strays) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone, as it should be
        }
      }
      await server?.stop('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
      await clips.cleanup();
    }
  }, 120_000);
});

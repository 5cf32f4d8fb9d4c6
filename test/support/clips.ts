import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoClip } from '../../src/modules/media/demo-clip.ts';

/** Small real clips made with ffmpeg for tests; `cleanup` removes them all. */
export async function makeClipFactory() {
  const dir = await mkdtemp(join(tmpdir(), 'looply-clips-'));
  let n = 0;
  return {
    dir,
    async clip(options: { seconds?: number; width?: number; height?: number; title?: string } = {}): Promise<string> {
      n += 1;
      const outFile = join(dir, `clip-${n}.mp4`);
      await generateDemoClip({
        ffmpegPath: 'ffmpeg',
        outFile,
        title: options.title ?? `Clip ${n}`,
        colour: n % 2 ? '#ff3366' : '#3a86ff',
        durationSeconds: options.seconds ?? 3,
        width: options.width ?? 240,
        height: options.height ?? 426,
        seed: n,
      });
      return outFile;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

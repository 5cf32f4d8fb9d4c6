import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDemoClip } from './demo-clip.ts';
import { FFMPEG, FFPROBE, streamsOf, useTempDir } from './media-test-support.ts';
import { extractPoster } from './poster.ts';
import { probeMedia } from './probe.ts';

describe('extractPoster', () => {
  const temp = useTempDir();

  const posterOf = async (name: string, width: number, height: number, durationSeconds: number) => {
    const clip = join(temp.dir, `${name}.mp4`);
    await generateDemoClip({
      ffmpegPath: FFMPEG,
      outFile: clip,
      title: name,
      colour: '#3366ff',
      durationSeconds,
      width,
      height,
      seed: 5,
    });
    const outFile = join(temp.dir, `${name}.jpg`);
    const size = await extractPoster({
      ffmpegPath: FFMPEG,
      input: clip,
      outFile,
      info: await probeMedia(FFPROBE, clip),
    });
    const bytes = await readFile(outFile);
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    const [stream] = await streamsOf(outFile);
    expect(stream).toMatchObject({ codec_name: 'mjpeg', width: size.width, height: size.height });
    return size;
  };

  it('keeps a small clip at its own size', async () => {
    expect(await posterOf('small', 320, 568, 2)).toEqual({ width: 320, height: 568 });
  });

  it('scales a large clip to a 720 short side, and takes the middle of a very short one', async () => {
    expect(await posterOf('large', 800, 1424, 0.6)).toEqual({ width: 720, height: 1282 });
  });
});

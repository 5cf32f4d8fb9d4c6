import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDemoClip } from './demo-clip.ts';
import { FFMPEG, FFPROBE, streamsOf, useTempDir } from './media-test-support.ts';
import { probeMedia } from './probe.ts';

describe('generateDemoClip', () => {
  const temp = useTempDir();

  const make = (name: string, seed: number, title = 'Demo') => {
    const outFile = join(temp.dir, `${name}.mp4`);
    return generateDemoClip({
      ffmpegPath: FFMPEG,
      outFile,
      title,
      colour: '#ff3366',
      durationSeconds: 2,
      width: 240,
      height: 426,
      seed,
    }).then(() => outFile);
  };

  it('makes an H.264/AAC MP4 of the asked size and length; another seed makes other bytes', async () => {
    const one = await make('one', 1);
    const two = await make('two', 2);

    const info = await probeMedia(FFPROBE, one);
    expect(info).toMatchObject({ width: 240, height: 426, videoCodec: 'h264', hasAudio: true });
    expect(Math.abs(info.durationMs - 2000)).toBeLessThanOrEqual(100);
    expect((await streamsOf(one)).map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);
    expect((await readFile(one)).equals(await readFile(two))).toBe(false);
  });

  it('passes any title safely through a temp file, and removes it', async () => {
    const tmp = join(temp.dir, "tmp with 'quotes', [brackets]; colons: and \\ backslash");
    await mkdir(tmp);
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      await make('awkward', 3, "It's 100% %{pts} fun: [a], b; c \\ d = e");
    } finally {
      process.env.TMPDIR = saved;
      if (saved === undefined) delete process.env.TMPDIR;
    }
    expect(await readdir(tmp)).toEqual([]);
  });

  it('refuses a colour that is not #rrggbb', async () => {
    await expect(
      generateDemoClip({
        ffmpegPath: FFMPEG,
        outFile: join(temp.dir, 'x.mp4'),
        title: 't',
        colour: 'red',
        durationSeconds: 1,
        seed: 1,
      }),
    ).rejects.toThrow(RangeError);
  });
});

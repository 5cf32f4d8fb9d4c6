import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { useTempDir } from './media-test-support.ts';
import { composeScrubSprite, vttTime } from './scrub-sprite.ts';

describe('composeScrubSprite', () => {
  const temp = useTempDir();

  it('lays frames out in a grid and maps each time range to its tile', async () => {
    const colours = ['#ff0000', '#00ff00', '#0000ff'];
    const frames = await Promise.all(
      colours.map(async (background, i) => {
        const file = join(temp.dir, `${i}.jpg`);
        await sharp({ create: { width: 90, height: 160, channels: 3, background } })
          .jpeg()
          .toFile(file);
        return file;
      }),
    );
    const result = await composeScrubSprite({
      frames,
      geometry: { intervalSeconds: 2, tileWidth: 90, tileHeight: 160 },
      durationMs: 5500,
      outImage: join(temp.dir, 'sprite.jpg'),
      outVtt: join(temp.dir, 'sprite.vtt'),
      imageName: 'sprite.jpg',
      columns: 2,
    });
    expect(result.tiles).toBe(3);
    expect(await sharp(join(temp.dir, 'sprite.jpg')).metadata()).toMatchObject({ width: 180, height: 320 });
    const third = await sharp(join(temp.dir, 'sprite.jpg'))
      .extract({ left: 0, top: 160, width: 90, height: 160 })
      .toBuffer();
    const [red, green, blue] = (await sharp(third).stats()).channels.map((channel) => channel.mean);
    expect(blue).toBeGreaterThan(200);
    expect((red ?? 0) + (green ?? 0)).toBeLessThan(60);
    expect(await readFile(join(temp.dir, 'sprite.vtt'), 'utf8')).toBe(
      [
        'WEBVTT',
        '',
        '00:00:00.000 --> 00:00:02.000',
        'sprite.jpg#xywh=0,0,90,160',
        '',
        '00:00:02.000 --> 00:00:04.000',
        'sprite.jpg#xywh=90,0,90,160',
        '',
        '00:00:04.000 --> 00:00:05.500',
        'sprite.jpg#xywh=0,160,90,160',
        '',
      ].join('\n'),
    );
  });

  it('writes WebVTT times', () => {
    expect(vttTime(0)).toBe('00:00:00.000');
    expect(vttTime(3_723_045)).toBe('01:02:03.045');
  });
});

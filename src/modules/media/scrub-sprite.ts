import { writeFile } from 'node:fs/promises';
import sharp from 'sharp';
import { SCRUB_SPRITE } from '../../config.ts';
import type { SpriteGeometry } from './media-pass-args.ts';

export interface ComposeScrubSpriteOptions {
  /** Frames in time order, one every `geometry.intervalSeconds`, each `tileWidth`x`tileHeight`. */
  frames: readonly string[];
  geometry: SpriteGeometry;
  durationMs: number;
  outImage: string;
  outVtt: string;
  /** How the VTT names the image: relative to the VTT's own URL. */
  imageName: string;
  columns?: number;
}

/**
 * Lays the frames out in one JPEG grid and writes the WebVTT map a player's scrub bar reads: one cue per frame,
 * pointing at its tile with a `#xywh=` fragment.
 */
export async function composeScrubSprite(options: ComposeScrubSpriteOptions): Promise<{ tiles: number }> {
  const { frames, geometry, durationMs } = options;
  const { tileWidth, tileHeight, intervalSeconds } = geometry;
  const columns = Math.max(1, Math.min(options.columns ?? SCRUB_SPRITE.columns, frames.length));
  const rows = Math.max(1, Math.ceil(frames.length / columns));
  const tiles = frames.map((file, i) => ({
    input: file,
    left: (i % columns) * tileWidth,
    top: Math.floor(i / columns) * tileHeight,
  }));
  await sharp({
    create: { width: columns * tileWidth, height: rows * tileHeight, channels: 3, background: '#000000' },
  })
    .composite(await Promise.all(tiles.map(async (tile) => ({ ...tile, input: await fitTile(tile.input, geometry) }))))
    .jpeg({ quality: 70, mozjpeg: true })
    .toFile(options.outImage);

  const cues = ['WEBVTT', ''];
  for (const [i, tile] of tiles.entries()) {
    const start = i * intervalSeconds * 1000;
    if (start >= durationMs && i > 0) break;
    const end = Math.min((i + 1) * intervalSeconds * 1000, durationMs);
    cues.push(`${vttTime(start)} --> ${vttTime(Math.max(end, start + 1))}`);
    cues.push(`${options.imageName}#xywh=${tile.left},${tile.top},${tileWidth},${tileHeight}`, '');
  }
  await writeFile(options.outVtt, cues.join('\n'));
  return { tiles: frames.length };
}

/** ffmpeg already scaled the frames; this only guards against an odd one so the grid never overlaps. */
async function fitTile(file: string, geometry: SpriteGeometry): Promise<Buffer> {
  return sharp(file).resize(geometry.tileWidth, geometry.tileHeight, { fit: 'fill' }).toBuffer();
}

/** 83500 → "00:01:23.500". */
export function vttTime(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const seconds = Math.floor((total % 60_000) / 1000);
  const millis = total % 1000;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(millis, 3)}`;
}

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRandom } from '../../platform/hashing.ts';
import { runFfmpeg } from './ffmpeg-runner.ts';
import { escapeFilterValue, wrapText } from './filter-text.ts';

export interface DemoClipOptions {
  ffmpegPath: string;
  /** An `.mp4` path; overwritten if it exists. */
  outFile: string;
  title: string;
  /** Background, `#rrggbb`. */
  colour: string;
  durationSeconds: number;
  /** Even; default 360x640. */
  width?: number;
  height?: number;
  /** Picks the motion, the box colours and the tone, so different seeds give different clips. */
  seed: number;
  /** x264 preset, default `ultrafast`. */
  preset?: string;
  signal?: AbortSignal;
}

const FPS = 30;
const BOX_COLOURS = ['white', 'black', '0xffd400', '0x00e5ff', '0x7cff4f', '0xff8c00', '0x9b5cff', '0xfafafa'];

/**
 * A small H.264/AAC MP4 for demo content and tests: a coloured background with two boxes moving on
 * seed-dependent paths, the title in large type, and a sine tone whose pitch depends on the seed.
 */
export async function generateDemoClip(options: DemoClipOptions): Promise<void> {
  const { ffmpegPath, outFile, title, durationSeconds, width = 360, height = 640, seed, signal } = options;
  const colour = /^#([0-9a-f]{6})$/i.exec(options.colour)?.[1];
  if (!colour) throw new RangeError(`colour must look like #ff3366, got ${JSON.stringify(options.colour)}`);
  if (!(isEvenSize(width) && isEvenSize(height))) throw new RangeError(`size must be even, got ${width}x${height}`);
  if (!(durationSeconds > 0)) throw new RangeError(`durationSeconds must be positive, got ${durationSeconds}`);

  // The title reaches drawtext through a file, so nothing typed by a person is ever parsed as filtergraph.
  const dir = await mkdtemp(join(tmpdir(), 'looply-demo-'));
  try {
    const titleFile = join(dir, 'title.txt');
    const fontSize = Math.round(Math.min(width, height) * 0.11);
    await writeFile(titleFile, wrapText(title, Math.max(6, Math.floor((width * 0.9) / (fontSize * 0.6)))));
    await runFfmpeg(
      ffmpegPath,
      [
        ...['-filter_complex', graph({ colour, width, height, seed, durationSeconds, titleFile, fontSize })],
        ...['-map', '[v]', '-map', '[a]', '-t', durationSeconds.toFixed(3)],
        ...['-c:v', 'libx264', '-preset', options.preset ?? 'ultrafast', '-crf', '28', '-pix_fmt', 'yuv420p'],
        ...['-g', String(FPS * 2), '-c:a', 'aac', '-b:a', '96k', '-movflags', '+faststart'],
        ...['-f', 'mp4', `file:${resolve(outFile)}`],
      ],
      { signal, durationMs: durationSeconds * 1000 },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface GraphParts {
  colour: string;
  width: number;
  height: number;
  seed: number;
  durationSeconds: number;
  titleFile: string;
  fontSize: number;
}

function graph(p: GraphParts): string {
  const random = createRandom(p.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const d = p.durationSeconds.toFixed(3);
  const big = Math.round(Math.min(p.width, p.height) * 0.22);
  const small = Math.round(big * 0.5);
  // Lissajous paths: x and y swing across the frame at seed-chosen speeds and phases.
  const path = () => {
    const [sx, sy, px, py] = [0.6 + random() * 1.6, 0.6 + random() * 1.6, random() * 6.28, random() * 6.28];
    return `x=(W-w)/2*(1+sin(t*${sx.toFixed(3)}+${px.toFixed(3)})):y=(H-h)/2*(1+sin(t*${sy.toFixed(3)}+${py.toFixed(3)}))`;
  };
  const semitone = Math.floor(random() * 24);
  const frequency = (220 * 2 ** (semitone / 12)).toFixed(2);
  const text = [
    "font='DejaVu Sans'",
    `textfile=${escapeFilterValue(p.titleFile)}`,
    'expansion=none',
    `fontsize=${p.fontSize}`,
    'fontcolor=white',
    `borderw=${Math.max(2, Math.round(p.fontSize / 12))}`,
    'bordercolor=black',
    `line_spacing=${Math.round(p.fontSize / 5)}`,
    'x=(w-text_w)/2',
    'y=(h-text_h)/2',
  ].join(':');
  return [
    `color=c=0x${p.colour}:s=${p.width}x${p.height}:r=${FPS}:d=${d}[bg]`,
    `color=c=${pick(BOX_COLOURS)}:s=${big}x${big}:r=${FPS}:d=${d}[big]`,
    `color=c=${pick(BOX_COLOURS)}:s=${small}x${small}:r=${FPS}:d=${d}[small]`,
    `[bg][big]overlay=${path()}[one]`,
    `[one][small]overlay=${path()},drawtext=${text}[v]`,
    `sine=frequency=${frequency}:sample_rate=44100:duration=${d}[a]`,
  ].join(';');
}

function isEvenSize(n: number): boolean {
  return Number.isInteger(n) && n >= 2 && n % 2 === 0;
}

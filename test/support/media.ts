import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';

const exec = promisify(execFile);

/** Bytes of a served file. */
export async function fetchBytes(url: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const response = await fetch(url);
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

export interface ProbedStream {
  codec_type: string;
  codec_name: string;
  width?: number;
  height?: number;
}

/** ffprobe of a local file or URL: streams and the container's duration. */
export async function probe(target: string): Promise<{ streams: ProbedStream[]; durationMs: number }> {
  const { stdout } = await exec('ffprobe', [
    '-v',
    'error',
    '-print_format',
    'json',
    '-show_streams',
    '-show_format',
    target,
  ]);
  const parsed = JSON.parse(stdout) as { streams: ProbedStream[]; format: { duration?: string } };
  return { streams: parsed.streams, durationMs: Math.round(Number(parsed.format.duration ?? 0) * 1000) };
}

/** Writes bytes to `dir/name` and returns the path. */
export async function saveTo(dir: string, name: string, bytes: Buffer): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, bytes);
  return file;
}

/** Mean loudness (dB) of a file's audio, from ffmpeg's volumedetect; -91 is digital silence. */
export async function meanVolumeDb(target: string): Promise<number> {
  const { stderr } = await exec('ffmpeg', [
    '-hide_banner',
    '-nostdin',
    '-i',
    target,
    '-af',
    'volumedetect',
    '-f',
    'null',
    '-',
  ]);
  return Number(/mean_volume: (-?[\d.]+) dB/.exec(stderr)?.[1] ?? -91);
}

/** How far from grey an image is: the mean absolute difference between its colour channels (0 for grey). */
export async function colourfulness(image: Buffer): Promise<number> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let sum = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    const [r = 0, g = 0, b = 0] = [data[i], data[i + 1], data[i + 2]];
    sum += Math.abs(r - g) + Math.abs(g - b);
  }
  return sum / (data.length / info.channels);
}

/** Mean absolute difference of two same-sized images inside a horizontal band (fractions of the height). */
export async function bandDifference(a: Buffer, b: Buffer, top: number, bottom: number): Promise<number> {
  const [one, two] = await Promise.all(
    [a, b].map((image) => sharp(image).greyscale().raw().toBuffer({ resolveWithObject: true })),
  );
  if (!one || !two) return 0;
  const { width, height } = one.info;
  let sum = 0;
  let count = 0;
  for (let y = Math.floor(top * height); y < Math.floor(bottom * height); y++) {
    for (let x = 0; x < width; x++) {
      sum += Math.abs((one.data[y * width + x] ?? 0) - (two.data[y * width + x] ?? 0));
      count += 1;
    }
  }
  return count ? sum / count : 0;
}

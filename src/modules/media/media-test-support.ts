import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import { type DemoClipOptions, generateDemoClip } from './demo-clip.ts';
import { runFfmpeg } from './ffmpeg-runner.ts';
import { type MediaInfo, probeMedia } from './probe.ts';

export const FFMPEG = process.env.FFMPEG_PATH || 'ffmpeg';
export const FFPROBE = process.env.FFPROBE_PATH || 'ffprobe';

const exec = promisify(execFile);

/** A fresh temp directory and its removal, for beforeAll/afterAll. */
export async function makeTempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'looply-media-test-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A temp directory made before the suite's tests and removed after them; read `dir` inside tests and hooks. */
export function useTempDir(): { readonly dir: string } {
  const temp = { dir: '' };
  let remove = async () => {};
  beforeAll(async () => {
    ({ dir: temp.dir, remove } = await makeTempDir());
  });
  afterAll(() => remove());
  return temp;
}

export interface DemoClipFixture {
  readonly dir: string;
  readonly clip: string;
  readonly info: MediaInfo;
}

type DemoClipShape = Pick<DemoClipOptions, 'durationSeconds' | 'width' | 'height'> &
  Partial<Omit<DemoClipOptions, 'ffmpegPath' | 'outFile'>>;

/** A suite's temp directory holding one demo clip (`name`), generated and probed before its tests. */
export function useDemoClip(name: string, shape: DemoClipShape): DemoClipFixture {
  const fixture = { dir: '', clip: '', info: undefined as unknown as MediaInfo };
  let remove = async () => {};
  beforeAll(async () => {
    ({ dir: fixture.dir, remove } = await makeTempDir());
    fixture.clip = join(fixture.dir, name);
    await generateDemoClip({
      ffmpegPath: FFMPEG,
      outFile: fixture.clip,
      title: 'Test clip',
      colour: '#22aa88',
      seed: 1,
      ...shape,
    });
    fixture.info = await probeMedia(FFPROBE, fixture.clip);
  });
  afterAll(() => remove());
  return fixture;
}

export interface StreamSummary {
  codec_type: string;
  codec_name: string;
  width?: number;
  height?: number;
}

/** ffprobe's stream list, read independently of probeMedia. */
export async function streamsOf(file: string): Promise<StreamSummary[]> {
  const { stdout } = await exec(FFPROBE, ['-v', 'error', '-print_format', 'json', '-show_streams', file]);
  return (JSON.parse(stdout) as { streams: StreamSummary[] }).streams;
}

/** A test pattern clip with no audio track. */
export function makeSilentClip(file: string, width: number, height: number, seconds: number): Promise<void> {
  return runFfmpeg(FFMPEG, [
    ...['-f', 'lavfi', '-i', `testsrc2=s=${width}x${height}:r=25:d=${seconds}`],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-an', file],
  ]);
}

/** Command lines of running processes that mention `needle`. */
export async function processesMentioning(needle: string): Promise<string[]> {
  const { stdout } = await exec('ps', ['-eo', 'args']);
  return stdout.split('\n').filter((line) => line.includes(needle) && !line.startsWith('ps '));
}

export interface RunningProcess {
  pid: number;
  /** The process group. */
  pgid: number;
  args: string;
}

/** Every process alive now (zombies left out: they have died), from /proc. */
export async function liveProcesses(): Promise<RunningProcess[]> {
  const found: RunningProcess[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z' || fields[0] === 'X') continue;
      const args = (await readFile(`/proc/${name}/cmdline`, 'utf8')).split('\0').join(' ').trim();
      found.push({ pid: Number(name), pgid: Number(fields[2]), args });
    } catch {
      // ended while we looked
    }
  }
  return found;
}

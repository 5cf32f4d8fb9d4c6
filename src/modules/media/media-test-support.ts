import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runFfmpeg } from './ffmpeg-runner.ts';

export const FFMPEG = process.env.FFMPEG_PATH || 'ffmpeg';
export const FFPROBE = process.env.FFPROBE_PATH || 'ffprobe';

const exec = promisify(execFile);

/** A fresh temp directory and its removal, for beforeAll/afterAll. */
export async function makeTempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'looply-media-test-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
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

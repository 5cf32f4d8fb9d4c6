import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';

/** The machine a benchmark ran on, for its JSON figures; `extra` adds tool versions (ffmpeg, Chromium). */
export function machine(extra: Record<string, string | undefined> = {}) {
  const model = /Model name:\s*(.+)/.exec(execFileSync('lscpu', { encoding: 'utf8' }))?.[1]?.trim();
  return {
    nproc: Number(execFileSync('nproc', { encoding: 'utf8' }).trim()),
    cpu: model ?? cpus()[0]?.model ?? 'unknown',
    ...extra,
    node: process.version,
    /** Other work on the machine slows every figure; the 1-minute load average when the run started. */
    load_average_1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}

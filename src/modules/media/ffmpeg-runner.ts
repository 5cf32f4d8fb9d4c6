import { MediaError } from './media-error.ts';
import { lastLines, runTool } from './run-tool.ts';

export interface FfmpegRunOptions {
  signal?: AbortSignal | undefined;
  /** Called with strictly increasing fractions in 0..1; the last call, on success, is exactly 1. */
  onProgress?: ((fraction: number) => void) | undefined;
  /** The output's expected length; without it progress is only reported at the end. */
  durationMs?: number | undefined;
  cwd?: string | undefined;
  /** Readers of ffmpeg's `pipe:3`, `pipe:4` … outputs, in that order. */
  outputs?: ReadonlyArray<(chunk: Buffer) => void> | undefined;
}

/** Runs ffmpeg to completion; rejects with MediaError FFMPEG_FAILED (stderr tail attached) on a non-zero exit. */
export async function runFfmpeg(
  ffmpegPath: string,
  args: readonly string[],
  options: FfmpegRunOptions = {},
): Promise<void> {
  const { signal, onProgress, durationMs, cwd, outputs } = options;
  const progress = createProgressTracker(durationMs, onProgress ?? (() => {}));
  const result = await runTool(
    ffmpegPath,
    ['-hide_banner', '-nostdin', '-y', '-loglevel', 'warning', '-progress', 'pipe:1', '-nostats', ...args],
    { signal, cwd, onStdout: progress.push, outputs },
  );
  if (result.exitCode !== 0) {
    const how = result.exitCode === null ? `was killed by ${result.exitSignal}` : `exited with code ${result.exitCode}`;
    const detail = lastLines(result.stderrTail);
    throw new MediaError('FFMPEG_FAILED', `ffmpeg ${how}${detail ? `: ${detail}` : ''}`, {
      stderrTail: result.stderrTail,
    });
  }
  progress.finish();
}

export interface ProgressTracker {
  /** Feeds a chunk of ffmpeg's `-progress` output (key=value lines, possibly split anywhere). */
  push: (chunk: string) => void;
  /** Reports 1 if ffmpeg exited without printing `progress=end`. */
  finish: () => void;
}

/** Values below 1 are capped just under it, so 1 always means "done". */
const BEFORE_END = 0.99;

export function createProgressTracker(
  durationMs: number | undefined,
  onProgress: (fraction: number) => void,
): ProgressTracker {
  let pending = '';
  let last = 0;
  const report = (fraction: number) => {
    if (fraction <= last) return;
    last = fraction;
    onProgress(fraction);
  };
  const line = (text: string) => {
    const eq = text.indexOf('=');
    if (eq < 0) return;
    const key = text.slice(0, eq).trim();
    const value = text.slice(eq + 1).trim();
    if (key === 'progress' && value === 'end') return report(1);
    // ffmpeg's `out_time_ms` is in microseconds too (a long-standing misnomer); it is the only key older builds print.
    if ((key === 'out_time_us' || key === 'out_time_ms') && durationMs !== undefined && durationMs > 0) {
      const micros = Number(value);
      if (Number.isFinite(micros) && micros > 0) report(Math.min(BEFORE_END, micros / 1000 / durationMs));
    }
  };
  return {
    push(chunk) {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const text of lines) line(text);
    },
    finish() {
      if (pending) line(pending);
      pending = '';
      report(1);
    },
  };
}

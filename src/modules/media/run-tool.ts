import { spawn } from 'node:child_process';
import { basename } from 'node:path';
import { MediaError } from './media-error.ts';

const STDERR_TAIL_BYTES = 4096;

export interface ToolRunOptions {
  signal?: AbortSignal | undefined;
  cwd?: string | undefined;
  /** Receives stdout as it arrives; without it stdout is collected into the result. Must not be slow. */
  onStdout?: ((chunk: string) => void) | undefined;
}

export interface ToolResult {
  /** null when the process was ended by a signal it did not catch. */
  exitCode: number | null;
  exitSignal: NodeJS.Signals | null;
  stdout: string;
  stderrTail: string;
}

/**
 * Runs ffmpeg or ffprobe with an argument array, never through a shell. Resolves with the exit status
 * (callers decide what a failure means); rejects only when the binary cannot start, when `onStdout` throws,
 * or on abort. Rejections come after the child has exited, so no process outlives the promise.
 */
export function runTool(binary: string, args: readonly string[], options: ToolRunOptions = {}): Promise<ToolResult> {
  const { signal, cwd, onStdout } = options;
  const tool = basename(binary);
  if (signal?.aborted) return Promise.reject(abortedError(tool, signal));

  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let stdout = '';
    let stderr = Buffer.alloc(0);
    let callbackError: unknown;
    let settled = false;

    const onAbort = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      finish();
    };

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (!onStdout) {
        stdout += chunk;
        return;
      }
      if (callbackError !== undefined) return;
      try {
        onStdout(chunk);
      } catch (error) {
        callbackError = error;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = Buffer.concat([stderr, chunk]);
      if (stderr.length > STDERR_TAIL_BYTES) stderr = stderr.subarray(stderr.length - STDERR_TAIL_BYTES);
    });

    child.on('error', (error: NodeJS.ErrnoException) => {
      // After a failed spawn there is no process and 'close' may not follow; other errors (a failed kill)
      // leave the process running, so we keep waiting for 'close'.
      if (child.pid !== undefined) return;
      settle(() =>
        reject(
          error.code === 'ENOENT'
            ? new MediaError('FFMPEG_NOT_FOUND', `${tool} was not found at ${JSON.stringify(binary)}.`, {
                cause: error,
              })
            : new MediaError('FFMPEG_FAILED', `${tool} could not be started: ${error.message}`, { cause: error }),
        ),
      );
    });

    child.on('close', (exitCode, exitSignal) => {
      const stderrTail = stderr.toString('utf8');
      settle(() => {
        if (signal?.aborted) reject(abortedError(tool, signal, stderrTail));
        else if (callbackError !== undefined) reject(callbackError);
        else resolve({ exitCode, exitSignal, stdout, stderrTail });
      });
    });
  });
}

function abortedError(tool: string, signal: AbortSignal, stderrTail?: string): MediaError {
  return new MediaError('ABORTED', `${tool} was stopped before it finished.`, { cause: signal.reason, stderrTail });
}

/** The last few non-empty stderr lines, for an error message. */
export function lastLines(stderrTail: string, count = 3): string {
  return stderrTail
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(-count)
    .join(' | ');
}

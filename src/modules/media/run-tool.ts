import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { basename, delimiter, join, resolve as resolvePath } from 'node:path';
import type { Readable } from 'node:stream';
import { MediaError } from './media-error.ts';

const STDERR_TAIL_BYTES = 4096;

/**
 * Starts a tool so that it cannot outlive this process, even one killed with SIGKILL (Node has no
 * PR_SET_PDEATHSIG). The shell forks a watchdog that blocks reading the stdin pipe this process holds open, then
 * replaces itself with the tool: the tool keeps the pid we spawned (so its exit code and signal are its own) and
 * the process group of its own that `detached` gives it. When this process dies the kernel closes the pipe, the
 * watchdog reads end-of-file and kills the group: the tool, anything it started, and itself. The watchdog is a
 * fresh shell, so its command line holds none of the tool's arguments. Arguments reach the tool as "$@", never
 * parsed by the shell; the script is fixed. The watchdog's copy of the pipe sits on fd 9, so fds 3 and up are free
 * for extra outputs (`pipe:3` …).
 */
const TOOL_WRAPPER = [
  'exec 9<&0',
  "/bin/sh -c 'read -r eof; kill -s KILL 0' looply-watchdog <&9 >/dev/null 2>&1 &",
  'exec "$@" </dev/null 9<&-',
].join('\n');

export interface ToolRunOptions {
  signal?: AbortSignal | undefined;
  cwd?: string | undefined;
  /** Receives stdout as it arrives; without it stdout is collected into the result. Must not be slow. */
  onStdout?: ((chunk: string) => void) | undefined;
  /** Readers of extra output pipes, on fds 3, 4, … of the tool (ffmpeg's `pipe:3` …), at most 6. Must not be slow. */
  outputs?: ReadonlyArray<(chunk: Buffer) => void> | undefined;
}

export interface ToolResult {
  /** null when the process was ended by a signal it did not catch. */
  exitCode: number | null;
  exitSignal: NodeJS.Signals | null;
  stdout: string;
  stderrTail: string;
}

/**
 * Runs ffmpeg or ffprobe with an argument array (through TOOL_WRAPPER, which never parses it). Resolves with the
 * exit status (callers decide what a failure means); rejects only when the binary cannot start, when `onStdout`
 * throws, or on abort. Rejections come after the child has exited, so no process outlives the promise; and if
 * this process dies first, the tool dies with it.
 */
export async function runTool(
  binary: string,
  args: readonly string[],
  options: ToolRunOptions = {},
): Promise<ToolResult> {
  const { signal, cwd, onStdout } = options;
  const outputs = options.outputs ?? [];
  if (outputs.length > 6) throw new Error('at most 6 extra outputs (fd 9 is the watchdog’s)');
  const extraPipes = outputs.map(() => 'pipe' as const);
  const tool = basename(binary);
  if (signal?.aborted) throw abortedError(tool, signal);
  const executable = await locateExecutable(binary, cwd);
  if (executable === null)
    throw new MediaError('FFMPEG_NOT_FOUND', `${tool} was not found at ${JSON.stringify(binary)}.`);
  if (signal?.aborted) throw abortedError(tool, signal);

  // As a container's init (pid 1) our death ends the pid namespace, which kills every process in it; and there
  // the watchdog, handed to init when the tool exits, would stay a zombie: nobody else reaps it.
  const watched = process.pid !== 1;
  return new Promise((resolve, reject) => {
    const child = watched
      ? spawn('/bin/sh', ['-c', TOOL_WRAPPER, 'looply-tool', executable, ...args], {
          cwd,
          detached: true,
          stdio: ['pipe', 'pipe', 'pipe', ...extraPipes],
        })
      : spawn(executable, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe', ...extraPipes] });
    let stdout = '';
    let stderr = Buffer.alloc(0);
    let callbackError: unknown;
    let settled = false;

    // The watchdog's pipe: never written; closing it ends the watchdog once the tool is gone.
    child.stdin?.on('error', () => {});
    const killTool = () => {
      // Only while the tool is unreaped: until then its group id cannot belong to anyone else.
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    child.on('exit', () => child.stdin?.destroy());

    const onAbort = killTool;
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      finish();
    };

    // Both are pipes (stdio above); the extra outputs only widen the spawn's type.
    const { stdout: out, stderr: err } = child as unknown as { stdout: Readable; stderr: Readable };
    out.setEncoding('utf8');
    /** A reader that throws kills the tool: its error is the run's. */
    const guarded =
      <T>(read: (chunk: T) => void) =>
      (chunk: T) => {
        if (callbackError !== undefined) return;
        try {
          read(chunk);
        } catch (error) {
          callbackError = error;
          killTool();
        }
      };
    const readStdout = onStdout ? guarded(onStdout) : null;
    out.on('data', (chunk: string) => {
      if (readStdout) readStdout(chunk);
      else stdout += chunk;
    });
    for (const [i, onOutput] of outputs.entries()) {
      (child.stdio[3 + i] as Readable | null)?.on('data', guarded(onOutput));
    }
    err.on('data', (chunk: Buffer) => {
      stderr = Buffer.concat([stderr, chunk]);
      if (stderr.length > STDERR_TAIL_BYTES) stderr = stderr.subarray(stderr.length - STDERR_TAIL_BYTES);
    });

    child.on('error', (error: NodeJS.ErrnoException) => {
      // After a failed spawn there is no process and 'close' may not follow; other errors (a failed kill)
      // leave the process running, so we keep waiting for 'close'.
      if (child.pid !== undefined) return;
      child.stdin?.destroy();
      settle(() =>
        reject(new MediaError('FFMPEG_FAILED', `${tool} could not be started: ${error.message}`, { cause: error })),
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

/**
 * The executable file the tool's name leads to, searched like execvp does (a name with a slash is a path,
 * relative to `cwd`; otherwise each directory of `searchPath`, this process's PATH by default), or null.
 * runTool checks here because the wrapper shell always starts: its own "not found" would be an exit code,
 * indistinguishable from the tool's.
 */
export async function locateExecutable(
  binary: string,
  cwd: string | undefined,
  searchPath: string = process.env.PATH ?? '',
): Promise<string | null> {
  const base = cwd ?? process.cwd();
  const candidates = binary.includes('/')
    ? [resolvePath(base, binary)]
    : searchPath.split(delimiter).map((dir) => resolvePath(base, join(dir || '.', binary)));
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.X_OK);
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return null;
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

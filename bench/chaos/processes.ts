import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../test/support/ports.ts';

export { freePort };

/** Polls `condition` every `intervalMs` until it returns true; throws `what` after `timeoutMs`. */
export async function until(
  what: string,
  condition: () => Promise<boolean> | boolean,
  timeoutMs: number,
  intervalMs = 200,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await condition()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${Math.round(timeoutMs / 1000)} s`);
    await sleep(intervalMs);
  }
}

/** Resident memory of a process in MB, from /proc; null once it is gone. */
export async function rssMb(pid: number | undefined): Promise<number | null> {
  if (pid === undefined) return null;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

const TAIL_CHARS = 64 * 1024;

/**
 * One supervised child process: started by `start()`, killed with SIGKILL by `kill()` (what a crash looks like),
 * started again by `start()`. Keeps the last 64 KB of its output for failure messages, and tells `onUnexpectedExit`
 * when it died without being killed or stopped by us.
 */
export class Supervised {
  readonly name: string;
  readonly #command: string;
  readonly #args: () => string[];
  readonly #env: NodeJS.ProcessEnv;
  #child: ChildProcess | null = null;
  #exited: Promise<void> = Promise.resolve();
  #expectingExit = false;
  #tail = '';
  #lineListeners = new Set<(line: string) => void>();
  #partial = '';
  onUnexpectedExit: (code: number | null, signal: NodeJS.Signals | null) => void = () => {};
  starts = 0;

  constructor(name: string, command: string, args: () => string[], env: NodeJS.ProcessEnv) {
    this.name = name;
    this.#command = command;
    this.#args = args;
    this.#env = env;
  }

  get pid(): number | undefined {
    return this.running ? this.#child?.pid : undefined;
  }

  get running(): boolean {
    return this.#child !== null && this.#child.exitCode === null && this.#child.signalCode === null;
  }

  output(): string {
    return this.#tail;
  }

  start(): void {
    if (this.running) throw new Error(`${this.name} is already running`);
    this.#expectingExit = false;
    this.#partial = '';
    const child = spawn(this.#command, this.#args(), { env: this.#env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.#child = child;
    this.starts += 1;
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      this.#tail = (this.#tail + text).slice(-TAIL_CHARS);
      if (this.#lineListeners.size === 0) return;
      const lines = (this.#partial + text).split('\n');
      this.#partial = lines.pop() ?? '';
      for (const line of lines) for (const listener of this.#lineListeners) listener(line);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    this.#exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        if (!this.#expectingExit) this.onUnexpectedExit(code, signal);
        resolve();
      }),
    );
  }

  /** Resolves with the first line of output (from now on) that matches, or rejects on exit or timeout. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = this.#child;
      const done = (finish: () => void) => {
        clearTimeout(timer);
        this.#lineListeners.delete(listener);
        child?.off('exit', onExit);
        finish();
      };
      const listener = (line: string) => {
        if (pattern.test(line)) done(() => resolve(line));
      };
      const onExit = () => done(() => reject(new Error(`${this.name} exited before logging ${pattern}`)));
      const timer = setTimeout(
        () => done(() => reject(new Error(`${this.name} logged no ${pattern} within ${timeoutMs} ms`))),
        timeoutMs,
      );
      this.#lineListeners.add(listener);
      child?.once('exit', onExit);
    });
  }

  /** kill -9, and waits until the process is gone. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.#expectingExit = true;
    this.#child?.kill('SIGKILL');
    await this.#exited;
  }

  /** SIGTERM (a graceful stop), SIGKILL after `graceMs`. */
  async stop(graceMs = 20_000): Promise<void> {
    if (!this.running) return;
    this.#expectingExit = true;
    this.#child?.kill('SIGTERM');
    const timer = setTimeout(() => this.#child?.kill('SIGKILL'), graceMs);
    await this.#exited;
    clearTimeout(timer);
  }
}

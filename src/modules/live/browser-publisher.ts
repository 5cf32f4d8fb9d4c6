import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { LIVE_BROWSER_INGEST } from '../../config.ts';

const STDERR_TAIL_BYTES = 2048;

export interface PublisherExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderrTail: string;
}

/**
 * The ffmpeg that re-publishes one browser connection: what it is written goes to its stdin. It needs no watchdog
 * (compare runTool): if this process dies, its stdin closes and ffmpeg ends with the input.
 */
export class BrowserPublisher {
  readonly #child: ChildProcessByStdio<Writable, null, Readable>;
  #stderr = Buffer.alloc(0);
  /** Resolves once ffmpeg has exited (or could not start). */
  readonly exited: Promise<PublisherExit>;

  constructor(ffmpegPath: string, args: readonly string[]) {
    this.#child = spawn(ffmpegPath, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    // Writing after ffmpeg left fails with EPIPE: its exit says what happened.
    this.#child.stdin.on('error', () => {});
    this.#child.stderr.on('data', (chunk: Buffer) => {
      this.#stderr = Buffer.concat([this.#stderr, chunk]);
      if (this.#stderr.length > STDERR_TAIL_BYTES) this.#stderr = this.#stderr.subarray(-STDERR_TAIL_BYTES);
    });
    this.exited = new Promise((resolve) => {
      const exit = (code: number | null, signal: NodeJS.Signals | null) =>
        resolve({ code, signal, stderrTail: this.#stderr.toString('utf8') });
      this.#child.once('close', exit);
      this.#child.once('error', () => {
        if (this.#child.pid === undefined) exit(null, null);
      });
    });
  }

  get pid(): number | null {
    return this.#child.pid ?? null;
  }

  /** False when ffmpeg is behind: write no more until `onDrain`. */
  write(chunk: Buffer): boolean {
    return this.#child.stdin.write(chunk);
  }

  onDrain(listener: () => void): void {
    this.#child.stdin.on('drain', listener);
  }

  /** Ends the input: ffmpeg sends what it has and exits, or is killed when it takes too long. */
  async stop(): Promise<PublisherExit> {
    this.#child.stdin.end();
    const timer = setTimeout(() => this.kill(), LIVE_BROWSER_INGEST.exitWaitMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }

  kill(): void {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGKILL');
  }
}

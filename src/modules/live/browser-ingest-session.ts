import type { RawData, WebSocket } from 'ws';
import { LIVE_BROWSER_INGEST } from '../../config.ts';
import type { Logger } from '../../platform/logger.ts';
import { lastLines } from '../media/run-tool.ts';
import { browserRepublishArgs, parseIngestMime } from './browser-ingest-format.ts';
import { BrowserPublisher, type PublisherExit } from './browser-publisher.ts';
import type { PublishRefusal } from './service.ts';
import type { LiveStreamRow } from './store.ts';

/** How a browser ingest socket is closed (docs/api.md, "Going live from the browser"). */
export const INGEST_CLOSE = {
  goingAway: 1001,
  policy: 1008,
  tooBig: 1009,
  failed: 1011,
  keyRefused: 4401,
  replaced: 4409,
} as const;

const REFUSAL_REASONS: Record<PublishRefusal, string> = {
  'unknown-key': 'UNKNOWN_KEY',
  'expired-key': 'EXPIRED_KEY',
  ended: 'STREAM_ENDED',
};

const LONGEST_KEY = 100;
const LONGEST_MIME = 200;

export interface IngestSessionDeps {
  admit(key: string): Promise<LiveStreamRow | PublishRefusal>;
  /** The RTMP URL on this node where the admitted stream is published; null when this node takes no RTMP now. */
  handOver(stream: LiveStreamRow): string | null;
  ffmpegPath: string | null;
  /** The session was admitted to its stream (others of the same stream make way). */
  onAdmitted(session: IngestSession): void;
  log: Logger;
}

type State = 'awaiting-start' | 'admitting' | 'publishing' | 'closed';

function parseStart(bytes: Buffer): { key: string; mime: string } | null {
  try {
    const frame: unknown = JSON.parse(bytes.toString('utf8'));
    if (typeof frame !== 'object' || frame === null) return null;
    const { type, stream_key: key, mime } = frame as Record<string, unknown>;
    if (type !== 'start' || typeof key !== 'string' || typeof mime !== 'string') return null;
    return key.length <= LONGEST_KEY && mime.length <= LONGEST_MIME ? { key, mime } : null;
  } catch {
    return null;
  }
}

const bytesOf = (data: RawData): Buffer =>
  Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);

/**
 * One browser publishing over a WebSocket: a start frame with the key and the recorder's format, then the
 * recorder's chunks, written to an ffmpeg that re-publishes them to this node's RTMP ingest (the same key checks,
 * reconnect grace and transcoding as OBS). Memory stays bounded: while the key is checked, and whenever ffmpeg is
 * behind, the socket is not read (the browser's side buffers); ffmpeg behind for too long closes the socket.
 */
export class IngestSession {
  readonly #socket: WebSocket;
  readonly #deps: IngestSessionDeps;
  #state: State = 'awaiting-start';
  #streamId: string | null = null;
  #publisher: BrowserPublisher | null = null;
  /** Chunks read while the key was checked (the socket is paused then: at most what was already received). */
  #pending: Buffer[] = [];
  /** ffmpeg is behind: the socket is not read until it drains. */
  #behind = false;
  #deadline: NodeJS.Timeout | undefined;
  readonly #finished: { promise: Promise<void>; resolve: () => void } = Promise.withResolvers<void>();

  constructor(socket: WebSocket, deps: IngestSessionDeps) {
    this.#socket = socket;
    this.#deps = deps;
    this.#expireIn(LIVE_BROWSER_INGEST.startTimeoutMs, INGEST_CLOSE.policy, 'START_REQUIRED');
    socket.on('message', this.#onMessage);
    socket.on('close', () => this.close(INGEST_CLOSE.goingAway, 'CLOSED'));
  }

  get streamId(): string | null {
    return this.#streamId;
  }

  get publisherPid(): number | null {
    return this.#publisher?.pid ?? null;
  }

  /** Resolves once the session is over and its ffmpeg has exited. */
  get finished(): Promise<void> {
    return this.#finished.promise;
  }

  /** Ends the session: the socket is closed with `code` (unless it is already) and ffmpeg finishes its input. */
  close(code: number, reason: string): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    clearTimeout(this.#deadline);
    this.#pending = [];
    if (this.#socket.readyState === this.#socket.OPEN) this.#socket.close(code, reason);
    // Read on, so the closing handshake completes; what still arrives is dropped.
    this.#socket.resume();
    void (this.#publisher?.stop() ?? Promise.resolve()).then(() => this.#finished.resolve());
  }

  readonly #onMessage = (data: RawData, isBinary: boolean): void => {
    if (this.#state === 'closed') return;
    const bytes = bytesOf(data);
    if (bytes.length > LIVE_BROWSER_INGEST.maxFrameBytes) this.close(INGEST_CLOSE.tooBig, 'FRAME_TOO_BIG');
    else if (this.#state === 'awaiting-start') this.#onFirstFrame(bytes, isBinary);
    // Text frames after the start carry nothing (yet).
    else if (!isBinary) return;
    else if (this.#state === 'admitting') this.#pending.push(bytes);
    else this.#write(bytes);
  };

  #onFirstFrame(bytes: Buffer, isBinary: boolean): void {
    if (isBinary) {
      this.close(INGEST_CLOSE.policy, 'START_REQUIRED');
      return;
    }
    this.#start(bytes).catch((error: unknown) => {
      this.#deps.log.error({ err: error }, 'browser ingest failed to start');
      this.close(INGEST_CLOSE.failed, 'INGEST_FAILED');
    });
  }

  async #start(bytes: Buffer): Promise<void> {
    const start = parseStart(bytes);
    if (start === null) return this.close(INGEST_CLOSE.policy, 'START_REQUIRED');
    const format = parseIngestMime(start.mime);
    if (format === null) return this.close(INGEST_CLOSE.policy, 'UNSUPPORTED_MIME');
    const { ffmpegPath, log } = this.#deps;
    if (ffmpegPath === null) return this.close(INGEST_CLOSE.failed, 'INGEST_UNAVAILABLE');
    this.#state = 'admitting';
    clearTimeout(this.#deadline);
    this.#socket.pause();
    const admitted = await this.#deps.admit(start.key);
    if (this.#state !== 'admitting') return;
    if (typeof admitted === 'string') {
      log.info({ reason: admitted }, 'browser publisher refused');
      return this.close(INGEST_CLOSE.keyRefused, REFUSAL_REASONS[admitted]);
    }
    const rtmpUrl = this.#deps.handOver(admitted);
    if (rtmpUrl === null) return this.close(INGEST_CLOSE.failed, 'INGEST_UNAVAILABLE');
    this.#streamId = admitted.id;
    this.#deps.onAdmitted(this);
    const publisher = new BrowserPublisher(ffmpegPath, browserRepublishArgs(format, rtmpUrl));
    this.#publisher = publisher;
    this.#state = 'publishing';
    publisher.onDrain(this.#caughtUp);
    void publisher.exited.then(this.#publisherExited);
    log.info({ streamId: admitted.id, copyVideo: format.copyVideo }, 'browser publisher admitted');
    this.#socket.send(JSON.stringify({ type: 'ready', stream_id: admitted.id }));
    const pending = this.#pending;
    this.#pending = [];
    for (const chunk of pending) this.#write(chunk);
    if (!this.#behind) {
      this.#socket.resume();
      this.#expireIn(LIVE_BROWSER_INGEST.idleTimeoutMs, INGEST_CLOSE.policy, 'IDLE');
    }
  }

  #write(chunk: Buffer): void {
    if (this.#publisher?.write(chunk) !== false) {
      if (!this.#behind) this.#expireIn(LIVE_BROWSER_INGEST.idleTimeoutMs, INGEST_CLOSE.policy, 'IDLE');
      return;
    }
    if (this.#behind) return;
    this.#behind = true;
    this.#socket.pause();
    this.#expireIn(LIVE_BROWSER_INGEST.stalledTimeoutMs, INGEST_CLOSE.failed, 'INGEST_STALLED');
  }

  readonly #caughtUp = (): void => {
    if (this.#state !== 'publishing' || !this.#behind) return;
    this.#behind = false;
    this.#socket.resume();
    this.#expireIn(LIVE_BROWSER_INGEST.idleTimeoutMs, INGEST_CLOSE.policy, 'IDLE');
  };

  readonly #publisherExited = (exit: PublisherExit): void => {
    if (this.#state === 'closed') return;
    this.#deps.log.warn(
      { streamId: this.#streamId, code: exit.code, signal: exit.signal, ffmpeg: lastLines(exit.stderrTail) },
      'browser publisher’s ffmpeg ended while the browser was sending',
    );
    this.close(INGEST_CLOSE.failed, 'INGEST_FAILED');
  };

  #expireIn(ms: number, code: number, reason: string): void {
    clearTimeout(this.#deadline);
    this.#deadline = setTimeout(() => this.close(code, reason), ms);
  }
}

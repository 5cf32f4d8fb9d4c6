import type { WebSocket } from 'ws';
import type { Unsubscribe } from '../../platform/cache/cache.ts';
import type { Logger } from '../../platform/logger.ts';
import { INGEST_CLOSE, IngestSession } from './browser-ingest-session.ts';
import type { RtmpIngest } from './rtmp-ingest.ts';
import type { LiveService } from './service.ts';

export interface BrowserIngestDeps {
  live: LiveService;
  rtmp: RtmpIngest;
  /** The ffmpeg found at start; null when there is none (publishers are then refused). */
  ffmpegPath: string | null;
  log: Logger;
}

/**
 * Going live from the browser (`/v1/live/ingest`): every socket is an IngestSession whose ffmpeg re-publishes to
 * this node's RTMP ingest. One stream has one browser publisher here: the newest takes over. A stream that ends
 * (its host, on any node) closes its publisher's socket with STREAM_ENDED.
 */
export class BrowserIngest {
  readonly #deps: BrowserIngestDeps;
  readonly #sessions = new Set<IngestSession>();
  #unsubscribe: Unsubscribe | null = null;
  #closed = false;

  constructor(deps: BrowserIngestDeps) {
    this.#deps = deps;
  }

  /** Starts hearing of ended streams; server.ts calls it where the RTMP ingest listens. */
  async start(): Promise<void> {
    this.#unsubscribe ??= await this.#deps.live.onEnded((streamId) => {
      for (const session of this.#sessionsOf(streamId)) session.close(INGEST_CLOSE.keyRefused, 'STREAM_ENDED');
    });
  }

  serve(socket: WebSocket): void {
    if (this.#closed) {
      socket.close(INGEST_CLOSE.goingAway, 'GOING_AWAY');
      return;
    }
    const { live, rtmp, ffmpegPath, log } = this.#deps;
    const session = new IngestSession(socket, {
      admit: (key) => live.admitPublisher(key),
      handOver: (stream) => rtmp.handOver(stream),
      ffmpegPath,
      onAdmitted: (admitted) => {
        for (const other of this.#sessionsOf(admitted.streamId)) {
          if (other !== admitted) other.close(INGEST_CLOSE.replaced, 'REPLACED');
        }
      },
      log,
    });
    this.#sessions.add(session);
    void session.finished.then(() => this.#sessions.delete(session));
  }

  /** The pid of the ffmpeg publishing `streamId` from a browser here (tests look at it). */
  publisherPid(streamId: string): number | null {
    return this.#sessionsOf(streamId)[0]?.publisherPid ?? null;
  }

  /** Closes every browser publisher and waits for their ffmpegs to exit. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#unsubscribe?.();
    this.#unsubscribe = null;
    const sessions = [...this.#sessions];
    for (const session of sessions) session.close(INGEST_CLOSE.goingAway, 'GOING_AWAY');
    await Promise.all(sessions.map((session) => session.finished));
  }

  #sessionsOf(streamId: string | null): IngestSession[] {
    return [...this.#sessions].filter((session) => session.streamId !== null && session.streamId === streamId);
  }
}

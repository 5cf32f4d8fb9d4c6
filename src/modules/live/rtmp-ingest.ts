import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { LIVE, LIVE_BROWSER_INGEST } from '../../config.ts';
import type { BlobStore } from '../../platform/blob/blob-store.ts';
import type { Cache, Unsubscribe } from '../../platform/cache/cache.ts';
import type { Logger } from '../../platform/logger.ts';
import type { LiveReplays } from './replay.ts';
import { nodeMediaServer, type RtmpSession } from './rtmp-server.ts';
import type { LiveService, PublishRefusal } from './service.ts';
import type { LiveStreamRow } from './store.ts';
import { newStreamKey } from './stream-key.ts';
import { LiveTranscode } from './transcoder.ts';

/** The RTMP application publishers connect to: `rtmp://host:port/live` with the stream key as the stream name. */
export const RTMP_APP = 'live';

export interface RtmpIngestDeps {
  live: LiveService;
  blobs: BlobStore;
  cache: Cache;
  /** The ffmpeg found at start; null when there is none (publishers are then refused). */
  ffmpegPath: string | null;
  preset: string;
  /** Where ffmpeg writes each stream's segments before they are stored (DATA_DIR/tmp/live). */
  workDir: string;
  reconnectGraceMs: number;
  /** Records the streams that asked for a replay and hands the recording over when they end. */
  replays: LiveReplays;
  log: Logger;
}

interface OnAir {
  streamId: string;
  /** As admitted: who hosts it, and whether it is recorded for a replay. */
  stream: LiveStreamRow;
  key: string;
  session: RtmpSession;
  transcode: LiveTranscode | null;
}

/** A connection from this machine (the transcoder): it reached us at the address it came from. */
const isFromThisHost = (session: RtmpSession) =>
  session.socket.remoteAddress !== undefined && session.socket.remoteAddress === session.socket.localAddress;

/** Where the transcoder on this machine reaches the server: loopback when it listens on every address. */
function localAddressOf(host: string): string {
  if (host === '' || host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * RTMP ingest in this process (node-media-server's sessions on our own TCP server). A publisher's key is checked
 * as it starts publishing: a wrong, expired or ended one closes the connection. An admitted publisher puts the
 * stream on air and gets one transcode. A publisher who drops may come back within the grace period and continue
 * the same stream; after that much silence the stream ends. Playing over RTMP is for the transcoder on this machine only.
 */
export class RtmpIngest {
  readonly #deps: RtmpIngestDeps;
  /** Loaded when the ingest starts listening: a node without ingest never loads node-media-server. */
  #nms: ReturnType<typeof nodeMediaServer> | null = null;
  readonly #mine = new Set<RtmpSession>();
  readonly #onAir = new Map<string, OnAir>();
  readonly #silence = new Map<string, NodeJS.Timeout>();
  #server: Server | null = null;
  #port: number | null = null;
  #localAddress = '127.0.0.1';
  #unsubscribe: Unsubscribe | null = null;
  #heartbeat: NodeJS.Timeout | null = null;
  /** One-time stream names of publishers admitted already (browser ingest): name → stream and expiry. */
  readonly #handOvers = new Map<string, { stream: LiveStreamRow; expiresAt: number }>();
  /** Steps in flight (admissions, ends, heartbeats), awaited on close. */
  readonly #work = new Set<Promise<unknown>>();

  constructor(deps: RtmpIngestDeps) {
    this.#deps = deps;
  }

  /** The port publishers connect to, once listening. */
  get port(): number | null {
    return this.#port;
  }

  async listen(port: number, host: string): Promise<number> {
    const nms = nodeMediaServer();
    this.#nms = nms;
    nms.logger.level = 'error';
    nms.events.on('prePublish', this.#prePublish);
    nms.events.on('donePublish', this.#donePublish);
    nms.events.on('prePlay', this.#prePlay);
    this.#unsubscribe = await this.#deps.live.onEnded((streamId) => this.#track(this.#ended(streamId)));
    const server = createServer((socket) => {
      const session = new nms.RtmpSession(socket);
      this.#mine.add(session);
      socket.on('close', () => {
        this.#mine.delete(session);
      });
      session.run();
      nms.sessions.set(session.id, session);
    });
    this.#server = server;
    this.#heartbeat = setInterval(() => this.#track(this.#vouch()), LIVE.heartbeatMs);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.#localAddress = localAddressOf(host);
    const address = server.address();
    this.#port = typeof address === 'object' && address ? address.port : port;
    return this.#port;
  }

  /** Stops listening, drops every publisher and stops every transcode (streams stay on air for another node). */
  async close(): Promise<void> {
    this.#nms?.events.off('prePublish', this.#prePublish);
    this.#nms?.events.off('donePublish', this.#donePublish);
    this.#nms?.events.off('prePlay', this.#prePlay);
    await this.#unsubscribe?.();
    this.#unsubscribe = null;
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    this.#heartbeat = null;
    for (const timer of this.#silence.values()) clearTimeout(timer);
    this.#silence.clear();
    this.#handOvers.clear();
    const server = this.#server;
    this.#server = null;
    this.#port = null;
    const closed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
    for (const session of this.#mine) session.socket.destroy();
    await closed;
    await Promise.all(this.#work);
    await Promise.all([...this.#onAir.values()].map((air) => air.transcode?.stop(false)));
    this.#onAir.clear();
  }

  /** Whether a stream's publisher dropped here and its grace period to come back is running (tests look). */
  awaitingReconnect(streamId: string): boolean {
    return this.#silence.has(streamId);
  }

  /** The transcode of a stream on air here (tests look at its restarts). */
  transcodeOf(streamId: string): LiveTranscode | null {
    return this.#onAir.get(streamId)?.transcode ?? null;
  }

  /**
   * Where a publisher on this machine that was admitted already (the browser ingest's ffmpeg) publishes `stream`:
   * a URL with a one-time stream name, so the stream key never reaches a command line. Null when not listening.
   */
  handOver(stream: LiveStreamRow): string | null {
    if (this.#port === null) return null;
    const now = Date.now();
    for (const [name, pass] of this.#handOvers) if (pass.expiresAt <= now) this.#handOvers.delete(name);
    const name = newStreamKey();
    this.#handOvers.set(name, { stream, expiresAt: now + LIVE_BROWSER_INGEST.handOverTtlMs });
    return `rtmp://${this.#localAddress}:${this.#port}/${RTMP_APP}/${name}`;
  }

  /** Tells every api node that this node still holds these streams (see LiveService.endAbandoned). */
  #vouch(): Promise<void> {
    return this.#onAir.size === 0 ? Promise.resolve() : this.#deps.live.keepOnAir([...this.#onAir.keys()]);
  }

  #track(work: Promise<unknown>): void {
    const step = work
      .catch((error: unknown) => this.#deps.log.error({ err: error }, 'live ingest step failed'))
      .finally(() => this.#work.delete(step));
    this.#work.add(step);
  }

  readonly #prePublish = (session: RtmpSession): void => {
    if (!this.#mine.has(session)) return;
    // Our own grace period decides when a dropped publisher's stream ends, so node-media-server lets go at once.
    session.broadcast.publishGraceMs = 0;
    this.#track(this.#admit(session));
  };

  readonly #donePublish = (session: RtmpSession): void => {
    // Only sessions this ingest admitted are on air here (the socket has left `#mine` by now).
    const air = [...this.#onAir.values()].find((entry) => entry.session === session);
    if (air) this.#track(this.#publisherGone(air));
  };

  readonly #prePlay = (session: RtmpSession): void => {
    if (this.#mine.has(session) && !isFromThisHost(session)) session.close();
  };

  async #admit(session: RtmpSession): Promise<void> {
    const { log } = this.#deps;
    const key = session.streamName;
    const admitted = await this.#admission(session);
    if (typeof admitted === 'string') {
      log.info({ session: session.id, reason: admitted }, 'RTMP publisher refused');
      session.close();
      return;
    }
    if (this.#deps.ffmpegPath === null) {
      log.error({ streamId: admitted.id }, 'RTMP publisher refused: no ffmpeg to transcode with');
      session.close();
      return;
    }
    // node-media-server refused it (the stream has a publisher already) or it left while we looked.
    if (session.broadcast.publisher !== session || session.socket.destroyed) return;
    clearTimeout(this.#silence.get(admitted.id));
    this.#silence.delete(admitted.id);
    const previous = this.#onAir.get(admitted.id);
    // The newest publisher takes the stream (one reconnecting before its old connection was seen to drop).
    if (previous && previous.session !== session) previous.session.close();
    const air: OnAir = { streamId: admitted.id, stream: admitted, key, session, transcode: null };
    this.#onAir.set(admitted.id, air);
    await this.#vouch();
    await previous?.transcode?.stop(false);
    log.info({ streamId: admitted.id, session: session.id, resumed: previous !== undefined }, 'RTMP publisher on air');
    await this.#waitForMetadata(session);
    if (this.#onAir.get(admitted.id) !== air || session.socket.destroyed) return;
    air.transcode = new LiveTranscode({
      streamId: admitted.id,
      input: `rtmp://${this.#localAddress}:${this.#port}/${RTMP_APP}/${key}`,
      source: { width: session.videoWidth, height: session.videoHeight, hasAudio: session.audioCodec !== 0 },
      ffmpegPath: this.#deps.ffmpegPath,
      preset: this.#deps.preset,
      dir: join(this.#deps.workDir, admitted.id),
      recordingDir: admitted.replay ? this.#deps.replays.dirOf(admitted.id) : null,
      blobs: this.#deps.blobs,
      cache: this.#deps.cache,
      packager: previous?.transcode?.packager,
      log: log.child({ streamId: admitted.id }),
    });
    await air.transcode.start();
  }

  async #admission(session: RtmpSession): Promise<LiveStreamRow | PublishRefusal> {
    const name = session.streamName;
    if (session.streamApp !== RTMP_APP || !name) return 'unknown-key';
    const handedOver = this.#handOvers.get(name);
    if (handedOver === undefined) return this.#deps.live.admitPublisher(name);
    this.#handOvers.delete(name);
    const valid = handedOver.expiresAt > Date.now() && isFromThisHost(session);
    return valid ? handedOver.stream : 'unknown-key';
  }

  async #waitForMetadata(session: RtmpSession): Promise<void> {
    const deadline = Date.now() + LIVE.metadataWaitMs;
    while (session.videoWidth === 0 && Date.now() < deadline && !session.socket.destroyed) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async #publisherGone(air: OnAir): Promise<void> {
    if (this.#onAir.get(air.streamId) !== air) return;
    this.#deps.log.info({ streamId: air.streamId }, 'RTMP publisher gone: waiting for it to reconnect');
    const timer = setTimeout(() => this.#track(this.#silent(air)), this.#deps.reconnectGraceMs);
    this.#silence.set(air.streamId, timer);
    await air.transcode?.stop(false);
  }

  async #silent(air: OnAir): Promise<void> {
    this.#silence.delete(air.streamId);
    if (this.#onAir.get(air.streamId) !== air) return;
    this.#onAir.delete(air.streamId);
    await this.#deps.live.endForSilence(air.streamId);
    await air.transcode?.stop(true);
    await this.#replay(air);
  }

  /** The stream ended (its host, on any node): drop its publisher and finish its playlists. */
  async #ended(streamId: string): Promise<void> {
    clearTimeout(this.#silence.get(streamId));
    this.#silence.delete(streamId);
    const air = this.#onAir.get(streamId);
    if (!air) return;
    this.#onAir.delete(streamId);
    air.session.close();
    await air.transcode?.stop(true);
    await this.#replay(air);
  }

  /** Once the stream's last run stopped: its recording becomes the host's video. */
  async #replay(air: OnAir): Promise<void> {
    if (air.stream.replay) await this.#deps.replays.finish(air.stream);
  }
}

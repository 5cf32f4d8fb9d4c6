import { LIVE } from '../../config.ts';
import type { BlobStore } from '../../platform/blob/blob-store.ts';
import type { Cache } from '../../platform/cache/cache.ts';
import type { Logger } from '../../platform/logger.ts';
import { renderMasterPlaylist } from '../media/master-playlist.ts';
import { BoxSplitter, type InitInfo, readFragment, readInit } from './fmp4.ts';
import type { LiveRung } from './ladder.ts';
import { writePlaylist } from './live-playlists.ts';
import { firstSequenceNumber, RenditionTimeline, type TimelineSegment } from './rendition-timeline.ts';

export const PLAYLIST_TYPE = 'application/vnd.apple.mpegurl';
export const SEGMENT_TYPE = 'video/mp4';

/** The blob key of a file of a stream's HLS output (`v0/init-r….mp4`, `v0/s123.m4s`, `v0/s123.4.m4s`). */
export function liveBlobKey(streamId: string, file: string): string {
  return `live/${streamId}/${file}`;
}

interface Rendition {
  index: number;
  rung: LiveRung;
  timeline: RenditionTimeline;
  splitter: BoxSplitter;
  ftyp: Buffer | null;
  moof: Buffer | null;
  init: InitInfo | null;
  /** The bytes of the parts of segments not yet stored whole, by sequence number. */
  partsOf: Map<number, Buffer[]>;
  /** Handles this rendition's boxes in order: stores are asynchronous, ffmpeg does not wait. */
  queue: Promise<void>;
}

/**
 * Packages a stream's LL-HLS from the fragmented MP4 that ffmpeg writes for each rendition (ladder.ts): every
 * fragment is stored as a part as soon as it is complete, every segment whole once its last part is in, and the
 * playlists go to the cache (live-playlists.ts), so every api node serves the stream at its live edge. Files
 * that left the window are deleted a while later (players may still be fetching them).
 */
export class HlsPackager {
  readonly #streamId: string;
  readonly #blobs: BlobStore;
  readonly #cache: Cache;
  readonly #log: Logger;
  readonly #renditions: Rendition[];
  readonly #leaving: Array<{ at: number; files: string[] }> = [];
  #masterWritten = false;
  #failed = false;

  constructor(deps: { streamId: string; rungs: readonly LiveRung[]; blobs: BlobStore; cache: Cache; log: Logger }) {
    this.#streamId = deps.streamId;
    this.#blobs = deps.blobs;
    this.#cache = deps.cache;
    this.#log = deps.log;
    const firstMsn = firstSequenceNumber();
    this.#renditions = deps.rungs.map((rung, index) => ({
      index,
      rung,
      timeline: new RenditionTimeline({
        firstMsn,
        segmentSeconds: LIVE.segmentSeconds,
        partTargetSeconds: LIVE.partTargetSeconds,
        windowSegments: LIVE.playlistSegments,
        segmentsWithParts: LIVE.segmentsWithParts,
      }),
      splitter: new BoxSplitter(),
      ftyp: null,
      moof: null,
      init: null,
      partsOf: new Map(),
      queue: Promise.resolve(),
    }));
  }

  /** Whether it packages exactly this ladder (a reconnecting publisher may come back at another size). */
  fits(rungs: readonly LiveRung[]): boolean {
    return (
      rungs.length === this.#renditions.length &&
      rungs.every((rung, i) => {
        const mine = this.#renditions[i]?.rung;
        return mine?.width === rung.width && mine.height === rung.height;
      })
    );
  }

  /** The readers of one transcode run's outputs, one per rendition in ladder order (ffmpeg's pipe:3, pipe:4 …). */
  startRun(run: number): Array<(chunk: Buffer) => void> {
    return this.#renditions.map((rendition) => {
      rendition.splitter = new BoxSplitter();
      rendition.ftyp = null;
      rendition.moof = null;
      return (chunk: Buffer) => {
        for (const box of rendition.splitter.push(chunk)) {
          rendition.queue = rendition.queue
            .then(() => this.#handle(rendition, run, box.type, box.bytes))
            .catch((error: unknown) => this.#warn(error));
        }
      };
    });
  }

  /** Waits for what was handed over to be stored; with `ended`, the last segments close and the playlists end. */
  async stop(ended: boolean): Promise<void> {
    await Promise.all(this.#renditions.map((rendition) => rendition.queue));
    if (!ended) return;
    await Promise.all(
      this.#renditions.map(async (rendition) => {
        const last = rendition.timeline.end();
        if (last) await this.#storeSegment(rendition, last);
        await this.#publishPlaylist(rendition);
      }),
    ).catch((error: unknown) => this.#warn(error));
  }

  async #handle(rendition: Rendition, run: number, type: string, bytes: Buffer): Promise<void> {
    if (type === 'ftyp') rendition.ftyp = bytes;
    else if (type === 'moov') await this.#storeInit(rendition, run, bytes);
    else if (type === 'moof') rendition.moof = bytes;
    else if (type === 'mdat' && rendition.moof && rendition.init) {
      const moof = rendition.moof;
      rendition.moof = null;
      await this.#storePart(rendition, Buffer.concat([moof, bytes]), readFragment(moof, rendition.init));
    }
  }

  async #storeInit(rendition: Rendition, run: number, moov: Buffer): Promise<void> {
    const file = `init-r${run}.mp4`;
    rendition.init = readInit(moov);
    await this.#put(rendition, file, Buffer.concat([rendition.ftyp ?? Buffer.alloc(0), moov]));
    const closed = rendition.timeline.startRun(file);
    if (closed) await this.#storeSegment(rendition, closed);
    await this.#writeMasterOnce();
  }

  async #storePart(rendition: Rendition, bytes: Buffer, fragment: ReturnType<typeof readFragment>): Promise<void> {
    const { uri, closed } = rendition.timeline.addFragment(fragment);
    if (closed) await this.#storeSegment(rendition, closed);
    await this.#put(rendition, uri, bytes);
    const msn = rendition.timeline.edge.msn;
    const parts = rendition.partsOf.get(msn) ?? [];
    parts.push(bytes);
    rendition.partsOf.set(msn, parts);
    for (const gone of rendition.timeline.retire()) {
      this.#leaving.push({
        at: Date.now(),
        files: [gone.uri, ...gone.parts.map((part) => part.uri)].map((file) => `v${rendition.index}/${file}`),
      });
    }
    await this.#publishPlaylist(rendition);
    await this.#deleteLeft();
  }

  /** A segment is its parts back to back (each a moof and its mdat): a valid fMP4 media segment. */
  async #storeSegment(rendition: Rendition, segment: TimelineSegment): Promise<void> {
    const parts = rendition.partsOf.get(segment.msn) ?? [];
    rendition.partsOf.delete(segment.msn);
    await this.#put(rendition, segment.uri, Buffer.concat(parts));
  }

  async #publishPlaylist(rendition: Rendition): Promise<void> {
    const { timeline } = rendition;
    await writePlaylist(this.#cache, this.#streamId, `v${rendition.index}/index.m3u8`, {
      text: timeline.playlist(),
      edge: timeline.edge,
    });
  }

  /** The master names every rendition with its codecs, known once each has its init section. */
  async #writeMasterOnce(): Promise<void> {
    if (this.#masterWritten || this.#renditions.some((rendition) => rendition.init === null)) return;
    this.#masterWritten = true;
    const text = renderMasterPlaylist(
      this.#renditions.map(({ index, rung, init }) => ({
        uri: `v${index}/index.m3u8`,
        bandwidth: (rung.videoKbps + LIVE.audioKbps) * 1000,
        width: init?.width || rung.width,
        height: init?.height || rung.height,
        codecs: (init?.codecs ?? []).join(','),
      })),
    );
    await writePlaylist(this.#cache, this.#streamId, 'master.m3u8', { text, edge: null });
  }

  async #put(rendition: Rendition, file: string, bytes: Buffer): Promise<void> {
    await this.#blobs.put(liveBlobKey(this.#streamId, `v${rendition.index}/${file}`), bytes, SEGMENT_TYPE);
  }

  async #deleteLeft(): Promise<void> {
    const due = Date.now() - LIVE.segmentRetentionMs;
    while (this.#leaving.length > 0 && (this.#leaving[0]?.at ?? Number.POSITIVE_INFINITY) <= due) {
      const { files } = this.#leaving.shift() as { files: string[] };
      await Promise.all(files.map((file) => this.#blobs.delete(liveBlobKey(this.#streamId, file))));
    }
  }

  /** Logged once: the next failure of a broken store would say the same five times a second. */
  #warn(error: unknown): void {
    if (this.#failed) return;
    this.#failed = true;
    this.#log.warn({ err: error, streamId: this.#streamId }, 'live HLS not stored');
  }
}

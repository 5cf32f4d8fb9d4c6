import type { FragmentInfo } from './fmp4.ts';

export interface TimelineSettings {
  /** The media sequence number of the first segment: see `firstSequenceNumber`. */
  firstMsn: number;
  /** Segments last this long (a keyframe starts each); parts are ffmpeg's fragments within them. */
  segmentSeconds: number;
  /** No part is longer than this (EXT-X-PART-INF). */
  partTargetSeconds: number;
  /** Complete segments the playlist keeps. */
  windowSegments: number;
  /** Segments at the end of the playlist that list their parts (older parts are gone from the playlist). */
  segmentsWithParts: number;
}

export interface TimelinePart {
  uri: string;
  seconds: number;
  independent: boolean;
}

export interface TimelineSegment {
  msn: number;
  /** The init section its parts need (EXT-X-MAP); a new one after ffmpeg restarted. */
  map: string;
  /** Follows a restart of the transcode: timestamps and init start over. */
  discontinuity: boolean;
  startedAt: Date;
  parts: TimelinePart[];
  seconds: number;
  complete: boolean;
  uri: string;
}

/** Where the playlist's live edge is: the newest segment and its last part. What blocking reloads wait for. */
export interface EdgePosition {
  msn: number;
  /** Index of the last part of segment `msn`; -1 before its first. */
  part: number;
  ended: boolean;
}

/**
 * A media sequence start that grows with the wall clock (segments last at least a second), so a transcode that
 * starts over for the same stream (the publisher reconnected) continues the numbering instead of going back.
 */
export function firstSequenceNumber(now = Date.now()): number {
  return Math.floor(now / 1000) - 1_700_000_000;
}

const seconds = (value: number) => value.toFixed(5);

/**
 * One rendition's LL-HLS timeline: ffmpeg's fragments become parts, parts group into segments that each start on
 * a keyframe, and the window of the last segments renders as a media playlist (RFC 8216bis: EXT-X-PART,
 * EXT-X-PRELOAD-HINT, CAN-BLOCK-RELOAD). File names come only from sequence numbers.
 */
export class RenditionTimeline {
  readonly #settings: TimelineSettings;
  readonly #segments: TimelineSegment[] = [];
  #nextMsn: number;
  #map: string | null = null;
  #afterRestart = false;
  #discontinuitiesDropped = 0;
  #ended = false;

  constructor(settings: TimelineSettings) {
    this.#settings = settings;
    this.#nextMsn = settings.firstMsn;
  }

  /**
   * A transcode run begins with its init section: the next segment starts over (a discontinuity after the first).
   * Returns the segment the previous run left open, now closed.
   */
  startRun(initUri: string): TimelineSegment | null {
    if (this.#map !== null) this.#afterRestart = true;
    this.#map = initUri;
    const open = this.#segments.at(-1);
    return open && !open.complete ? this.#close(open) : null;
  }

  /**
   * Places a fragment: it opens a new segment when it starts on a keyframe and the open one is long enough (or
   * after a restart). Returns the part's file name and the segment closed to make room, if any.
   */
  addFragment(fragment: FragmentInfo, at = new Date()): { uri: string; closed: TimelineSegment | null } {
    if (this.#map === null) throw new Error('a fragment before its init section');
    let open = this.#segments.at(-1);
    let closed: TimelineSegment | null = null;
    if (open && !open.complete && fragment.independent && this.#isFull(open)) closed = this.#close(open);
    if (!open || open.complete) {
      const msn = this.#nextMsn++;
      open = {
        msn,
        map: this.#map,
        discontinuity: this.#afterRestart,
        startedAt: at,
        parts: [],
        seconds: 0,
        complete: false,
        uri: `s${msn}.m4s`,
      };
      this.#afterRestart = false;
      this.#segments.push(open);
    }
    const uri = `s${open.msn}.${open.parts.length}.m4s`;
    open.parts.push({ uri, seconds: fragment.seconds, independent: fragment.independent });
    open.seconds += fragment.seconds;
    return { uri, closed };
  }

  /** The publisher stopped: the open segment is the last one. */
  end(): TimelineSegment | null {
    this.#ended = true;
    const open = this.#segments.at(-1);
    return open && !open.complete ? this.#close(open) : null;
  }

  /** Segments that fell out of the window since the last call, oldest first. */
  retire(): TimelineSegment[] {
    const complete = this.#segments.filter((segment) => segment.complete).length;
    const excess = complete - this.#settings.windowSegments;
    if (excess <= 0) return [];
    const gone = this.#segments.splice(0, excess);
    // A tag before the first segment is not written (its EXT-X-MAP says enough): it counts as removed then.
    const next = this.#segments[0];
    const removed = [...gone, ...(next ? [next] : [])].filter((segment) => segment.discontinuity);
    this.#discontinuitiesDropped += removed.length;
    for (const segment of removed) segment.discontinuity = false;
    return gone;
  }

  get edge(): EdgePosition {
    const last = this.#segments.at(-1);
    if (!last) return { msn: this.#nextMsn - 1, part: -1, ended: this.#ended };
    return { msn: last.msn, part: last.parts.length - 1, ended: this.#ended };
  }

  playlist(): string {
    const { segmentSeconds, partTargetSeconds, segmentsWithParts } = this.#settings;
    const first = this.#segments[0];
    const lines = [
      '#EXTM3U',
      '#EXT-X-VERSION:9',
      `#EXT-X-TARGETDURATION:${Math.ceil(segmentSeconds * 1.5)}`,
      `#EXT-X-PART-INF:PART-TARGET=${seconds(partTargetSeconds)}`,
      `#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=${seconds(partTargetSeconds * 3)}`,
      `#EXT-X-MEDIA-SEQUENCE:${first?.msn ?? this.#nextMsn}`,
      `#EXT-X-DISCONTINUITY-SEQUENCE:${this.#discontinuitiesDropped}`,
      '#EXT-X-INDEPENDENT-SEGMENTS',
    ];
    const withParts = this.#segments.length - segmentsWithParts;
    for (const [i, segment] of this.#segments.entries()) {
      if (i > 0 && segment.discontinuity) lines.push('#EXT-X-DISCONTINUITY');
      if (i === 0 || segment.map !== this.#segments[i - 1]?.map) lines.push(`#EXT-X-MAP:URI="${segment.map}"`);
      lines.push(`#EXT-X-PROGRAM-DATE-TIME:${segment.startedAt.toISOString()}`);
      if (i >= withParts || !segment.complete) {
        for (const part of segment.parts) {
          const independent = part.independent ? ',INDEPENDENT=YES' : '';
          lines.push(`#EXT-X-PART:DURATION=${seconds(part.seconds)},URI="${part.uri}"${independent}`);
        }
      }
      if (segment.complete) lines.push(`#EXTINF:${seconds(segment.seconds)},`, segment.uri);
    }
    if (this.#ended) lines.push('#EXT-X-ENDLIST');
    else if (this.#map !== null) lines.push(`#EXT-X-PRELOAD-HINT:TYPE=PART,URI="${this.#nextPartUri()}"`);
    return `${lines.join('\n')}\n`;
  }

  /** The part expected next: a keyframe, so a new segment, once the open one is long enough. */
  #nextPartUri(): string {
    const open = this.#segments.at(-1);
    if (open && !open.complete && !this.#isFull(open)) return `s${open.msn}.${open.parts.length}.m4s`;
    return `s${this.#nextMsn}.0.m4s`;
  }

  /** Long enough to end at the next keyframe (a frame's worth of slack for timestamps that do not add up exactly). */
  #isFull(segment: TimelineSegment): boolean {
    return segment.seconds >= this.#settings.segmentSeconds - 0.05;
  }

  #close(segment: TimelineSegment): TimelineSegment {
    segment.complete = true;
    return segment;
  }
}

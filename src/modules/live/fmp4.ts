/**
 * Just enough of ISO BMFF (fragmented MP4) to package LL-HLS from ffmpeg's output: split a byte stream into
 * top-level boxes, read the tracks of the initialization section (moov), and read each fragment's (moof) video
 * duration and whether it starts on a keyframe. Every field read here is bounds-checked: the bytes come from our
 * own ffmpeg, but a truncated write must not throw past the packager.
 */

export interface Box {
  type: string;
  /** The whole box, header included. */
  bytes: Buffer;
}

/** Splits a stream of bytes into complete top-level boxes, whatever the chunking. */
export class BoxSplitter {
  #pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Box[] {
    this.#pending = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    const boxes: Box[] = [];
    let offset = 0;
    while (this.#pending.length - offset >= 8) {
      const size = boxSize(this.#pending, offset);
      if (size === null) throw new Error('fMP4: a box with an unsupported size');
      if (this.#pending.length - offset < size) break;
      const bytes = this.#pending.subarray(offset, offset + size);
      boxes.push({ type: bytes.toString('latin1', 4, 8), bytes: Buffer.from(bytes) });
      offset += size;
    }
    this.#pending = this.#pending.subarray(offset);
    return boxes;
  }
}

function boxSize(buffer: Buffer, offset: number): number | null {
  const size = buffer.readUInt32BE(offset);
  if (size === 1) {
    if (buffer.length - offset < 16) return Number.MAX_SAFE_INTEGER;
    const large = Number(buffer.readBigUInt64BE(offset + 8));
    return large >= 16 ? large : null;
  }
  return size >= 8 ? size : null;
}

/** The child boxes of a container box's payload (from `start` within `box`). */
function children(box: Buffer, start = 8): Map<string, Buffer[]> {
  const found = new Map<string, Buffer[]>();
  let offset = start;
  while (box.length - offset >= 8) {
    const size = boxSize(box, offset);
    if (size === null || offset + size > box.length) break;
    const type = box.toString('latin1', offset + 4, offset + 8);
    const list = found.get(type) ?? [];
    list.push(box.subarray(offset, offset + size));
    found.set(type, list);
    offset += size;
  }
  return found;
}

const first = (boxes: Map<string, Buffer[]>, type: string) => boxes.get(type)?.[0];

/** Depth-first search for the first box of `type` anywhere under `box` (for avcC inside the sample entry). */
function findDeep(box: Buffer, type: string): Buffer | undefined {
  const at = box.indexOf(type, 8, 'latin1');
  if (at < 4) return undefined;
  const size = box.readUInt32BE(at - 4);
  return at - 4 + size <= box.length ? box.subarray(at - 4, at - 4 + size) : undefined;
}

export interface TrackInfo {
  id: number;
  kind: 'video' | 'audio' | 'other';
  timescale: number;
  /** From trex: what a fragment's samples take when tfhd and trun do not say. */
  defaultDuration: number;
  defaultFlags: number;
}

export interface InitInfo {
  tracks: TrackInfo[];
  /** RFC 6381 codec strings for the master playlist's CODECS (avc1.PPCCLL, mp4a.40.2). */
  codecs: string[];
  /** The video track's picture size (tkhd), 0 × 0 without video. */
  width: number;
  height: number;
}

const hex2 = (value: number) => value.toString(16).padStart(2, '0');

/** Reads the tracks of a moov box. */
export function readInit(moov: Buffer): InitInfo {
  const top = children(moov);
  const defaults = new Map<number, { duration: number; flags: number }>();
  const mvex = first(top, 'mvex');
  for (const trex of mvex ? (children(mvex).get('trex') ?? []) : []) {
    if (trex.length < 32) continue;
    defaults.set(trex.readUInt32BE(12), { duration: trex.readUInt32BE(20), flags: trex.readUInt32BE(28) });
  }
  const tracks: TrackInfo[] = [];
  const codecs: string[] = [];
  let width = 0;
  let height = 0;
  for (const trak of top.get('trak') ?? []) {
    const parts = children(trak);
    const tkhd = first(parts, 'tkhd');
    const mdia = first(parts, 'mdia');
    if (!tkhd || !mdia) continue;
    const id = tkhd.readUInt8(8) === 1 ? tkhd.readUInt32BE(28) : tkhd.readUInt32BE(20);
    const media = children(mdia);
    const mdhd = first(media, 'mdhd');
    const hdlr = first(media, 'hdlr');
    if (!mdhd || !hdlr) continue;
    const timescale = mdhd.readUInt8(8) === 1 ? mdhd.readUInt32BE(28) : mdhd.readUInt32BE(20);
    const handler = hdlr.toString('latin1', 16, 20);
    const kind = handler === 'vide' ? 'video' : handler === 'soun' ? 'audio' : 'other';
    const fallback = defaults.get(id) ?? { duration: 0, flags: 0 };
    tracks.push({ id, kind, timescale, defaultDuration: fallback.duration, defaultFlags: fallback.flags });
    if (kind === 'video') {
      // tkhd ends with the width and height, 16.16 fixed point.
      width = tkhd.readUInt32BE(tkhd.length - 8) >>> 16;
      height = tkhd.readUInt32BE(tkhd.length - 4) >>> 16;
      const avcC = findDeep(trak, 'avcC');
      if (avcC && avcC.length >= 12)
        codecs.push(`avc1.${hex2(avcC[9] ?? 0)}${hex2(avcC[10] ?? 0)}${hex2(avcC[11] ?? 0)}`);
    } else if (kind === 'audio' && findDeep(trak, 'mp4a')) {
      codecs.push('mp4a.40.2');
    }
  }
  return { tracks, codecs, width, height };
}

export interface FragmentInfo {
  /** The video track's duration in this fragment, in seconds (the audio track's when there is no video). */
  seconds: number;
  /** The fragment starts on a keyframe: a player can start decoding here. */
  independent: boolean;
  /** The video track's decode time at the fragment's start, in seconds. */
  startSeconds: number;
}

const NON_SYNC_SAMPLE = 0x10000;

/** Reads a moof box against the tracks of its initialization section. */
export function readFragment(moof: Buffer, init: InitInfo): FragmentInfo {
  const timed =
    init.tracks.find((track) => track.kind === 'video') ?? init.tracks.find((track) => track.kind === 'audio');
  for (const traf of children(moof).get('traf') ?? []) {
    const parts = children(traf);
    const tfhd = first(parts, 'tfhd');
    if (!tfhd || tfhd.length < 16) continue;
    const trackId = tfhd.readUInt32BE(12);
    if (trackId !== timed?.id) continue;
    const tfhdFlags = tfhd.readUInt32BE(8) & 0xffffff;
    let cursor = 16;
    if (tfhdFlags & 0x1) cursor += 8;
    if (tfhdFlags & 0x2) cursor += 4;
    let defaultDuration = timed.defaultDuration;
    let defaultFlags = timed.defaultFlags;
    if (tfhdFlags & 0x8) {
      defaultDuration = tfhd.readUInt32BE(cursor);
      cursor += 4;
    }
    if (tfhdFlags & 0x10) cursor += 4;
    if (tfhdFlags & 0x20) defaultFlags = tfhd.readUInt32BE(cursor);
    const tfdt = first(parts, 'tfdt');
    const decodeTime = !tfdt ? 0 : tfdt.readUInt8(8) === 1 ? Number(tfdt.readBigUInt64BE(12)) : tfdt.readUInt32BE(12);
    let duration = 0;
    let firstFlags: number | null = null;
    for (const trun of parts.get('trun') ?? []) {
      const flags = trun.readUInt32BE(8) & 0xffffff;
      const count = trun.readUInt32BE(12);
      let at = 16;
      if (flags & 0x1) at += 4;
      let firstSampleFlags: number | null = null;
      if (flags & 0x4) {
        firstSampleFlags = trun.readUInt32BE(at);
        at += 4;
      }
      for (let sample = 0; sample < count && at <= trun.length; sample++) {
        let sampleDuration = defaultDuration;
        let sampleFlags = sample === 0 && firstSampleFlags !== null ? firstSampleFlags : defaultFlags;
        if (flags & 0x100) {
          sampleDuration = trun.readUInt32BE(at);
          at += 4;
        }
        if (flags & 0x200) at += 4;
        if (flags & 0x400) {
          if (!(sample === 0 && firstSampleFlags !== null)) sampleFlags = trun.readUInt32BE(at);
          at += 4;
        }
        if (flags & 0x800) at += 4;
        duration += sampleDuration;
        firstFlags ??= sampleFlags;
      }
    }
    const timescale = timed.timescale || 1;
    return {
      seconds: duration / timescale,
      independent: timed.kind !== 'video' || (firstFlags !== null && (firstFlags & NON_SYNC_SAMPLE) === 0),
      startSeconds: decodeTime / timescale,
    };
  }
  return { seconds: 0, independent: false, startSeconds: 0 };
}

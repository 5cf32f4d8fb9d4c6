import { open, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Rung } from './hls-rungs.ts';
import { av1CodecString, avcCodecString, type MasterPlaylistVariant, renderMasterPlaylist } from './master-playlist.ts';
import { MediaError } from './media-error.ts';

export interface HlsVariant {
  name: string;
  width: number;
  height: number;
  /** Peak bits per second, as declared in the master playlist. */
  bandwidth: number;
  /** Relative to the ladder's directory, e.g. `v0/index.m3u8`. */
  playlist: string;
}

export interface HlsLadder {
  /** Relative to the ladder's directory: always `master.m3u8`. */
  masterPlaylist: string;
  /** H.264 variants, smallest first, in master playlist order. */
  variants: HlsVariant[];
  /** AV1 variants (fMP4), smallest first, listed after the H.264 ones. */
  av1Variants: HlsVariant[];
  /** Seconds of media in the largest H.264 variant, summed from its playlist. */
  durationSeconds: number;
}

const MASTER = 'master.m3u8';
const AAC_LC = 'mp4a.40.2';

/**
 * Checks what ffmpeg wrote to `dir` (H.264 variants `v<i>/`, AV1 variants `av1/v<i>/`) and writes the master
 * playlist: every variant, each with BANDWIDTH, RESOLUTION and CODECS (read from the first segment's headers), so
 * a player picks what it can play. Ours rather than ffmpeg's: ffmpeg leaves a variant out when it cannot tell its
 * bitrate, writes CODECS only when it can parse the encoder's headers, writes no master across two muxers, and
 * some builds crash writing one.
 */
export async function finishHlsLadder(dir: string, h264: readonly Rung[], av1: readonly Rung[]): Promise<HlsLadder> {
  const entries: MasterPlaylistVariant[] = [];
  const variants: HlsVariant[] = [];
  const av1Variants: HlsVariant[] = [];
  let durationSeconds = 0;

  for (const [i, rung] of h264.entries()) {
    const uri = `v${i}/index.m3u8`;
    const segments = await completeSegments(dir, uri, rung);
    const bandwidth = declaredBandwidth(rung);
    const codecs = await avcCodecsOf(join(dir, dirname(uri), segments[0]?.uri ?? ''));
    entries.push({ uri, width: rung.width, height: rung.height, bandwidth, codecs });
    variants.push({ name: rung.name, width: rung.width, height: rung.height, bandwidth, playlist: uri });
    durationSeconds = segments.reduce((sum, segment) => sum + segment.seconds, 0);
  }

  for (const [i, rung] of av1.entries()) {
    const uri = `av1/v${i}/index.m3u8`;
    const segments = await completeSegments(dir, uri, rung);
    const bandwidth = await measuredBandwidth(join(dir, dirname(uri)), segments);
    const codecs = `${await av1CodecsOf(join(dir, dirname(uri), 'init.mp4'))},${AAC_LC}`;
    entries.push({ uri, width: rung.width, height: rung.height, bandwidth, codecs });
    av1Variants.push({ name: rung.name, width: rung.width, height: rung.height, bandwidth, playlist: uri });
  }
  await writeFile(join(dir, MASTER), renderMasterPlaylist(entries));
  return { masterPlaylist: MASTER, variants, av1Variants, durationSeconds };
}

interface Segment {
  uri: string;
  seconds: number;
}

async function completeSegments(dir: string, uri: string, rung: Rung): Promise<Segment[]> {
  const text = await readFile(join(dir, uri), 'utf8').catch(() => '');
  if (!text.includes('#EXT-X-ENDLIST')) {
    throw new MediaError('FFMPEG_FAILED', `ffmpeg did not finish the ${rung.name} playlist.`);
  }
  const segments: Segment[] = [];
  let seconds: number | undefined;
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line.startsWith('#EXTINF:')) seconds = Number.parseFloat(line.slice('#EXTINF:'.length));
    else if (line && !line.startsWith('#') && seconds !== undefined) {
      segments.push({ uri: line, seconds });
      seconds = undefined;
    }
  }
  if (segments.length === 0) throw new MediaError('FFMPEG_FAILED', `The ${rung.name} playlist has no segments.`);
  return segments;
}

/** What ffmpeg would declare: the peak video rate (the VBV cap) plus audio, with 10 % for container overhead. */
function declaredBandwidth(rung: Rung): number {
  return Math.round((rung.videoMaxKbps + rung.audioKbps) * 1000 * 1.1);
}

/** The peak rate over the segments as written (the AV1 encode is constant quality without a rate cap). */
async function measuredBandwidth(dir: string, segments: readonly Segment[]): Promise<number> {
  let peak = 0;
  for (const segment of segments) {
    const { size } = await stat(join(dir, segment.uri));
    if (segment.seconds > 0.5) peak = Math.max(peak, (size * 8) / segment.seconds);
  }
  if (peak === 0) {
    const sizes = await Promise.all(segments.map((segment) => stat(join(dir, segment.uri))));
    const seconds = segments.reduce((sum, segment) => sum + segment.seconds, 0);
    peak = (sizes.reduce((sum, s) => sum + s.size, 0) * 8) / Math.max(seconds, 0.001);
  }
  return Math.round(peak * 1.1);
}

async function avcCodecsOf(segmentFile: string): Promise<string> {
  const avc = avcCodecString(await head(segmentFile));
  if (!avc) throw new MediaError('FFMPEG_FAILED', 'The first segment holds no H.264 parameter set.');
  return `${avc},${AAC_LC}`;
}

async function av1CodecsOf(initFile: string): Promise<string> {
  const av1 = av1CodecString(await head(initFile));
  if (!av1) throw new MediaError('FFMPEG_FAILED', 'The AV1 init segment holds no AV1 configuration.');
  return av1;
}

async function head(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const bytes = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, 0);
    return bytes.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
